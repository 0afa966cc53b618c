import Foundation

/// Durations as the config writes them: a whole number and one unit, `500ms`, `30s`, `15m`, `24h`, `7d`.
public enum DurationText {
    private static let unitSeconds: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // "ms" is tested before "s" and "m" so that 500ms is not read as 500m + "s".
        for unit in unitSeconds.sorted(by: { $0.suffix.count > $1.suffix.count }) where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit), let value = Int64(number) else { return nil }
            let (ms, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
            return overflow ? nil : .milliseconds(ms)
        }
        return nil
    }

    public static func format(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        for unit in unitSeconds.reversed() where ms % unit.milliseconds == 0 && ms >= unit.milliseconds {
            return "\(ms / unit.milliseconds)\(unit.suffix)"
        }
        return "\(ms)ms"
    }
}

/// Sizes as the config writes them: `512KiB`, `10MiB`, `1GiB`, or plain bytes.
public enum ByteSizeText {
    private static let units: [(suffix: String, factor: Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ]

    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            return number(trimmed.dropLast(unit.suffix.count), times: unit.factor)
        }
        return number(Substring(trimmed), times: 1)
    }

    /// The largest unit that divides the size: 10MiB, 1KiB, 999B.
    public static func format(_ bytes: Int) -> String {
        for unit in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= unit.1 && bytes % unit.1 == 0 {
            return "\(bytes / unit.1)\(unit.0)"
        }
        return "\(bytes)B"
    }

    private static func number(_ digits: Substring, times factor: Int) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : bytes
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Duration {
    /// Seconds as a Double, for arithmetic on schedules.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
