import Foundation

/// W3CDTF / RFC 3339, whole string only: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then `T` or a space, `hh:mm[:ss[.f]]` and a zone.
enum W3CDateReader {
    static func read(_ text: String) -> Date? {
        var s = DateScanner(text)
        guard let year = s.digits(4) else { return nil }
        var month: Int64 = 1, day: Int64 = 1
        if s.skip(UInt8(ascii: "-")) {
            guard let m = s.digits(2) else { return nil }
            month = m
            if s.skip(UInt8(ascii: "-")) {
                guard let d = s.digits(2) else { return nil }
                day = d
            }
        }
        if s.atEnd { return CivilCalendar.date(year: year, month: month, day: day) }
        guard s.skip(UInt8(ascii: "T")) || s.skip(UInt8(ascii: " ")) || s.skip(UInt8(ascii: "t")) else { return nil }
        guard let (hour, minute, second) = TimeOfDay.read(&s) else { return nil }
        var offset: Int64 = 0
        if !s.atEnd {
            guard let zone = ZoneOffset.readNumeric(&s) else { return nil }
            offset = zone
        }
        guard s.atEnd, hour < 24, minute < 60, second < 62 else { return nil }
        return CivilCalendar.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }
}

enum TimeOfDay {
    /// `hh:mm[:ss[.fraction]]`; the fraction is dropped, as feedparser does.
    static func read(_ s: inout DateScanner) -> (Int64, Int64, Int64)? {
        guard let hour = s.digits(2), s.skip(UInt8(ascii: ":")), let minute = s.digits(2) else { return nil }
        var second: Int64 = 0
        if s.skip(UInt8(ascii: ":")) {
            guard let sec = s.digits(2) else { return nil }
            second = sec
            if s.skip(UInt8(ascii: ".")) || s.skip(UInt8(ascii: ",")) { _ = s.number() }
        }
        return (hour, minute, second)
    }
}

enum ZoneOffset {
    /// `Z`, `+hh`, `+hh:mm` or `+hhmm`: minutes east of UTC.
    static func readNumeric(_ s: inout DateScanner) -> Int64? {
        if s.skip(UInt8(ascii: "Z")) || s.skip(UInt8(ascii: "z")) { return 0 }
        let sign: Int64
        if s.skip(UInt8(ascii: "+")) { sign = 1 } else if s.skip(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let hours = s.digits(2) else { return nil }
        var minutes: Int64 = 0
        if s.skip(UInt8(ascii: ":")) {
            guard let m = s.digits(2) else { return nil }
            minutes = m
        } else if let m = s.digits(2) {
            minutes = m
        }
        return sign * (hours * 60 + minutes)
    }

    /// Named zones of RFC 822 and those feeds use anyway, in hours east of UTC.
    /// Source: feedparser's `_rfc822_tz` table (datetimes/rfc822.py) plus UTC and Etc/GMT.
    static let named: [String: Int64] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "etc/gmt": 0, "etc/utc": 0,
        "adt": -3, "ast": -4, "at": -4, "edt": -4, "est": -5, "et": -5, "cdt": -5, "cst": -6, "ct": -6,
        "mdt": -6, "mst": -7, "mt": -7, "pdt": -7, "pst": -8, "pt": -8,
        "a": -1, "n": 1, "m": -12, "y": 12, "met": 1, "mest": 2, "cet": 1, "cest": 2, "bst": 1,
    ]
}
