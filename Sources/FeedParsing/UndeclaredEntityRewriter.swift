import CLibXML2
import Foundation

/// Feeds use HTML entities (`&eacute;`, `&nbsp;`) that XML never declares, which makes them ill-formed.
/// Like feedparser, we decode them: each undeclared named entity with an HTML meaning becomes a numeric
/// character reference before parsing. The table is libxml2's own HTML 4 entity table.
enum UndeclaredEntityRewriter {
    struct Result {
        var bytes: [UInt8]
        var rewroteUndeclared: Bool
    }

    private static let xmlPredefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    static func rewrite(_ data: Data) -> Result {
        let bytes = [UInt8](data)
        guard bytes.contains(UInt8(ascii: "&")) else { return Result(bytes: bytes, rewroteUndeclared: false) }
        let declared = declaredEntities(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var rewrote = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), let (name, end) = entityName(in: bytes, at: index) else {
                output.append(byte)
                index += 1
                continue
            }
            if xmlPredefined.contains(name) || declared.contains(name) {
                output.append(contentsOf: bytes[index...end])
            } else if let entity = htmlEntityLookup(name), entity.pointee.value > 0 {
                output.append(contentsOf: Array("&#\(entity.pointee.value);".utf8))
                rewrote = true
            } else {
                output.append(contentsOf: Array("&amp;".utf8))  // a bare '&': keep it as text
                output.append(contentsOf: bytes[(index + 1)...end])
                rewrote = true
            }
            index = end + 1
        }
        return Result(bytes: output, rewroteUndeclared: rewrote)
    }

    /// `&name;` starting at `start`: the name and the index of the ';'.
    private static func entityName(in bytes: [UInt8], at start: Int) -> (String, Int)? {
        var end = start + 1
        while end < bytes.count, end - start < 40 {
            let c = bytes[end]
            if c == UInt8(ascii: ";") { break }
            let isNameByte = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            if !isNameByte { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let first = bytes[start + 1]
        guard first != UInt8(ascii: "#") else { return nil }
        return (String(decoding: bytes[(start + 1)..<end], as: UTF8.self), end)
    }

    private static func declaredEntities(_ bytes: [UInt8]) -> Set<String> {
        let head = String(decoding: bytes.prefix(65_536), as: UTF8.self)
        guard head.contains("<!ENTITY") else { return [] }
        var names: Set<String> = []
        for part in head.components(separatedBy: "<!ENTITY").dropFirst() {
            let words = part.split(whereSeparator: \.isWhitespace)
            guard let first = words.first else { continue }
            let name = first == "%" && words.count > 1 ? String(words[1]) : String(first)
            names.insert(name)
        }
        return names
    }
}
