import Foundation
import Synchronization

/// The fetch stage's front door: GETs over one shared libcurl multi engine, with the config's limits.
/// Create one per process (or per cycle) and share it; `shutdown()` ends its engine thread.
public final class HTTPFetcher: Sendable {
    private let engine: CurlMultiEngine

    public init(options: FetchOptions) {
        engine = CurlMultiEngine(options: options)
    }

    deinit { engine.shutdown() }

    public var options: FetchOptions { engine.options }

    /// Fetches one URL. Never throws: the result says what happened, failures carry their class.
    public func fetch(_ request: FetchRequest) async -> Result<FetchedDocument, FetchError> {
        guard Self.isHTTP(request.url) else {
            return .failure(FetchError(kind: .protocol, url: request.url, message: "only http and https URLs are fetched"))
        }
        let box = TransferBox()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let transfer = CurlTransfer(request: request, options: engine.options, continuation: continuation)
                box.set(transfer)
                engine.submit(transfer)
            }
        } onCancel: {
            box.cancel()
            engine.wake()
        }
    }

    public func shutdown() { engine.shutdown() }

    static func isHTTP(_ url: String) -> Bool {
        let head = url.prefix(8).lowercased()
        return head.hasPrefix("http://") || head.hasPrefix("https://")
    }
}

/// Lets the cancellation handler reach a transfer created inside the continuation closure, whichever comes first.
private final class TransferBox: Sendable {
    private let state = Mutex<(transfer: CurlTransfer?, cancelled: Bool)>((nil, false))

    func set(_ value: CurlTransfer) {
        state.withLock { state in
            state.transfer = value
            if state.cancelled { value.cancelled.store(true, ordering: .relaxed) }
        }
    }

    func cancel() {
        state.withLock { state in
            state.cancelled = true
            state.transfer?.cancelled.store(true, ordering: .relaxed)
        }
    }
}
