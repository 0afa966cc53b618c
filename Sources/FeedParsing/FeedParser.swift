import Foundation

/// The feed-parsing stage: bytes in, `ParsedFeed` out. Picks JSON Feed or XML by the content itself.
public struct FeedParser: Sendable {
    /// Shared by copies of this parser: keep one parser for many documents and they reuse libxml2's contexts.
    private let contexts = ParserContextPool()

    public init() {}

    /// - Parameters:
    ///   - source: names the feed in errors (a feed name, a file path or a URL).
    ///   - baseURL: where the document came from; relative links resolve against it (after xml:base).
    ///   - contentType: the HTTP Content-Type (media type and charset), if the document came over HTTP.
    public func parse(_ data: Data, source: String, baseURL: String?, contentType: String? = nil) throws(FeedParseError) -> ParsedFeed {
        let start = data.prefix(64).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if start.first == UInt8(ascii: "{") {
            return try JSONFeedReader(source: source, baseURL: baseURL).read(data)
        }
        guard !data.isEmpty else { throw FeedParseError(source: source, reason: "empty document") }
        return try XMLFeedReader(source: source, baseURL: baseURL, contexts: contexts).read(data, contentType: contentType)
    }
}
