import FeedParsing
import Fetching
import Foundation
import Model

/// How often a feed asks to be polled, by its own words (RSS `<ttl>`, `sy:updatePeriod`/`sy:updateFrequency`)
/// or its server's (`Cache-Control: max-age`, `Expires`). Hints only ever lengthen the configured interval.
public struct PollHint: Sendable, Equatable {
    public var seconds: TimeInterval
    /// What said so, for `feeds status`: "<ttl> 60m", "Cache-Control max-age 1800s", …
    public var source: String

    public init(seconds: TimeInterval, source: String) {
        self.seconds = seconds
        self.source = source
    }

    /// The feed's declared interval: `<ttl>` in minutes, else the syndication module's period over its frequency.
    public static func declared(by feed: ParsedFeed) -> PollHint? {
        if let minutes = feed.ttlMinutes, minutes > 0 {
            return PollHint(seconds: Double(minutes) * 60, source: "<ttl> \(minutes)m")
        }
        guard let period = feed.updatePeriod, let periodSeconds = syndicationPeriods[period] else { return nil }
        let frequency = max(feed.updateFrequency ?? 1, 1)
        return PollHint(seconds: periodSeconds / Double(frequency), source: "sy:updatePeriod \(period)/\(frequency)")
    }

    /// The server's freshness lifetime: `max-age` wins over `Expires`, as in HTTP caching (RFC 9111 §4.2.1).
    public static func freshness(of document: FetchedDocument, now: Date) -> PollHint? {
        if let cacheControl = document.headers["cache-control"], let maxAge = maxAge(in: cacheControl) {
            return maxAge > 0 ? PollHint(seconds: maxAge, source: "Cache-Control max-age \(Int(maxAge))s") : nil
        }
        guard let expires = document.headers["expires"], let date = FeedDateParser.parse(expires) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? PollHint(seconds: seconds, source: "Expires \(expires)") : nil
    }

    static func maxAge(in cacheControl: String) -> TimeInterval? {
        for directive in cacheControl.lowercased().split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "max-age", let value = Int(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))) {
                return TimeInterval(value)
            }
        }
        return nil
    }

    /// sy:updatePeriod's values (RSS 1.0 syndication module), in seconds.
    static let syndicationPeriods: [String: TimeInterval] = [
        "hourly": 3_600, "daily": 86_400, "weekly": 604_800, "monthly": 2_592_000, "yearly": 31_536_000,
    ]
}
