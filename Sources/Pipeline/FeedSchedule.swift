import Foundation

/// When a feed is due next: its interval after success, raised by the feed's or its server's own hints and
/// stretched by jitter; exponential backoff with jitter after failures (never beyond `maxBackoff`, never
/// disabled), and never before a server's Retry-After.
public struct FeedSchedule: Sendable {
    public var interval: TimeInterval
    public var minInterval: TimeInterval
    public var maxBackoff: TimeInterval
    /// The largest share by which a wait after success is stretched at random (0.1: up to 10% longer).
    public var jitter: Double

    public init(interval: TimeInterval, minInterval: TimeInterval, maxBackoff: TimeInterval, jitter: Double = 0) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxBackoff = maxBackoff
        self.jitter = jitter
    }

    /// - Parameters:
    ///   - hints: what the feed and its server asked for; the longest wins when it exceeds the interval, capped at
    ///     `maxBackoff` so a feed that claims a yearly period is still read daily.
    ///   - random: a value in 0..<1 scaling the jitter.
    public func nextAfterSuccess(now: Date, hints: [PollHint], random: Double) -> (due: Date, reason: String) {
        let base = max(interval, minInterval)
        var wait = base
        var reason = "interval \(Self.format(base))"
        if let longest = hints.max(by: { $0.seconds < $1.seconds }), longest.seconds > base {
            wait = min(longest.seconds, max(maxBackoff, base))
            reason = wait < longest.seconds ? "\(longest.source), capped at max_backoff" : longest.source
        }
        return (now.addingTimeInterval(wait * (1 + jitter * random)), reason)
    }

    static func format(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        if whole % 3600 == 0 { return "\(whole / 3600)h" }
        if whole % 60 == 0 { return "\(whole / 60)m" }
        return "\(whole)s"
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
