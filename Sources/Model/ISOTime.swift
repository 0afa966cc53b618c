import Foundation

/// ISO-8601 UTC with seconds, the one way every output of ours writes an instant.
public enum ISOTime {
    /// `YYYY-MM-DDTHH:MM:SSZ`; years outside 0…9999 (feeds do write them) as plain numbers.
    public static func format(_ date: Date) -> String {
        let total = Int64(floor(date.timeIntervalSince1970))
        let days = Int64(floor(Double(total) / 86_400))
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let yearText = year >= 0 && year < 10_000 ? String(format: "%04lld", year) : String(year)
        return yearText
            + String(
                format: "-%02lld-%02lldT%02lld:%02lld:%02lldZ", month, day,
                secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60)
    }

    /// `YYYY-MM-DD` of the instant's UTC day: the change log's file name.
    public static func day(_ date: Date) -> String { String(format(date).prefix(10)) }
}
