import CLibXML2
import Foundation

/// Turns the chosen content elements into paragraphs: block elements break paragraphs, inline ones flow,
/// link lists and other furniture left inside the content are skipped.
struct ParagraphRenderer {
    let tree: HTMLTree
    private var paragraphs: [String] = []
    private var current: [UInt8] = []

    init(tree: HTMLTree) { self.tree = tree }

    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
        "tr", "td", "th", "ul", "ol", "dl", "dt", "dd", "table", "figure", "address", "center", "hr", "summary", "details",
    ]
    private static let listLikeTags: Set<String> = ["ul", "ol", "div", "table", "section", "dl"]

    mutating func render(_ nodes: [HTMLTree.Node]) -> [String] {
        for node in nodes {
            if tree.tag(node) == "p" || !isClutter(node) { walk(node, depth: 0) }
            flush()
        }
        return paragraphs
    }

    private mutating func walk(_ node: HTMLTree.Node, depth: Int) {
        guard depth < HTMLTree.maxDepth else { return }
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    self.current.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ELEMENT_NODE:
                let tag = tree.tag(current)
                if tag == "br" {
                    flush()
                    continue
                }
                let isBlock = Self.blockTags.contains(tag)
                if isBlock {
                    flush()
                    if Self.listLikeTags.contains(tag) && isClutter(current) { continue }
                } else if tag == "img" {
                    continue
                } else {
                    self.current.append(0x20)
                }
                walk(current, depth: depth + 1)
                if isBlock { flush() } else { self.current.append(0x20) }
            default:
                break
            }
        }
    }

    /// Link lists and boxes whose class says furniture: Readability's "clean conditionally", simplified.
    private func isClutter(_ node: HTMLTree.Node) -> Bool {
        let (text, link) = tree.textAndLinkLength(node)
        guard text > 0 else { return false }
        let density = Double(link) / Double(text)
        let weight = ClassWeight.of(node, in: tree)
        if weight < 0 && text < 1000 { return true }
        if density > 0.5 { return true }
        return weight < 25 && density > 0.33 && text < 400
    }

    private mutating func flush() {
        guard !current.isEmpty else { return }
        let text = TextFolding.fold(current)
        current.removeAll(keepingCapacity: true)
        guard !text.isEmpty, !BoilerplateLine.matches(text) else { return }
        paragraphs.append(text)
    }
}

enum BoilerplateLine {
    static func matches(_ text: String) -> Bool {
        let lower = text.lowercased()
        return BoilerplatePatterns.boilerplateLinePrefixes.contains { lower.hasPrefix($0) }
    }
}
