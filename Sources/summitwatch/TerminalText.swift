import Foundation

/// Text from feeds and pages made safe for a terminal: no C0/C1 control character, escape sequence or
/// bidirectional override from stored text ever reaches it. Each is shown as a visible stand-in instead
/// (ESC as `␛`, other C0 as their Control Pictures, C1 and bidi controls as `<U+202E>`), so an analyst sees that
/// the text held one. JSON output keeps the exact text (JSON escapes it).
enum TerminalText {
    /// - Parameter keepNewlines: body text keeps its line breaks; table cells and titles do not.
    static func safe(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if keepNewlines && scalar == "\n" {
                out.append(scalar)
            } else if scalar == "\t" {
                out.append(" ")
            } else if scalar.value < 0x20 {
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)  // ␀…␟: ESC is ␛, CR is ␍
            } else if scalar.value == 0x7F {
                out.append("\u{2421}")  // ␡
            } else if needsReplacing(scalar) {
                out.append(contentsOf: "<U+\(String(scalar.value, radix: 16, uppercase: true))>".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0, DEL, C1 (CSI and OSC among them)
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides and isolates
        default: false
        }
    }
}

/// What the terminal on standard output can show.
struct Terminal {
    var isTTY: Bool
    var width: Int?
    var colour: Bool

    static let standardOutput: Terminal = {
        let tty = isatty(STDOUT_FILENO) == 1
        let environment = ProcessInfo.processInfo.environment
        var size = winsize()
        var width: Int?
        if tty, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            width = columns
        }
        // https://no-color.org: any non-empty NO_COLOR turns colour off.
        let colour = tty && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        return Terminal(isTTY: tty, width: width, colour: colour)
    }()

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func red(_ text: String) -> String { colour ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
    func green(_ text: String) -> String { colour ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// RFC 4180 CSV: a field holding a comma, quote, CR or LF is quoted (checked on scalars: Swift reads "\r\n" as one
/// Character, so a Character test for "\n" misses it); records end in CRLF. Cells that a spreadsheet would run as a
/// formula (starting with =, +, -, @, tab or CR) get a leading `'` unless `raw`.
enum CSVText {
    static func record(_ fields: [String], raw: Bool) -> String {
        fields.map { field(raw ? $0 : neutralised($0)) }.joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// OWASP's advice for CSV injection: prefix the cell so the spreadsheet reads it as text.
    static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }
}
