import CLibXML2
import Foundation
import Model

/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 from bytes with libxml2: strict first, leniently when that fails
/// (the feed is then flagged `bozo`). Never expands entities, never touches the network.
struct XMLFeedReader {
    let source: String
    let baseURL: String?
    let contexts: ParserContextPool
    let converters: CharsetConverterPool

    private static let maxBytes = 50 << 20
    private static let hardened: Void = sw_libxml2_harden()

    func read(_ data: Data, contentType: String?) throws(FeedParseError) -> ParsedFeed {
        Self.hardened
        sw_libxml2_silence_thread()
        guard data.count <= Self.maxBytes else {
            throw FeedParseError(source: source, reason: "document larger than \(Self.maxBytes >> 20) MiB")
        }
        let bytes = [UInt8](data)
        let decoded = transcoded(FeedDecoding.decode(bytes, httpContentType: contentType), of: bytes, contentType: contentType)
        let prepared = UndeclaredEntityRewriter.rewrite(decoded.utf8)
        // Below 64 KiB no element can carry enough attributes to matter (10,000 take libxml2 about 0.06 s).
        if prepared.bytes.count > 65_536, let offset = AttributeCountGuard.firstExcess(in: prepared.bytes) {
            throw FeedParseError(source: source, reason: "the element at byte \(offset) has more than \(AttributeCountGuard.limit) attributes")
        }
        let bozoReason: String? = decoded.problem ?? (prepared.rewroteUndeclared ? "undefined entity" : nil)
        do {
            return try feed(from: prepared.bytes, bozoReason: bozoReason)
        } catch {
            // Something before the root (a PHP warning, stray text, a second BOM) hides a whole feed: read that.
            guard let start = Self.laterFeedRoot(in: prepared.bytes) else { throw error }
            return try feed(from: Array(prepared.bytes[start...]), bozoReason: "\(start) bytes before the feed's root element skipped")
        }
    }

    /// `decoded` in UTF-8, through iconv for the encodings we do not decode ourselves. When no converter knows the
    /// encoding (libxml2 would refuse the document), feedparser's order: an unknown HTTP charset gives way to the
    /// XML declaration, an unknown declaration to UTF-8 if the bytes are valid, else windows-1252.
    private func transcoded(_ decoded: FeedDecoding, of bytes: [UInt8], contentType: String?) -> FeedDecoding {
        guard let encoding = decoded.iconvEncoding else { return decoded }
        if let converted = converters.utf8(from: decoded.utf8, encoding: encoding) {
            var result = decoded
            result.utf8 = converted.utf8
            result.iconvEncoding = nil
            if converted.replaced > 0 { result.problem = result.problem ?? "\(converted.replaced) byte(s) not valid in \(encoding) read as U+FFFD" }
            return result
        }
        if let contentType, let charset = ContentType.charset(in: contentType), charset.lowercased() == encoding,
            let mediaType = contentType.split(separator: ";").first
        {
            var declared = transcoded(FeedDecoding.decode(bytes, httpContentType: String(mediaType)), of: bytes, contentType: nil)
            declared.problem = "unknown encoding \(charset) in Content-Type, ignored" + (declared.problem.map { "; \($0)" } ?? "")
            return declared
        }
        return decoded.fallingBack(from: encoding)
    }

    /// The feed in `bytes` (UTF-8), flagged with `bozoReason` or else with libxml2's error, if any.
    private func feed(from bytes: [UInt8], bozoReason: String?) throws(FeedParseError) -> ParsedFeed {
        var bozoReason = bozoReason
        var outcome = FeedSAXParser.parse(bytes, options: Self.options, baseURL: baseURL, contexts: contexts)
        if let strictError = outcome.strictError, bozoReason == nil { bozoReason = strictError }
        if outcome.rootName.isEmpty {
            // Only whitespace, a declaration, comments or a DOCTYPE: an empty feed, as feedparser returns it. Anything
            // else without a root element (text, binary) holds nothing readable and is refused.
            guard outcome.endedInProlog else { throw FeedParseError(source: source, reason: bozoReason ?? "document has no root element") }
            return ParsedFeed(bozo: true, bozoReason: "the document ends before its root element")
        }
        guard outcome.feed != nil else {
            throw FeedParseError(source: source, reason: "root element <\(outcome.rootName)> is not RSS, RDF or Atom")
        }
        outcome.feed!.bozo = bozoReason != nil
        outcome.feed!.bozoReason = bozoReason
        return outcome.feed.take()!
    }

    private static let feedRootTags = ["<rss", "<feed", "<rdf:RDF", "<RDF"].map { Array($0.utf8) }
    /// What hides a feed's root is a few lines of warnings or text; past this a document is something else.
    private static let rootSearchLimit = 65_536

    /// Where the first start tag of a feed's root (`<rss`, `<feed`, `<rdf:RDF`) begins, when it is not at the start.
    private static func laterFeedRoot(in bytes: [UInt8]) -> Int? {
        let head = bytes.prefix(rootSearchLimit)
        let starts = feedRootTags.compactMap { tag -> Int? in
            var from = 1
            while let start = ByteSearch.firstIndex(of: tag, in: head, from: from) {
                let next = start + tag.count
                if next < head.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(head[next]) { return start }
                from = start + 1
            }
            return nil
        }
        return starts.min()
    }

    /// NONET: no network; no NOENT / DTDLOAD: entities are never substituted and no external DTD is read.
    /// The bytes are UTF-8 by now, so the document's declaration is ignored and no encoding is named, which spares
    /// libxml2 a UTF-8 to UTF-8 conversion pass (and a refusal of an encoding it does not know).
    /// Ours (shim: sw_xml_options), plus CDATA as text and the encoding already decoded to UTF-8 by us.
    private static let options = sw_xml_options() | Int32(XML_PARSE_NOCDATA.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
}
