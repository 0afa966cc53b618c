import Foundation

/// The feed-parsing stage: bytes in, `ParsedFeed` out. Picks JSON Feed or XML by the content itself.
public struct FeedParser: Sendable {
    /// What copies of this parser share: keep one parser for many documents and they reuse libxml2's contexts
    /// and iconv's converters.
    private final class Pools: Sendable {
        let contexts = ParserContextPool()
        let converters = CharsetConverterPool()
    }

    private let pools = Pools()

    public init() {}

    /// - Parameters:
    ///   - source: names the feed in errors (a feed name, a file path or a URL).
    ///   - baseURL: where the document came from; relative links resolve against it (after xml:base).
    ///   - contentType: the HTTP Content-Type (media type and charset), if the document came over HTTP.
    public func parse(_ data: Data, source: String, baseURL: String?, contentType: String? = nil) throws(FeedParseError) -> ParsedFeed {
        if Self.firstSignificantByte(data) == UInt8(ascii: "{") {
            return try JSONFeedReader(source: source, baseURL: baseURL).read(data)
        }
        guard !data.isEmpty else { throw FeedParseError(source: source, reason: "empty document") }
        return try XMLFeedReader(source: source, baseURL: baseURL, contexts: pools.contexts, converters: pools.converters).read(data, contentType: contentType)
    }

    /// The first byte that is not whitespace or part of a UTF-8 BOM, within the first 64.
    private static func firstSignificantByte(_ data: Data) -> UInt8? {
        data.withUnsafeBytes { bytes in
            bytes.prefix(64).first { byte in
                byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0xEF && byte != 0xBB && byte != 0xBF
            }
        }
    }
}
