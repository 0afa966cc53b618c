import Synchronization

/// The page fetches a cycle may still make (`fetch.max_pages_per_cycle`), drawn by its feeds as they go.
final class PageBudget: Sendable {
    private let left: Mutex<Int>

    init(_ pages: Int) { left = Mutex(max(0, pages)) }

    /// Grants up to `wanted` pages and returns how many were granted.
    func take(_ wanted: Int) -> Int {
        left.withLock { left in
            let granted = min(max(0, wanted), left)
            left -= granted
            return granted
        }
    }
}
