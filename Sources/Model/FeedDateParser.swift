import Foundation

/// Reads the dates feeds write, the families feedparser 6 reads: W3CDTF (and MSSQL's spaced form) first, then
/// RFC 822 and its real-world variants (asctime, Perforce, Greek names), then the ISO 8601 templates, then the
/// Korean and Hungarian forms. Always to UTC. Every reader takes the whole string or nothing, so a date is never
/// read in part (feedparser reads `2004-05-25 오후 11:23:17` as midnight); an unreadable date is nil, never "now".
public enum FeedDateParser {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { return nil }
        // W3CDTF starts with a four-digit year; RSS's RFC 822 dates start with a weekday and skip the attempt.
        if trimmed.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true, let date = W3CDateReader.read(trimmed) { return date }
        let translated = ForeignDateNames.translate(trimmed)
        if let date = RFC822DateReader.read(translated) { return date }
        if let date = ISO8601PrefixReader.read(trimmed) { return date }
        if HungarianDateReader.mayMatch(trimmed), let date = HungarianDateReader.read(trimmed) { return date }
        if !trimmed.isAllASCII, let date = KoreanDateReader.read(trimmed) { return date }
        return nil
    }
}

/// Proleptic Gregorian day counting, so that years 99 and 10000 work as well as 2025 (Howard Hinnant's algorithm).
enum CivilCalendar {
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Years a date may name: far past 9999 and before year 1, yet small enough that no day count overflows.
    static let years: ClosedRange<Int64> = -1_000_000...1_000_000
    /// How far a time component may overflow and still be carried (hour 25, minute 61, a -99:99 zone): a
    /// million of any unit keeps the sum of seconds far inside Int64 (a fuzzed year of 5×10^16 trapped).
    static let carriedComponent: ClosedRange<Int64> = -1_000_000...1_000_000

    /// Components may overflow (hour 25, a -99:99 zone): the arithmetic carries them like feedparser does.
    static func date(
        year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0,
        offsetMinutes: Int64 = 0
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), years.contains(year),
            [hour, minute, second, offsetMinutes].allSatisfy(carriedComponent.contains)
        else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func date(year: Int64, ordinal: Int64) -> Date? {
        guard (1...366).contains(ordinal), years.contains(year) else { return nil }
        let seconds = (days(year: year, month: 1, day: 1) + ordinal - 1) * 86_400
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
