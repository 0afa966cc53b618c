import Foundation

/// ISO-8601 UTC with seconds, the one way every output of ours writes an instant.
public enum ISOTime {
    public static func format(_ date: Date) -> String {
        var time = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// `YYYY-MM-DD` of the instant's UTC day: the change log's file name.
    public static func day(_ date: Date) -> String { String(format(date).prefix(10)) }
}
