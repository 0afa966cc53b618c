import CCurl
import Foundation
import Synchronization

/// Runs every transfer on one libcurl multi handle, driven by a single thread: Swift tasks hand transfers in
/// and await their continuations; no thread is spent per transfer.
///
/// `@unchecked Sendable`: `inbox` is behind a Mutex; `multi` is immutable and only `curl_multi_wakeup` (documented
/// thread-safe) is called on it off the engine thread; `LoopState` is touched only by the engine thread.
final class CurlMultiEngine: @unchecked Sendable {
    private struct Inbox {
        var arrivals: [CurlTransfer] = []
        var stopping = false
    }

    private struct LoopState {
        var waiting = HostFairQueue()
        var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var perHost: [String: Int] = [:]
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    let options: FetchOptions
    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private var state = LoopState()

    init(options: FetchOptions) {
        Self.globalInit
        self.options = options
        multi = curl_multi_init()
        // libcurl reuses connections and caches DNS across the multi's transfers; keep a modest cache.
        sw_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(options.concurrency, 8))
        let thread = Thread { [self] in runLoop() }
        thread.name = "summitwatch-curl"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.stopping else { return false }
            inbox.arrivals.append(transfer)
            return true
        }
        if accepted {
            curl_multi_wakeup(multi)
        } else {
            transfer.fail(FetchError(kind: .cancelled, url: transfer.request.url, message: "the fetcher is shutting down"))
        }
    }

    func wake() { curl_multi_wakeup(multi) }

    /// Ends the loop: running and waiting transfers fail as cancelled, then the multi handle is freed.
    func shutdown() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    private func runLoop() {
        while true {
            let (arrivals, stopping) = inbox.withLock { inbox in
                defer { inbox.arrivals = [] }
                return (inbox.arrivals, inbox.stopping)
            }
            if stopping { break }
            for transfer in arrivals { state.waiting.append(transfer) }
            startWaiting()
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            // Finished transfers free slots: start the waiting ones now rather than after the next poll, which
            // would sleep its whole timeout when nothing else is in flight.
            if collectFinished() > 0 && !state.waiting.isEmpty { continue }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        tearDown()
    }

    private func startWaiting() {
        while state.running.count < options.concurrency {
            let limit = options.perHost
            guard let transfer = state.waiting.next(where: { [state] in state.perHost[$0, default: 0] < limit }) else { return }
            if transfer.cancelled.load(ordering: .relaxed) {
                transfer.fail(FetchError(kind: .cancelled, url: transfer.request.url, message: "cancelled before it started"))
                continue
            }
            guard let easy = transfer.makeHandle(options: options) else { continue }
            state.running[easy] = transfer
            state.perHost[transfer.host, default: 0] += 1
            curl_multi_add_handle(multi, easy)
        }
    }

    @discardableResult
    private func collectFinished() -> Int {
        var code = CURLE_OK
        var finished = 0
        while let easy = sw_multi_next_done(multi, &code) {
            finished += 1
            curl_multi_remove_handle(multi, easy)
            if let transfer = state.running.removeValue(forKey: easy) {
                state.perHost[transfer.host, default: 1] -= 1
                transfer.complete(code: code)
            }
            curl_easy_cleanup(easy)
        }
        return finished
    }

    private func tearDown() {
        let leftovers =
            state.waiting.removeAll()
            + inbox.withLock { inbox in
                defer { inbox.arrivals = [] }
                return inbox.arrivals
            }
        for transfer in leftovers {
            transfer.fail(FetchError(kind: .cancelled, url: transfer.request.url, message: "the fetcher shut down"))
        }
        for (easy, transfer) in state.running {
            curl_multi_remove_handle(multi, easy)
            transfer.fail(FetchError(kind: .cancelled, url: transfer.request.url, message: "the fetcher shut down"))
            curl_easy_cleanup(easy)
        }
        state.running = [:]
        curl_multi_cleanup(multi)
    }
}
