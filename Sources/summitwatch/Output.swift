import ChangeLog
import Configuration
import FeedParsing
import Foundation
import Model

/// Prints rows the way `--format` asks: a table fitted to the terminal (stored text made safe for it), a JSON
/// array, one JSON object per line, or RFC 4180 CSV.
struct RowPrinter<Object: Encodable> {
    var columns: [String]
    var rows: [[String]]
    var objects: [Object]
    /// CSV cells as stored, formula-like ones included (`--csv-raw`).
    var csvRaw = false

    func print(_ format: OutputFormat) {
        switch format {
        case .json: Swift.print(objects.isEmpty ? "[]" : JSONText.pretty(objects))  // JSONEncoder writes "[\n\n]"
        case .ndjson: for object in objects { Swift.print(JSONText.line(object)) }
        case .csv:
            var out = CSVText.record(columns, raw: true)
            for row in rows { out += CSVText.record(row, raw: csvRaw) }
            FileHandle.standardOutput.write(Data(out.utf8))
        case .table, .text:
            let cells = rows.map { $0.map { TerminalText.safe($0) } }
            let widths = TableLayout.widths(header: columns, rows: cells, terminalWidth: Terminal.standardOutput.width)
            Swift.print(Terminal.standardOutput.bold(TableLayout.line(columns, widths)))
            for row in cells { Swift.print(TableLayout.line(row, widths)) }
        }
    }
}

/// Column widths for a table: every column as wide as its content (at most 40), the last one taking what the
/// terminal has left (at least 20), so a row fits on one terminal line.
enum TableLayout {
    static func widths(header: [String], rows: [[String]], terminalWidth: Int?) -> [Int] {
        var widths = header.indices.map { index in ([header[index]] + rows.map { $0[index] }).map(\.count).max() ?? 0 }
        guard let last = widths.indices.last else { return widths }
        for index in widths.indices.dropLast() { widths[index] = min(widths[index], 40) }
        if let terminalWidth {
            let used = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
            widths[last] = min(widths[last], max(20, terminalWidth - used))
        }
        return widths
    }

    static func line(_ cells: [String], _ widths: [Int]) -> String {
        cells.enumerated().map { index, cell in
            let clipped = cell.count > widths[index] ? String(cell.prefix(max(0, widths[index] - 1))) + "…" : cell
            return index == cells.count - 1 ? clipped : clipped.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
}

/// JSON output of fixed shapes: `Encodable` values through one `JSONEncoder` (sorted keys, `/` unescaped).
enum JSONText {
    static func pretty(_ value: some Encodable) -> String { encode(value, pretty: true) }
    static func line(_ value: some Encodable) -> String { encode(value, pretty: false) }

    private static func encode(_ value: some Encodable, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase  // firstSeen → first_seen, canonicalURL → canonical_url
        // Our output types hold strings, integers, booleans and finite numbers: encoding them cannot fail.
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}

enum TimeText {
    static func iso(_ date: Date?) -> Nullable<String> { Nullable(date.map(ISOTime.format)) }
    static func text(_ date: Date?) -> String? { date.map(ISOTime.format) }
    static func cell(_ date: Date?) -> String { date.map { String(ISOTime.format($0).prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "-" }
}

/// `WHEN`: an ISO-8601 date or time, or a span back from now (`90m`, `24h`, `7d`).
enum WhenText {
    static func parse(_ text: String, now: Date = Date()) throws -> Date {
        if let span = Configuration.DurationText.parse(text) { return now.addingTimeInterval(-span.seconds) }
        if let date = Model.FeedDateParser.parse(text), text.first?.isNumber == true { return date }
        throw CLIFailure.usage("cannot read \"\(text)\" as a time: use an ISO-8601 date (2025-08-15) or a span such as 90m, 24h, 7d")
    }
}
