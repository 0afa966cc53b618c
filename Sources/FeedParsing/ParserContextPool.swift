import CLibXML2
import Synchronization

/// libxml2 push-parser contexts kept for reuse, each with its event handler: making and freeing them costs about as
/// much as parsing a small feed. A context is lent to one parse at a time and reset before each.
final class ParserContextPool: Sendable {
    /// A context and its handler that nobody is using. They only move between threads through the pool's lock, and
    /// are used by the one parse that took them, so no two threads ever touch them at once.
    private struct IdleContext: @unchecked Sendable {
        let pointer: xmlParserCtxtPtr
        let handler: FeedEventHandler
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
    func withContext<Result>(callbacks: () -> xmlSAXHandler, _ body: (xmlParserCtxtPtr, FeedEventHandler) -> Result) -> Result? {
        guard let taken = idle.withLock({ $0.popLast() }) ?? Self.makeContext(callbacks()) else { return nil }
        let context = taken.pointer
        let result = body(context, taken.handler)
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        context.pointee.myDoc = nil
        context.pointee._private = nil
        let keep =
            xmlDictSize(context.pointee.dict) <= Self.maxDictionaryNames
            && idle.withLock { contexts in
                guard contexts.count < Self.maxIdle else { return false }
                contexts.append(taken)
                return true
            }
        if !keep { xmlFreeParserCtxt(context) }
        return result
    }

    private static func makeContext(_ callbacks: xmlSAXHandler) -> IdleContext? {
        var callbacks = callbacks
        guard let context = xmlCreatePushParserCtxt(&callbacks, nil, nil, 0, nil) else { return nil }
        sw_ctxt_silence(context)
        return IdleContext(pointer: context, handler: FeedEventHandler())
    }
}
