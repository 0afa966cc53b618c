import Foundation

/// RFC 822/1123 dates and the variants found in the wild: missing weekday or seconds, two-digit years,
/// full month names, commas in odd places, `2006/09/15` (Perforce), month before day, asctime order, named and
/// military zones, `-01:01` offsets, a zone name followed by an offset (`GMT+05:30`), a trailing `(EDT)` comment.
/// Every word must be understood: a word that is not is a refusal, never a date read in part.
enum RFC822DateReader {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func read(_ text: String) -> Date? {
        var tokens = tokenized(withoutTrailingComment(text))
        if let first = tokens.first, weekdays.contains(String(first.lowercased().prefix(3))), isLetters(first) {
            tokens.removeFirst()
        }
        guard !tokens.isEmpty else { return nil }
        var year: Int64?
        var month: Int64?
        var day: Int64?
        var time: (Int64, Int64, Int64)?
        var offset: Int64?
        var numbers: [(Int64, Int)] = []
        // Each part may appear once: a second time or zone would leave one of them unread.
        for token in tokens {
            let lower = token.lowercased()
            if let slashDate = slashed(token) {
                guard year == nil, month == nil else { return nil }
                (year, month, day) = slashDate
            } else if token.utf8.contains(UInt8(ascii: ":")) && token.first?.isNumber == true {
                guard time == nil, let parsed = clock(token) else { return nil }
                time = parsed
            } else if let zone = ZoneOffset.read(token: token) {
                guard offset == nil else { return nil }
                offset = zone
            } else if isDigits(token) {
                guard let value = Int64(token) else { return nil }
                numbers.append((value, token.count))
            } else if month == nil, token.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))), isLetters(token) {
                month = Int64(index + 1)
            } else {
                return nil
            }
        }
        if year != nil {
            guard numbers.isEmpty else { return nil }
        } else {
            guard month != nil, numbers.count == 2 else { return nil }
            let (first, second) = (numbers[0], numbers[1])
            if first.1 >= 3 { (year, day) = (fullYear(first), second.0) } else { (day, year) = (first.0, fullYear(second)) }
        }
        guard let year, let month, let day else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        return CivilCalendar.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset ?? 0)
    }

    /// RFC 2822 lets a comment follow the zone (`-0400 (EDT)`); it carries nothing the offset does not.
    private static func withoutTrailingComment(_ text: String) -> String {
        guard text.utf8.last == UInt8(ascii: ")"), let open = text.lastIndex(of: "("), open > text.startIndex else { return text }
        return String(text[..<open])
    }

    /// Words split at commas and whitespace. ASCII text (nearly every date) is split by its bytes, which gives the
    /// same words without Unicode character properties.
    private static func tokenized(_ text: String) -> [String] {
        guard text.isAllASCII else {
            return text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        }
        return text.utf8.split(whereSeparator: { $0 == UInt8(ascii: ",") || $0 == 0x20 || (0x09...0x0D).contains($0) })
            .map { String(decoding: $0, as: UTF8.self) }
    }

    private static func isLetters(_ token: String) -> Bool {
        token.utf8.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") } || (!token.isAllASCII && token.allSatisfy(\.isLetter))
    }

    private static func isDigits(_ token: String) -> Bool {
        token.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } || (!token.isAllASCII && token.allSatisfy(\.isNumber))
    }

    private static func fullYear(_ number: (Int64, Int)) -> Int64 {
        guard number.1 <= 2 else { return number.0 }
        return number.0 < 50 ? 2000 + number.0 : 1900 + number.0
    }

    private static func slashed(_ token: String) -> (Int64, Int64, Int64)? {
        guard token.utf8.contains(UInt8(ascii: "/")) else { return nil }
        let parts = token.split(separator: "/")
        guard parts.count == 3, let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]), parts[0].count == 4 else { return nil }
        return (y, m, d)
    }

    private static func clock(_ token: String) -> (Int64, Int64, Int64)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        let values = parts.compactMap { Int64($0) }
        guard values.count == parts.count, values[0] < 24, values[1] < 60 else { return nil }
        return (values[0], values[1], values.count == 3 ? values[2] : 0)
    }

}

/// Month and weekday names in the other languages feedparser reads, mapped to English abbreviations.
/// Source: feedparser's greek.py (`_greek_months`, `_greek_wdays`).
enum ForeignDateNames {
    private static let greek: [String: String] = [
        "Ιαν": "Jan", "Φεβ": "Feb", "Μάώ": "Mar", "Μαώ": "Mar", "Απρ": "Apr", "Μάι": "May", "Μαϊ": "May", "Μαι": "May",
        "Ιούν": "Jun", "Ιον": "Jun", "Ιούλ": "Jul", "Ιολ": "Jul", "Αύγ": "Aug", "Αυγ": "Aug", "Σεπ": "Sep", "Οκτ": "Oct",
        "Νοέ": "Nov", "Νοε": "Nov", "Δεκ": "Dec",
        "Κυρ": "Sun", "Δευ": "Mon", "Τρι": "Tue", "Τετ": "Wed", "Πεμ": "Thu", "Παρ": "Fri", "Σαβ": "Sat",
    ]

    static func translate(_ text: String) -> String {
        guard !text.isAllASCII, text.unicodeScalars.contains(where: { $0.value >= 0x370 && $0.value <= 0x3FF }) else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: ","))
            guard let english = greek[bare] else { return String(word) }
            return word.hasSuffix(",") ? english + "," : english
        }.joined(separator: " ")
    }
}
