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
        let options = sw_html_options()
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
            case .className:
                if !result.classAndID.isEmpty { result.classAndID.append(0x20) }
                Self.appendLowercased(current.pointee.children, into: &result.classAndID)
            case .id:
                let id = Self.lowercased(current.pointee.children)
                guard !Self.isHeadingSlug(id) else { continue }
                if !result.classAndID.isEmpty { result.classAndID.append(0x20) }
                result.classAndID.append(contentsOf: id)
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

    /// An id of five or more words ("sharing-with-a-single-developer") is an anchor made from a heading's text
    /// (Sphinx, wikis, table-of-contents plugins), not the name of a widget: its words say nothing about furniture.
    private static func isHeadingSlug(_ id: [UInt8]) -> Bool {
        var separators = 0
        for byte in id where byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") { separators += 1 }
        return separators >= 4
    }

    private enum AttributeKind { case className, id, hidden, ariaHidden, style, role, rel, itemprop, other }

    /// Recognises the attribute names the scan cares about by their bytes (HTML parsing lower-cases them).
    private static func attributeKind(_ name: UnsafePointer<xmlChar>) -> AttributeKind {
        func matches(_ word: StaticString) -> Bool {
            let bytes = word.utf8Start
            for index in 0..<word.utf8CodeUnitCount where name[index] != bytes[index] { return false }
            return name[word.utf8CodeUnitCount] == 0
        }
        switch name[0] {
        case UInt8(ascii: "c"): return matches("class") ? .className : .other
        case UInt8(ascii: "i"): return matches("id") ? .id : matches("itemprop") ? .itemprop : .other
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
        if let known = facts(node) { return (known.characters, known.commas) }
        var characters = 0
        var commas = 0
        countText(node, depth: 0, characters: &characters, commas: &commas)
        return (characters, commas)
    }

    private func countText(_ node: Node, depth: Int, characters: inout Int, commas: inout Int) {
        guard depth < Self.maxDepth else { return }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { Self.countCharacters(content, characters: &characters, commas: &commas) }
            case XML_ELEMENT_NODE where !excluded.contains(current):
                visits += 1
                countText(current, depth: depth + 1, characters: &characters, commas: &commas)
            default: break
            }
            child = current.pointee.next
        }
    }

    private static func countCharacters(_ content: UnsafePointer<xmlChar>, characters: inout Int, commas: inout Int) {
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
            visits += 1
            if current.pointee.type == XML_ELEMENT_NODE && !excluded.contains(current) { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// Headings below `node` that are mostly links (0 when the node was not measured).
    func linkedHeadings(_ node: Node) -> Int { facts(node)?.linkedHeadings ?? 0 }

    /// Images and links below `node`, from the measured facts (a walk when the node was not measured).
    func imagesAndAnchors(_ node: Node) -> (images: Int, anchors: Int) {
        if let known = facts(node) { return (known.images, known.anchors) }
        var images = 0
        var anchors = 0
        countImagesAndAnchors(node, images: &images, anchors: &anchors, depth: 0)
        return (images, anchors)
    }

    private func countImagesAndAnchors(_ node: Node, images: inout Int, anchors: inout Int, depth: Int) {
        guard depth < Self.maxDepth else { return }
        for child in elementChildren(node) {
            switch tag(child) {
            case "img": images += 1
            case "a": anchors += 1
            default: break
            }
            countImagesAndAnchors(child, images: &images, anchors: &anchors, depth: depth + 1)
        }
    }

    /// All text below `node`, whitespace folded. Bounded by `maxDepth`.
    func text(_ node: Node) -> String {
        var bytes: [UInt8] = []
        appendText(node, into: &bytes, depth: 0)
        return TextFolding.fold(bytes)
    }

    /// What the algorithms ask of an element's subtree, measured once for every element by `measureAll()`.
    struct Facts {
        var node: Node
        /// Characters (UTF-8 lead bytes, whitespace included) and commas, for paragraph scoring.
        var characters = 0, commas = 0
        /// Visible characters, and those inside links, for link density.
        var text = 0, link = 0
        var images = 0, anchors = 0
        /// Headings that are mostly link text: the headlines of a teaser list.
        var linkedHeadings = 0
    }

    /// Facts of every element with element children reached by the last `measureAll()`; an element finds its
    /// entry through the index kept in its libxml2 `_private` slot, so lookups are an array read, not a hash.
    /// Leaves are not kept: asking of one walks only its text, and they are most elements of a dense page.
    private var facts: ContiguousArray<Facts> = []

    /// Element visits made by the walks below the root, for tests that hold the extraction to linear work.
    private(set) var visits = 0
    /// Elements the last `measureAll()` reached: the yardstick for `visits`.
    private(set) var measuredElements = 0

    /// Measures every element below the root in one bottom-up pass. Every later question about a subtree
    /// (length, link density, images, anchors) is answered from it: asking it of nested elements one by one
    /// made extraction grow with size × depth (a page of 300 nested inline levels took seconds per megabyte).
    func measureAll() {
        facts.removeAll(keepingCapacity: true)
        measuredElements = 0
        guard let root else { return }
        _ = measure(root, depth: 0)
    }

    private func measure(_ node: Node, depth: Int) -> Facts {
        visits += 1
        measuredElements += 1
        node.pointee._private = nil
        var result = Facts(node: node)
        guard depth < Self.maxDepth else { return result }
        var isLeaf = true
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    Self.countCharacters(content, characters: &result.characters, commas: &result.commas)
                    if current.pointee.type == XML_TEXT_NODE { result.text += TextFolding.visibleLength(content) }
                }
            case XML_ELEMENT_NODE where !excluded.contains(current):
                isLeaf = false
                let inner = measure(current, depth: depth + 1)
                result.characters += inner.characters
                result.commas += inner.commas
                result.text += inner.text
                result.link += inner.link
                result.images += inner.images
                result.anchors += inner.anchors
                result.linkedHeadings += inner.linkedHeadings
                switch tag(current) {
                case "img": result.images += 1
                case "a": result.anchors += 1
                case "h1", "h2", "h3", "h4", "h5",
                    "h6" where inner.link * 2 > inner.text:
                    result.linkedHeadings += 1
                default: break
                }
            default: break
            }
            child = current.pointee.next
        }
        if tag(node) == "a" { result.link = result.text }
        if !isLeaf {
            facts.append(result)
            node.pointee._private = UnsafeMutableRawPointer(bitPattern: facts.count)
        }
        return result
    }

    /// The measured facts of `node`, or nil when the last `measureAll()` did not reach it.
    func facts(_ node: Node) -> Facts? {
        guard let raw = node.pointee._private else { return nil }
        let slot = Int(bitPattern: raw) - 1
        guard slot >= 0, slot < facts.count, facts[slot].node == node else { return nil }
        return facts[slot]
    }

    private func walkLengths(_ node: Node, inLink: Bool, depth: Int) -> (text: Int, link: Int) {
        var total = 0
        var link = 0
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
                visits += 1
                let inner = walkLengths(current, inLink: inLink || tag(current) == "a", depth: depth + 1)
                total += inner.text
                link += inner.link
            default: break
            }
            child = current.pointee.next
        }
        return (total, link)
    }

    /// Characters of text below `node` and how many of them sit inside links.
    func textAndLinkLength(_ node: Node) -> (text: Int, link: Int) {
        if let known = facts(node) { return (known.text, known.link) }
        return walkLengths(node, inLink: tag(node) == "a", depth: 0)
    }

    private func appendText(_ node: Node, into bytes: inout [UInt8], depth: Int) {
        guard depth < Self.maxDepth else { return }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
            case XML_ELEMENT_NODE where !excluded.contains(current):
                visits += 1
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
        var count = 0
        var index = 0
        while content[index] != 0 {
            let byte = content[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D && (byte & 0xC0) != 0x80 { count += 1 }
            index += 1
        }
        return count
    }
}
