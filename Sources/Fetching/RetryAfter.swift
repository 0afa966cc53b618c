import CCurl
import Foundation

/// Reads a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
enum RetryAfter {
    static func date(from value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return now.addingTimeInterval(TimeInterval(seconds)) }
        let parsed = curl_getdate(trimmed, nil)
        return parsed > 0 ? Date(timeIntervalSince1970: TimeInterval(parsed)) : nil
    }
}
