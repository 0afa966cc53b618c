import CLibXML2
import Model

/// Runs libxml2's push parser over a whole document with SAX2 callbacks feeding a `FeedEventHandler`: the
/// document is read once and no tree is built. Entities are never substituted and no DTD is loaded.
enum FeedSAXParser {
    struct Outcome {
        /// The root element's name, empty when there was none.
        var rootName: String
        /// The feed, or nil when the document held nothing of one.
        var feed: ParsedFeed?
        /// Why the document is not well-formed (it was then recovered), or nil when it is.
        var strictError: String?
        /// The input ran out while libxml2 still expected the root element: nothing but a prolog came before.
        var endedInProlog = false
    }

    /// `bytes` are UTF-8, whatever the document declares.
    static func parse(_ bytes: [UInt8], options: Int32, baseURL: String?, contexts: ParserContextPool) -> Outcome {
        let outcome = contexts.withContext(callbacks: callbacks) { context, handler in
            xmlCtxtResetPush(context, nil, 0, nil, nil)
            _ = xmlCtxtUseOptions(context, options)
            handler.begin(baseURL: baseURL, context: context)
            context.pointee._private = Unmanaged.passUnretained(handler).toOpaque()
            withExtendedLifetime(handler) { feed(bytes, to: context) }
            let strictError =
                handler.depthExceeded
                ? "line \(xmlSAX2GetLineNumber(context)): elements nest deeper than \(FeedEventHandler.maxDepth); read up to there"
                : context.pointee.wellFormed == 0 ? describeError(context, openElements: handler.openElements) : nil
            let endedInProlog = handler.rootName.isEmpty && context.pointee.lastError.code == Int32(XML_ERR_DOCUMENT_END.rawValue)
            return Outcome(rootName: handler.rootName, feed: handler.finishedFeed(), strictError: strictError, endedInProlog: endedInProlog)
        }
        return outcome ?? Outcome(rootName: "", feed: nil, strictError: "libxml2 could not allocate a parser")
    }

    /// In pieces: given more than 10 MB at once, the push parser stops looking ahead ("Huge input lookup") and the
    /// feed would be flagged ill-formed for its size. Small documents, nearly all of them, go in one call.
    private static func feed(_ bytes: [UInt8], to context: xmlParserCtxtPtr) {
        let piece = 1 << 20
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                var offset = 0
                repeat {
                    let length = min(piece, buffer.count - offset)
                    let isLast = offset + length == buffer.count
                    _ = xmlParseChunk(context, start + offset, Int32(length), isLast ? 1 : 0)
                    offset += length
                } while offset < buffer.count && context.pointee.disableSAX == 0  // stopped: the rest is not read
            }
        }
    }

    private static func describeError(_ context: xmlParserCtxtPtr, openElements: Int) -> String {
        let error = context.pointee.lastError
        // At the end of its input the push parser reports a cut-off document as "extra content".
        if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue) && openElements > 0 {
            return "line \(error.line): document ends before \(openElements) element(s) are closed"
        }
        let message = error.message.map { String(cString: $0).trimmed } ?? "not well-formed XML"
        return "line \(error.line): \(message)"
    }

    /// libxml2's own SAX2 handlers for the DTD (so declared entities stay known and undeclared ones are errors),
    /// ours for the document. No document object is made unless there is a DOCTYPE to hang the DTD on.
    private static func callbacks() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        xmlSAXVersion(&sax, 2)
        sax.startDocument = { _ in }
        sax.endDocument = { _ in }
        sax.internalSubset = { context, name, externalID, systemID in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            if parser.pointee.myDoc == nil { xmlSAX2StartDocument(context) }
            xmlSAX2InternalSubset(context, name, externalID, systemID)
            withEventHandler(context) { $0.doctypePublicID = externalID.map { String(cString: $0) } }
        }
        sax.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
            guard let localName else { return }
            withEventHandler(context) {
                $0.startElement(
                    localName, prefix: prefix, uri: uri, namespaces: namespaces, namespaceCount: namespaceCount,
                    attributes: attributes, attributeCount: attributeCount, defaulted: defaulted)
            }
        }
        sax.endElementNs = { context, localName, prefix, _ in
            guard let localName else { return }
            withEventHandler(context) { $0.endElement(localName, prefix: prefix) }
        }
        sax.characters = { context, text, count in
            guard let text else { return }
            withEventHandler(context) { $0.characters(text, count: Int(count)) }
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = sax.characters
        sax.reference = { context, name in
            guard let name else { return }
            withEventHandler(context) { $0.reference(name) }
        }
        sax.comment = { context, _ in withEventHandler(context) { $0.otherNode() } }
        sax.processingInstruction = { context, _, _ in withEventHandler(context) { $0.otherNode() } }
        return sax
    }
}

/// Runs `body` with the handler a callback's parser context was set up with (a free function: C callbacks cannot
/// capture). The parse keeps the handler alive, so it is lent without a retain and release per event.
private func withEventHandler(_ context: UnsafeMutableRawPointer?, _ body: (FeedEventHandler) -> Void) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = parser.pointee._private else { return }
    Unmanaged<FeedEventHandler>.fromOpaque(owner)._withUnsafeGuaranteedRef { handler in
        if handler.context == parser { body(handler) }
    }
}
