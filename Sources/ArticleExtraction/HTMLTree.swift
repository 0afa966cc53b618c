import CLibXML2
import Foundation

/// A parsed HTML document and the small vocabulary the extractor needs over its nodes. Owns the libxml2
/// document; raw node pointers never leave this target.
final class HTMLTree {
    typealias Node = xmlNodePtr

    /// Subtrees deeper than this are ignored: no real article nests that deep, and it keeps every walk's
    /// recursion bounded on hostile pages (100 000 nested divs).
    static let maxDepth = 400

    let doc: htmlDocPtr
    private var tagCache: [UnsafePointer<xmlChar>: String] = [:]
    /// Elements left in the document but skipped by every walk: what class/id words condemned in the strict pass.
    /// Clearing the set gives Readability's relaxed pass without parsing the page again.
    var excluded: Set<Node> = []

    private static let hardened: Void = sw_libxml2_harden()

    init(bytes: [UInt8], url: String?, encoding: String) throws(ExtractionError) {
        Self.hardened
        sw_libxml2_silence_thread()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOBLANKS.rawValue)
            | Int32(XML_PARSE_HUGE.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(buffer.count), url, encoding, options)
            }
        }
        guard let parsed else { throw ExtractionError(source: url ?? "page", reason: "libxml2 could not parse the HTML") }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    var root: Node? { xmlDocGetRootElement(doc) }

    func tag(_ node: Node) -> String {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return "" }
        if let cached = tagCache[name] { return cached }
        let value = String(cString: name).lowercased()
        tagCache[name] = value
        return value
    }

    func attribute(_ node: Node, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { sw_xml_free(value) }
        return String(cString: value)
    }

    /// The attributes the extractor tests, read in one pass over the element's property list (lower-cased bytes).
    struct Attributes {
        var classAndID: [UInt8] = []
        var hidden = false
        var ariaHidden = false
        var style: [UInt8]?
        var role: [UInt8]?
        var rel: [UInt8]?
        var itemprop: [UInt8]?
    }

    func scanAttributes(_ node: Node) -> Attributes {
        var result = Attributes()
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = current.pointee.name else { continue }
            switch Self.attributeKind(name) {
            case .classOrID:
                if !result.classAndID.isEmpty { result.classAndID.append(0x20) }
                Self.appendLowercased(current.pointee.children, into: &result.classAndID)
            case .hidden: result.hidden = true
            case .ariaHidden:
                var value: [UInt8] = []
                Self.appendLowercased(current.pointee.children, into: &value)
                result.ariaHidden = value == Array("true".utf8)
            case .style: result.style = Self.lowercased(current.pointee.children)
            case .role: result.role = Self.lowercased(current.pointee.children)
            case .rel: result.rel = Self.lowercased(current.pointee.children)
            case .itemprop: result.itemprop = Self.lowercased(current.pointee.children)
            case .other: break
            }
        }
        return result
    }

    private enum AttributeKind { case classOrID, hidden, ariaHidden, style, role, rel, itemprop, other }

    /// Recognises the attribute names the scan cares about by their bytes (HTML parsing lower-cases them).
    private static func attributeKind(_ name: UnsafePointer<xmlChar>) -> AttributeKind {
        func matches(_ word: StaticString) -> Bool {
            let bytes = word.utf8Start
            for index in 0..<word.utf8CodeUnitCount where name[index] != bytes[index] { return false }
            return name[word.utf8CodeUnitCount] == 0
        }
        switch name[0] {
        case UInt8(ascii: "c"): return matches("class") ? .classOrID : .other
        case UInt8(ascii: "i"): return matches("id") ? .classOrID : matches("itemprop") ? .itemprop : .other
        case UInt8(ascii: "h"): return matches("hidden") ? .hidden : .other
        case UInt8(ascii: "a"): return matches("aria-hidden") ? .ariaHidden : .other
        case UInt8(ascii: "s"): return matches("style") ? .style : .other
        case UInt8(ascii: "r"): return matches("role") ? .role : matches("rel") ? .rel : .other
        default: return .other
        }
    }

    private static func lowercased(_ first: xmlNodePtr?) -> [UInt8] {
        var bytes: [UInt8] = []
        appendLowercased(first, into: &bytes)
        return bytes
    }

    private static func appendLowercased(_ first: xmlNodePtr?, into bytes: inout [UInt8]) {
        var child = first
        while let current = child {
            if let content = current.pointee.content { appendLowercased(content, into: &bytes) }
            child = current.pointee.next
        }
    }

    /// A NUL-terminated libxml2 string, ASCII letters lower-cased.
    private static func appendLowercased(_ string: UnsafePointer<xmlChar>, into bytes: inout [UInt8]) {
        var index = 0
        while string[index] != 0 {
            let byte = string[index]
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            index += 1
        }
    }

    /// Characters (not bytes) and commas of the text below `node`, counted from the bytes without building text.
    func textStats(_ node: Node) -> (characters: Int, commas: Int) {
        var characters = 0, commas = 0
        countText(node, depth: 0, characters: &characters, commas: &commas)
        return (characters, commas)
    }

    private func countText(_ node: Node, depth: Int, characters: inout Int, commas: inout Int) {
        guard depth < Self.maxDepth else { return }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    var index = 0
                    while content[index] != 0 {
                        let byte = content[index]
                        if byte & 0xC0 != 0x80 { characters += 1 }
                        if byte == UInt8(ascii: ",") { commas += 1 }
                        // Full-width comma (EF BC 8C) and ideographic comma (E3 80 81).
                        if byte == 0xEF, content[index + 1] == 0xBC, content[index + 2] == 0x8C { commas += 1 }
                        if byte == 0xE3, content[index + 1] == 0x80, content[index + 2] == 0x81 { commas += 1 }
                        index += 1
                    }
                }
            case XML_ELEMENT_NODE where !excluded.contains(current):
                countText(current, depth: depth + 1, characters: &characters, commas: &commas)
            default: break
            }
            child = current.pointee.next
        }
    }

    /// One attribute as lower-cased bytes, or nil.
    func lowercasedAttributeBytes(_ node: Node, _ name: String) -> [UInt8]? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { sw_xml_free(value) }
        var bytes: [UInt8] = []
        Self.appendLowercased(value, into: &bytes)
        return bytes
    }

    func elementChildren(_ node: Node) -> [Node] {
        var result: [Node] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE && !excluded.contains(current) { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    func hasDescendant(_ node: Node, tag name: String, depth: Int = 0) -> Bool {
        guard depth < Self.maxDepth else { return false }
        return elementChildren(node).contains { tag($0) == name || hasDescendant($0, tag: name, depth: depth + 1) }
    }

    func countDescendants(_ node: Node, tag name: String, depth: Int = 0) -> Int {
        guard depth < Self.maxDepth else { return 0 }
        return elementChildren(node).reduce(0) { $0 + (tag($1) == name ? 1 : 0) + countDescendants($1, tag: name, depth: depth + 1) }
    }

    /// All text below `node`, whitespace folded. Bounded by `maxDepth`.
    func text(_ node: Node) -> String {
        var bytes: [UInt8] = []
        appendText(node, into: &bytes, depth: 0)
        return TextFolding.fold(bytes)
    }

    /// Text and link lengths of every element, filled by `measureAll()` so scoring does not walk the same
    /// subtrees again for each nested candidate.
    private var lengths: [Node: (text: Int, link: Int)] = [:]

    /// Measures every element below the root in one bottom-up pass, remembering the lengths of `keeping` (the
    /// scored candidates): others are measured again if ever asked, which is rare.
    func measureAll(keeping: Set<Node>) {
        lengths.removeAll(keepingCapacity: true)
        kept = keeping
        guard let root else { return }
        _ = measureRecording(root, inLink: false, depth: 0)
    }
    private var kept: Set<Node> = []

    private func measureRecording(_ node: Node, inLink: Bool, depth: Int) -> (text: Int, link: Int) {
        var total = 0, link = 0
        guard depth < Self.maxDepth else { return (0, 0) }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE:
                if let content = current.pointee.content {
                    let length = TextFolding.visibleLength(content)
                    total += length
                    if inLink { link += length }
                }
            case XML_ELEMENT_NODE where !excluded.contains(current):
                let inner = measureRecording(current, inLink: inLink || tag(current) == "a", depth: depth + 1)
                total += inner.text
                link += inner.link
            default: break
            }
            child = current.pointee.next
        }
        if kept.contains(node) { lengths[node] = (total, link) }
        return (total, link)
    }

    /// Characters of text below `node` and how many of them sit inside links.
    func textAndLinkLength(_ node: Node) -> (text: Int, link: Int) {
        if let known = lengths[node] { return known }
        return measureRecording(node, inLink: false, depth: 0)
    }

    private func appendText(_ node: Node, into bytes: inout [UInt8], depth: Int) {
        guard depth < Self.maxDepth else { return }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
            case XML_ELEMENT_NODE where !excluded.contains(current):
                bytes.append(0x20)
                appendText(current, into: &bytes, depth: depth + 1)
            default: break
            }
            child = current.pointee.next
        }
    }

}

/// Whitespace handling shared by the walks: HTML collapses runs of whitespace to one space.
enum TextFolding {
    static func fold(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                index += 1
                continue
            }
            // U+00A0 no-break space (C2 A0) folds like a space.
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                pendingSpace = true
                index += 2
                continue
            }
            if pendingSpace && !output.isEmpty { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Non-whitespace bytes: cheap stand-in for characters when comparing densities.
    static func visibleLength(_ content: UnsafePointer<xmlChar>) -> Int {
        var count = 0, index = 0
        while content[index] != 0 {
            let byte = content[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D && (byte & 0xC0) != 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}
