import Foundation

/// W3CDTF / RFC 3339, whole string only: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then `T` or a space, `hh:mm[:ss[.f]]` and a zone.
enum W3CDateReader {
    static func read(_ text: String) -> Date? {
        var s = DateScanner(text)
        guard let year = s.digits(4) else { return nil }
        var month: Int64 = 1
        var day: Int64 = 1
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
            // MSSQL and others put a space before the zone (`2004-07-08 23:56:58 -00:20`); it is the whole zone or nothing.
            if s.peek() == UInt8(ascii: " ") {
                while s.skip(UInt8(ascii: " ")) {}
                guard let zone = ZoneOffset.read(token: s.rest) else { return nil }
                offset = zone
                s.index = s.bytes.count
            } else {
                guard let zone = ZoneOffset.readNumeric(&s) else { return nil }
                offset = zone
            }
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

    /// One whole zone word: a name (`EST`), a numeric offset (`+2`, `+0530`, `-01:01`), or UT/UTC/GMT followed by an
    /// offset (`GMT-01:01`, `UTC+2`), read as the offset. Minutes east of UTC, or nil when any part is not understood.
    /// `Etc/GMT+5` is refused: its POSIX sign is the opposite of what it looks like.
    static func read(token: String) -> Int64? {
        let lower = token.lowercased()
        if let hours = named[lower] { return hours * 60 }
        var offsetText = Substring(lower)
        for name in ["utc", "gmt", "ut"] where offsetText.hasPrefix(name) {
            offsetText = offsetText.dropFirst(name.count)
            break
        }
        return signedOffset(offsetText)
    }

    /// `±h`, `±hh`, `±hhmm`, `±h:mm` or `±hh:mm` with minutes below 60 (a `-9999` is not an offset).
    private static func signedOffset(_ text: Substring) -> Int64? {
        guard let signByte = text.utf8.first, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = signByte == UInt8(ascii: "+") ? 1 : -1
        let body = text.dropFirst()
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        let hours: Int64
        let minutes: Int64
        switch (parts.count, parts.first?.count) {
        case (1, 1), (1, 2):
            guard let h = digitsValue(parts[0]) else { return nil }
            (hours, minutes) = (h, 0)
        case (1, 4):
            guard let h = digitsValue(body.prefix(2)), let m = digitsValue(body.suffix(2)) else { return nil }
            (hours, minutes) = (h, m)
        case (2, 1), (2, 2):
            guard parts[1].count == 2, let h = digitsValue(parts[0]), let m = digitsValue(parts[1]) else { return nil }
            (hours, minutes) = (h, m)
        default:
            return nil
        }
        guard minutes < 60 else { return nil }
        return sign * (hours * 60 + minutes)
    }

    private static func digitsValue(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text)
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
