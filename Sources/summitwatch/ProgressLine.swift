import Foundation
import Pipeline
import Synchronization

/// One status line on stderr, rewritten in place while `fetch` runs on a terminal: feeds done, pages fetched,
/// articles stored, their rate and failures so far. Scripts and journald (stderr not a terminal) never see it.
final class ProgressLine: Sendable {
    /// At most this many redraws a second: a terminal is read by a person, and each redraw is a write.
    private static let redrawsPerSecond = 10.0
    private let lastDrawn = Mutex<Date>(.distantPast)

    /// A progress line when stderr is a terminal; nil otherwise.
    static func onTerminal() -> ProgressLine? { isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil }

    func show(_ progress: CycleProgress) {
        let now = Date()
        let due = lastDrawn.withLock { last in
            guard now.timeIntervalSince(last) >= 1 / Self.redrawsPerSecond else { return false }
            last = now
            return true
        }
        guard due else { return }
        let text = String(
            format: "feeds %d/%d · pages %d · articles %d (%.0f/s) · failures %d", progress.feedsDone, progress.feedsTotal, progress.pagesFetched,
            progress.articlesStored, progress.articlesPerSecond(now: now), progress.failures)
        // \r to the line's start, the text, then erase what a longer previous line left (ESC [ K).
        write("\r" + text + "\u{1B}[K")
    }

    func clear() { write("\r\u{1B}[K") }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
