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
        let prepared = UndeclaredEntityRewriter.rewrite(Data(decoded.utf8))
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

    /// A strict parse, then a recovering one if the strict one fails. Returns the document and, when the strict
    /// parse failed, why.
    private func parse(_ bytes: [UInt8], encoding: String?) -> (xmlDocPtr?, String?) {
        // NONET: no network; no NOENT / DTDLOAD: entities are never substituted and no external DTD is read.
        // Bytes are UTF-8 already unless libxml2 must transcode them: the document's own declaration is then ignored.
        let ignoreDeclaration = encoding == nil ? Int32(XML_PARSE_IGNORE_ENC.rawValue) : 0
        let base = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOWARNING.rawValue
                         | XML_PARSE_NOERROR.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue) | ignoreDeclaration
        if let doc = readMemory(bytes, encoding: encoding, options: base) { return (doc, nil) }
        let reason = lastErrorMessage() ?? "not well-formed XML"
        let lenient = readMemory(bytes, encoding: encoding, options: base | Int32(XML_PARSE_RECOVER.rawValue))
        return (lenient, reason)
    }

    private func readMemory(_ bytes: [UInt8], encoding: String?, options: Int32) -> xmlDocPtr? {
        xmlResetLastError()
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlReadMemory(pointer, Int32(buffer.count), baseURL, encoding ?? "UTF-8", options)
            }
        }
    }

    private func lastErrorMessage() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return "line \(error.pointee.line): \(text)"
    }
}
