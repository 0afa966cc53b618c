import Foundation

/// feedparser's last resort for ISO 8601: a list of date templates, each followed by an optional time, tried in
/// order until one reads the whole string. feedparser stops at the end of the template and ignores the rest, so
/// `2013-01-28T09:xx:00Z` became midnight; here what is left over makes the template fail (a date is read whole
/// or not at all). Two-digit years are this century; an ordinal day (`2003-335`) counts from January 1st.
/// Templates that depend on today's date are left out; `-YY-MM-DD`, which feedparser documents but reads as
/// `-YY-MM`, is read whole. Source: feedparser datetimes/iso8601.py (`_iso8601_tmpl`), docs/date-parsing.rst.
enum ISO8601PrefixReader {
    private enum Part { case year4, year2, month, optionalMonth, day, ordinal, dash, optionalDash, zero }

    private static let templates: [[Part]] = [
        [.year4, .optionalDash, .month, .optionalDash, .day],  // YYYY-?MM-?DD
        [.year4, .dash, .zero, .optionalMonth, .optionalDash, .day],  // YYYY-0MM?-?DD
        [.year4, .dash, .month],  // YYYY-MM
        [.year4, .optionalDash, .ordinal],  // YYYY-?OOO
        [.year2, .optionalDash, .month, .optionalDash, .day],  // YY-?MM-?DD
        [.year2, .optionalDash, .ordinal],  // YY-?OOO
        [.year4],  // YYYY
        [.dash, .year2, .optionalDash, .month, .optionalDash, .day],  // -YY-?MM-?DD
        [.dash, .year2, .optionalDash, .month],  // -YY-?MM
    ]

    private struct Fields {
        var year: Int64?
        var month: Int64?
        var day: Int64?
        var ordinal: Int64?
    }

    static func read(_ text: String) -> Date? {
        for template in templates {
            var scanner = DateScanner(text)
            guard let fields = match(template, &scanner) else { continue }
            let time = readTime(&scanner)
            guard scanner.atEnd else { continue }
            return assemble(fields, time: time)
        }
        return nil
    }

    private static func match(_ template: [Part], _ s: inout DateScanner) -> Fields? {
        var fields = Fields()
        for part in template {
            switch part {
            case .year4:
                guard let y = s.digits(4) else { return nil }
                fields.year = y
            case .year2:
                guard let y = s.digits(2) else { return nil }
                fields.year = 2000 + y
            case .month, .optionalMonth:
                if let first = s.peek(), first == UInt8(ascii: "0") || first == UInt8(ascii: "1"), let m = s.digits(2) {
                    fields.month = m
                } else if part == .month {
                    return nil
                }
            case .day:
                guard let first = s.peek(), (0x30...0x33).contains(first), let d = s.digits(2) else { return nil }
                fields.day = d
            case .ordinal:
                guard let first = s.peek(), (0x30...0x33).contains(first), let o = s.digits(3) else { return nil }
                fields.ordinal = o
            case .dash: guard s.skip(UInt8(ascii: "-")) else { return nil }
            case .optionalDash: _ = s.skip(UInt8(ascii: "-"))
            case .zero: guard s.skip(UInt8(ascii: "0")) else { return nil }
            }
        }
        return fields
    }

    /// `T?hh:mm[:ss][.f][zone]`, all optional as one group; seconds from midnight and zone minutes.
    private static func readTime(_ s: inout DateScanner) -> (seconds: Int64, offset: Int64) {
        let start = s.index
        _ = s.skip(UInt8(ascii: "T"))
        guard let (hour, minute, second) = TimeOfDay.read(&s) else {
            s.index = start
            return (0, 0)
        }
        // A zone that does not read leaves the scanner short of the end, which fails the template.
        let offset = s.atEnd ? 0 : ZoneOffset.readNumeric(&s) ?? 0
        return (hour * 3600 + minute * 60 + second, offset)
    }

    private static func assemble(_ fields: Fields, time: (seconds: Int64, offset: Int64)) -> Date? {
        guard let year = fields.year else { return nil }
        let base: Date?
        if let ordinal = fields.ordinal {
            base = CivilCalendar.date(year: year, ordinal: ordinal)
        } else {
            base = CivilCalendar.date(year: year, month: fields.month ?? 1, day: fields.day ?? 1)
        }
        guard CivilCalendar.carriedComponent.contains(time.seconds), CivilCalendar.carriedComponent.contains(time.offset) else { return nil }
        return base?.addingTimeInterval(TimeInterval(time.seconds - time.offset * 60))
    }
}
