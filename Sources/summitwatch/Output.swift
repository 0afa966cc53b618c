import ChangeLog
import Configuration
import FeedParsing
import Foundation
import Model

/// Prints rows the way `--format` asks: aligned table, JSON array, one JSON object per line, or CSV.
struct RowPrinter {
    var columns: [String]
    var rows: [[String]]
    var objects: [JSONValue]

    func print(_ format: OutputFormat) {
        switch format {
        case .json: Swift.print(JSONPretty.render(.array(objects)))
        case .ndjson: for object in objects { Swift.print(object.text) }
        case .csv:
            Swift.print(columns.map(Self.csvField).joined(separator: ","))
            for row in rows { Swift.print(row.map(Self.csvField).joined(separator: ",")) }
        case .table, .text:
            let widths = columns.indices.map { index in min(60, ([columns[index]] + rows.map { $0[index] }).map(\.count).max() ?? 0) }
            Swift.print(Self.line(columns, widths))
            for row in rows { Swift.print(Self.line(row, widths)) }
        }
    }

    private static func line(_ cells: [String], _ widths: [Int]) -> String {
        cells.enumerated().map { index, cell in
            let clipped = cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
            return index == cells.count - 1 ? clipped : clipped.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }

    private static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON with two-space indentation, keys in the order given.
enum JSONPretty {
    static func render(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs) where !pairs.isEmpty:
            return "{\n" + pairs.map { inner + JSONValue.string($0.0).text + ": " + render($0.1, indent: inner) }.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return value.text
        }
    }
}

enum TimeText {
    static func iso(_ date: Date?) -> JSONValue { date.map { .string(ISOTime.format($0)) } ?? .null }
    static func cell(_ date: Date?) -> String { date.map { String(ISOTime.format($0).prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "-" }
}

/// `WHEN`: an ISO-8601 date or time, or a span back from now (`90m`, `24h`, `7d`).
enum WhenText {
    static func parse(_ text: String, now: Date = Date()) throws -> Date {
        if let span = Configuration.DurationText.parse(text) { return now.addingTimeInterval(-span.seconds) }
        if let date = FeedParsing.FeedDateParser.parse(text), text.first?.isNumber == true { return date }
        throw CLIFailure.usage("cannot read \"\(text)\" as a time: use an ISO-8601 date (2025-08-15) or a span such as 90m, 24h, 7d")
    }
}
