/// How feedparser writes XHTML/XML children of a feed element back out as markup: attributes sorted by name,
/// empty void elements as `<br />`, the XHTML namespace declaration left out (others kept), text escaped.
/// `CapturedElement` builds the markup; these are the pieces it writes with.
enum MarkupSerializer {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    /// One text node: repaired like all feed text (`Windows1252.demoronize`), then escaped.
    static func appendText(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let text = Windows1252.demoronize(String(decoding: bytes, as: UTF8.self))
        out.append(contentsOf: Array(escaped(text, attribute: false).utf8))
    }

    static func escaped(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
