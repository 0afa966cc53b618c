import CLibXML2
import Synchronization

/// libxml2 push-parser contexts kept for reuse: making and freeing one costs about as much as parsing a small
/// feed. A context is lent to one parse at a time and reset before each.
final class ParserContextPool: Sendable {
    /// A context nobody is using. The pointer only moves between threads through the pool's lock, and a context
    /// is used by the one parse that took it, so no two threads ever touch it at once.
    private struct IdleContext: @unchecked Sendable {
        let pointer: xmlParserCtxtPtr
    }

    private let idle = Mutex<[IdleContext]>([])
    private static let maxIdle = 8
    /// Names pile up in a context's dictionary across documents; past this many it is freed rather than kept.
    private static let maxDictionaryNames = 20_000

    deinit {
        idle.withLock { contexts in
            for context in contexts { xmlFreeParserCtxt(context.pointer) }
            contexts.removeAll()
        }
    }

    /// Runs `body` with a context that has `callbacks` as its SAX handler, or returns nil if none could be made.
    func withContext<Result>(callbacks: () -> xmlSAXHandler, _ body: (xmlParserCtxtPtr) -> Result) -> Result? {
        guard let context = idle.withLock({ $0.popLast() })?.pointer ?? Self.makeContext(callbacks()) else { return nil }
        let result = body(context)
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        context.pointee.myDoc = nil
        context.pointee._private = nil
        let keep = xmlDictSize(context.pointee.dict) <= Self.maxDictionaryNames
            && idle.withLock { contexts in
                guard contexts.count < Self.maxIdle else { return false }
                contexts.append(IdleContext(pointer: context))
                return true
            }
        if !keep { xmlFreeParserCtxt(context) }
        return result
    }

    private static func makeContext(_ callbacks: xmlSAXHandler) -> xmlParserCtxtPtr? {
        var callbacks = callbacks
        guard let context = xmlCreatePushParserCtxt(&callbacks, nil, nil, 0, nil) else { return nil }
        sw_ctxt_silence(context)
        return context
    }
}
