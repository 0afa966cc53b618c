import CLibXML2
import Foundation
import Glibc
import Model

/// Feeds use HTML entities (`&eacute;`, `&nbsp;`) that XML never declares, which makes them ill-formed.
/// Like feedparser, we decode them: each undeclared named entity with an HTML meaning becomes a numeric
/// character reference before parsing. The table is libxml2's own HTML 4 entity table.
enum UndeclaredEntityRewriter {
    struct Result {
        var bytes: [UInt8]
        var rewroteUndeclared: Bool
    }

    static func rewrite(_ input: [UInt8]) -> Result {
        guard nextAmpersand(in: input, from: 0) != nil else { return Result(bytes: input, rewroteUndeclared: false) }
        let hasDeclarations = ByteSearch.firstIndex(of: entityMarker, in: input.prefix(262_144)) != nil
        let bytes = hasDeclarations ? EntityDeclarationFilter.withoutUnsafeDeclarations(input) : input
        let declared = hasDeclarations ? declaredEntities(bytes) : []
        guard needsRewrite(bytes, declared: declared) else { return Result(bytes: bytes, rewroteUndeclared: false) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var rewrote = false
        var index = 0
        while index < bytes.count {
            guard let ampersand = nextAmpersand(in: bytes, from: index) else {
                output.append(contentsOf: bytes[index...])
                break
            }
            output.append(contentsOf: bytes[index..<ampersand])
            index = ampersand
            guard let end = entityNameEnd(in: bytes, at: index) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            let name = bytes[(index + 1)..<end]
            if isPredefined(name) || declared.contains(String(decoding: name, as: UTF8.self)) {
                output.append(contentsOf: bytes[index...end])
            } else if let entity = htmlEntityLookup(String(decoding: name, as: UTF8.self)), entity.pointee.value > 0 {
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

    private static let entityMarker = Array("<!ENTITY".utf8)

    /// The index of the next '&' at or after `start` (memchr: feeds are long runs of text between them).
    private static func nextAmpersand(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base + start, Int32(UInt8(ascii: "&")), buffer.count - start) else { return nil }
            return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        }
    }

    /// Whether any `&name;` is neither predefined nor declared: most feeds have none, and are left as they are.
    private static func needsRewrite(_ bytes: [UInt8], declared: Set<String>) -> Bool {
        var index = 0
        while let ampersand = nextAmpersand(in: bytes, from: index) {
            if let end = entityNameEnd(in: bytes, at: ampersand) {
                let name = bytes[(ampersand + 1)..<end]
                if !isPredefined(name) && !declared.contains(String(decoding: name, as: UTF8.self)) { return true }
                index = end + 1
            } else {
                index = ampersand + 1
            }
        }
        return false
    }

    /// amp, lt, gt, quot, apos: compared as bytes, since nearly every '&' in a feed is one of them.
    private static func isPredefined(_ name: ArraySlice<UInt8>) -> Bool {
        switch name.count {
        case 2: return name.last == UInt8(ascii: "t") && (name.first == UInt8(ascii: "l") || name.first == UInt8(ascii: "g"))
        case 3: return name.elementsEqual([0x61, 0x6D, 0x70])  // amp
        case 4: return name.elementsEqual([0x71, 0x75, 0x6F, 0x74]) || name.elementsEqual([0x61, 0x70, 0x6F, 0x73])  // quot, apos
        default: return false
        }
    }

    /// For `&name;` starting at `start`, the index of the ';' (nil for character references and bare '&').
    private static func entityNameEnd(in bytes: [UInt8], at start: Int) -> Int? {
        var end = start + 1
        while end < bytes.count, end - start < 40 {
            let c = bytes[end]
            if c == UInt8(ascii: ";") { break }
            let isNameByte = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            if !isNameByte { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        return end
    }

    private static func declaredEntities(_ bytes: [UInt8]) -> Set<String> {
        guard ByteSearch.firstIndex(of: Array("<!ENTITY".utf8), in: bytes.prefix(65_536)) != nil else { return [] }
        let head = String(decoding: bytes.prefix(65_536), as: UTF8.self)
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

/// Removes entity declarations that could expand without bound or reach outside the document: those whose
/// value refers to other entities (billion laughs), external ones (SYSTEM/PUBLIC: XXE) and parameter entities.
/// Plain text entities stay. References to removed entities are then left as literal text.
enum EntityDeclarationFilter {
    static func withoutUnsafeDeclarations(_ bytes: [UInt8]) -> [UInt8] {
        let marker = Array("<!ENTITY".utf8)
        let head = bytes.prefix(262_144)
        guard let first = ByteSearch.firstIndex(of: marker, in: head) else { return bytes }
        var output = Array(bytes[..<first])
        var index = first
        while let start = ByteSearch.firstIndex(of: marker, in: head, from: index) {
            output.append(contentsOf: bytes[index..<start])
            let end = declarationEnd(bytes, from: start + marker.count)
            let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
            if !isUnsafe(declaration) { output.append(contentsOf: bytes[start..<end]) }
            index = end
        }
        output.append(contentsOf: bytes[index...])
        return output
    }

    private static func isUnsafe(_ declaration: String) -> Bool {
        let body = declaration.dropFirst("<!ENTITY".count).trimmingCharacters(in: .whitespacesAndNewlines)
        if body.hasPrefix("%") { return true }
        let outsideQuotes = body.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
        if outsideQuotes.contains("SYSTEM") || outsideQuotes.contains("PUBLIC") { return true }
        return body.contains("&") || body.contains("%")
    }

    /// The index just past the declaration's closing '>', quotes respected.
    private static func declarationEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var quote: UInt8?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

}
