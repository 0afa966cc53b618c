/// How feedparser writes XHTML/XML children of a feed element back out as markup: attributes sorted by name,
/// empty void elements as `<br />`, the XHTML namespace declaration left out (others kept), text escaped.
/// `CapturedElement` builds the markup; these are the pieces it writes with.
enum MarkupSerializer {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    /// One text node: repaired like all feed text (`Windows1252.demoronize`), then escaped.
    static func appendText(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let text = Windows1252.demoronize(String(decoding: bytes, as: UTF8.self))
        appendEscaped(text, to: &out, attribute: false)
    }

    static func escaped(_ text: String, attribute: Bool) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out, attribute: attribute)
        return String(decoding: out, as: UTF8.self)
    }

    /// `&`, `<`, `>` (and `"` in attributes) as references. Bytes, not characters: the four are ASCII and never
    /// part of a longer UTF-8 sequence.
    static func appendEscaped(_ text: String, to out: inout [UInt8], attribute: Bool) {
        out.reserveCapacity(out.count + text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case UInt8(ascii: "\"") where attribute: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            default: out.append(byte)
            }
        }
    }
}
