import Foundation

/// The two Korean forms feedparser reads (datetimes/korean.py), both in Korean Standard Time (UTC+9), whole string only:
/// OnBlog `2004년 05월 28일 01:31:15` and Nate `2004-05-25 오후 11:23:17` (오전 = a.m., 오후 = p.m.).
enum KoreanDateReader {
    private static let koreaOffsetMinutes: Int64 = 9 * 60  // KST has no daylight saving time

    static func read(_ text: String) -> Date? {
        let words = text.split(whereSeparator: \.isWhitespace)
        switch words.count {
        case 4: return readOnBlog(words)
        case 3: return readNate(words)
        default: return nil
        }
    }

    private static func readOnBlog(_ words: [Substring]) -> Date? {
        guard let year = decimalNumber(words[0], suffix: "년", digits: 4...4), let month = decimalNumber(words[1], suffix: "월", digits: 2...2),
            let day = decimalNumber(words[2], suffix: "일", digits: 2...2), let (hour, minute, second) = clock(words[3]), hour < 24
        else { return nil }
        return CivilCalendar.date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offsetMinutes: koreaOffsetMinutes)
    }

    private static func readNate(_ words: [Substring]) -> Date? {
        let date = words[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, let year = decimalNumber(date[0], suffix: "", digits: 4...4), let month = decimalNumber(date[1], suffix: "", digits: 2...2),
            let day = decimalNumber(date[2], suffix: "", digits: 2...2), let (hour12, minute, second) = clock(words[2]),
            (1...12).contains(hour12)
        else { return nil }
        let hour: Int64
        switch words[1] {
        case "오전": hour = hour12 % 12  // 12 a.m. is midnight
        case "오후": hour = hour12 % 12 + 12  // 12 p.m. is noon
        default: return nil  // a lone 오 could be either half of the day
        }
        return CivilCalendar.date(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offsetMinutes: koreaOffsetMinutes)
    }

    /// `h:mm:ss` with one or two digits per field.
    private static func clock(_ word: Substring) -> (Int64, Int64, Int64)? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let h = decimalNumber(parts[0], suffix: "", digits: 1...2), let m = decimalNumber(parts[1], suffix: "", digits: 1...2),
            let s = decimalNumber(parts[2], suffix: "", digits: 1...2), m < 60, s < 62
        else { return nil }
        return (h, m, s)
    }
}

/// The Hungarian form feedparser reads (datetimes/hungarian.py), whole string only: `2004-július-13T9:15-05:00`,
/// a month name between the year and the day, a time without seconds and a `±h:mm` offset.
enum HungarianDateReader {
    /// The month names, plus the two misspellings feedparser's table has ("februári", "máujus").
    private static let months: [String: Int64] = [
        "január": 1, "február": 2, "februári": 2, "március": 3, "április": 4, "május": 5, "máujus": 5, "június": 6,
        "július": 7, "augusztus": 8, "szeptember": 9, "október": 10, "november": 11, "december": 12,
    ]

    static func read(_ text: String) -> Date? {
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let date = halves[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, let year = decimalNumber(date[0], suffix: "", digits: 4...4),
            let month = months[date[1].lowercased()], let day = decimalNumber(date[2], suffix: "", digits: 1...2)
        else { return nil }
        let time = halves[1]
        guard let zoneStart = time.firstIndex(where: { $0 == "+" || $0 == "-" }),
            let offset = ZoneOffset.read(token: String(time[zoneStart...]))
        else { return nil }
        let clock = time[..<zoneStart].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, let hour = decimalNumber(clock[0], suffix: "", digits: 1...2),
            let minute = decimalNumber(clock[1], suffix: "", digits: 2...2), hour < 24, minute < 60
        else { return nil }
        return CivilCalendar.date(year: year, month: month, day: day, hour: hour, minute: minute, offsetMinutes: offset)
    }

    /// Whether the text could be this form (four digits, a dash, a letter), so other dates skip the attempt.
    static func mayMatch(_ text: String) -> Bool {
        let head = Array(text.utf8.prefix(6))
        guard head.count == 6, head[4] == UInt8(ascii: "-") else { return false }
        return head[0...3].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && (head[5] >= 0x80 || (head[5] | 0x20) >= UInt8(ascii: "a") && (head[5] | 0x20) <= UInt8(ascii: "z"))
    }
}

/// The decimal number a word spells with `digits` digits before an optional `suffix` (a Korean unit like 년), or nil.
private func decimalNumber(_ word: Substring, suffix: String, digits: ClosedRange<Int>) -> Int64? {
    guard word.hasSuffix(suffix) else { return nil }
    let body = word.dropLast(suffix.count)
    guard digits.contains(body.count), body.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return Int64(body)
}
