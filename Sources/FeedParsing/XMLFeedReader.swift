import CLibXML2
import Foundation

/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 from bytes with libxml2: strict first, leniently when that fails
/// (the feed is then flagged `bozo`). Never expands entities, never touches the network.
struct XMLFeedReader {
    let source: String
    let baseURL: String?

    private static let maxBytes = 50 << 20
    private static let hardened: Void = sw_libxml2_harden()

    func read(_ data: Data, contentType: String?) throws(FeedParseError) -> ParsedFeed {
        Self.hardened
        guard data.count <= Self.maxBytes else {
            throw FeedParseError(source: source, reason: "document larger than \(Self.maxBytes >> 20) MiB")
        }
        let decoded = FeedDecoding.decode([UInt8](data), httpContentType: contentType)
        let prepared = UndeclaredEntityRewriter.rewrite(decoded.utf8)
        var bozoReason: String? = decoded.problem ?? (prepared.rewroteUndeclared ? "undefined entity" : nil)
        let (doc, strictError) = parse(prepared.bytes, encoding: decoded.libxmlEncoding)
        if let strictError, bozoReason == nil { bozoReason = strictError }
        guard let doc else { throw FeedParseError(source: source, reason: bozoReason ?? "unreadable XML") }
        defer { xmlFreeDoc(doc) }
        guard let rootNode = xmlDocGetRootElement(doc) else {
            throw FeedParseError(source: source, reason: "document has no root element")
        }
        var walker = FeedTreeWalker(baseURL: baseURL)
        walker.doctypePublicID = doc.pointee.intSubset?.pointee.ExternalID.map { String(cString: $0) }
        var feed = walker.walk(XMLNodeView(node: rootNode))
        if feed.version.isEmpty && feed.items.isEmpty && feed.title == nil {
            throw FeedParseError(source: source, reason: "root element <\(XMLNodeView(node: rootNode).localName)> is not RSS, RDF or Atom")
        }
        feed.bozo = bozoReason != nil
        feed.bozoReason = bozoReason
        return feed
    }

    /// One recovering parse; the parser context says whether the document was well-formed, and why not.
    private func parse(_ bytes: [UInt8], encoding: String?) -> (xmlDocPtr?, String?) {
        // NONET: no network; no NOENT / DTDLOAD: entities are never substituted and no external DTD is read.
        // Bytes are UTF-8 already unless libxml2 must transcode them: then the document's declaration is ignored and
        // no encoding is named, which spares libxml2 a UTF-8 to UTF-8 conversion pass.
        let ignoreDeclaration = encoding == nil ? Int32(XML_PARSE_IGNORE_ENC.rawValue) : 0
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_NOERROR.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue
                            | XML_PARSE_RECOVER.rawValue) | ignoreDeclaration
        guard let context = xmlNewParserCtxt() else { return (nil, "libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(context) }
        sw_ctxt_silence(context)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlCtxtReadMemory(context, pointer, Int32(buffer.count), baseURL, encoding, options)
            }
        }
        guard context.pointee.wellFormed == 0 else { return (doc, nil) }
        let error = context.pointee.lastError
        let message = error.message.map { String(cString: $0).trimmed } ?? "not well-formed XML"
        return (doc, "line \(error.line): \(message)")
    }

}
