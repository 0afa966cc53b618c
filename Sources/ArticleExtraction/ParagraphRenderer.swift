import CLibXML2
import Foundation

/// Turns the chosen content elements into paragraphs: block elements break paragraphs, inline ones flow,
/// link lists and other furniture left inside the content are skipped.
struct ParagraphRenderer {
    let tree: HTMLTree
    private var paragraphs: [String] = []
    private var current: [UInt8] = []
    /// Set at a heading such as "Most popular": what follows lists other content.
    private var stopped = false
    /// Whether any of `current` came from outside a link: a paragraph that is one link ("Comments (5 posted)",
    /// "Read more") is a control, not a heading that ends the story.
    private var currentHasPlainText = false
    private var linkDepth = 0

    init(tree: HTMLTree) { self.tree = tree }

    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
        "tr", "td", "th", "ul", "ol", "dl", "dt", "dd", "table", "figure", "address", "center", "hr", "summary", "details",
    ]
    private static let listLikeTags: Set<String> = ["ul", "ol", "div", "table", "section", "dl"]

    /// - Parameter best: the candidate scoring chose; it is rendered whatever its link density, the others only
    ///   when they are not clutter.
    mutating func render(_ nodes: [HTMLTree.Node], best: HTMLTree.Node? = nil) -> [String] {
        for node in nodes where !stopped {
            if node == best || tree.tag(node) == "p" || !isClutter(node) { walk(node, depth: 0) }
            flush()
        }
        return paragraphs
    }

    private mutating func walk(_ node: HTMLTree.Node, depth: Int) {
        guard depth < HTMLTree.maxDepth, !stopped else { return }
        for child in tree.children(of: node) {
            switch child {
            case .text(let content):
                let count = Int(xmlStrlen(content))
                self.current.append(contentsOf: UnsafeBufferPointer(start: content, count: count))
                if linkDepth == 0 && !currentHasPlainText && TextFolding.visibleLength(content) > 0 { currentHasPlainText = true }
            case .element(let current) where !tree.excluded.contains(current):
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
                } else if isInlineWidget(current) {
                    continue
                }
                // Inline elements add no space of their own, as in a browser: a drop-cap "<span>Z</span>imbabwe"
                // is one word.
                let isLink = tag == "a"
                if isLink { linkDepth += 1 }
                walk(current, depth: depth + 1)
                if isLink { linkDepth -= 1 }
                if isBlock { flush() }
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

    /// A hover card or promo nested in running text: an image and several links ("rollover" name cards).
    private func isInlineWidget(_ node: HTMLTree.Node) -> Bool {
        let (images, anchors) = tree.imagesAndAnchors(node)
        guard images > 0 else { return false }
        let (text, link) = tree.textAndLinkLength(node)
        return text > 0 && Double(link) / Double(text) >= 0.7 && anchors >= 2
    }

    private mutating func flush() {
        guard !current.isEmpty else { return }
        let text = TextFolding.fold(current)
        current.removeAll(keepingCapacity: true)
        let plain = currentHasPlainText
        currentHasPlainText = false
        guard !text.isEmpty, !BoilerplateLine.matches(text) else { return }
        if !paragraphs.isEmpty, plain, TailHeading.matches(text) {
            stopped = true
            return
        }
        paragraphs.append(text)
    }
}

enum TailHeading {
    static func matches(_ text: String) -> Bool {
        guard text.count <= 40 else { return false }
        let lower = text.lowercased().trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.whitespaces))
        return BoilerplatePatterns.tailHeadings.contains { lower == $0 || (lower.hasPrefix($0) && lower.count <= $0.count + 12) }
    }
}

enum BoilerplateLine {
    static func matches(_ text: String) -> Bool {
        // Only the start matters: lower-case a prefix, not the whole paragraph.
        let lower = String(text.prefix(48)).lowercased()
        return BoilerplatePatterns.boilerplateLinePrefixes.contains { lower.hasPrefix($0) }
    }
}
