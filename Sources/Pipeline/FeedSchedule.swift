import Foundation

/// When a feed is due next: its interval after success, exponential backoff with jitter after failures
/// (never beyond `maxBackoff`, never disabled), and never before a server's Retry-After.
public struct FeedSchedule: Sendable {
    public var interval: TimeInterval
    public var minInterval: TimeInterval
    public var maxBackoff: TimeInterval

    public init(interval: TimeInterval, minInterval: TimeInterval, maxBackoff: TimeInterval) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxBackoff = maxBackoff
    }

    public func nextAfterSuccess(now: Date) -> Date {
        now.addingTimeInterval(max(interval, minInterval))
    }

    /// - Parameters:
    ///   - failures: consecutive failures including this one (1 after the first).
    ///   - jitter: a value in 0..<1; the wait is scaled by 0.75 + jitter/2 so failing feeds do not retry in step.
    public func nextAfterFailure(now: Date, failures: Int, retryAfter: Date?, jitter: Double) -> Date {
        let base = max(interval, minInterval)
        let exponent = Double(min(max(failures - 1, 0), 30))
        let backoff = min(base * pow(2, exponent), maxBackoff) * (0.75 + jitter / 2)
        let scheduled = now.addingTimeInterval(min(max(backoff, minInterval), maxBackoff))
        guard let retryAfter else { return scheduled }
        // Retry-After wins even over max_backoff, but is capped at a week to survive absurd dates.
        return max(scheduled, min(retryAfter, now.addingTimeInterval(7 * 86_400)))
    }
}
