import CLibXML2

/// Finds the element that holds the story, the way Arc90 Readability does: every paragraph-like block of
/// some length scores for its parent and (half) its grandparent by length and commas; class/id words and tag
/// kinds adjust; link-heavy candidates lose in proportion to their link density.
struct ContentScorer {
    let tree: HTMLTree
    private(set) var scores: [HTMLTree.Node: Double] = [:]

    init(tree: HTMLTree) { self.tree = tree }

    private static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote", "h2", "h3"]
    private static let blockChildTags: Set<String> = ["a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article", "figure", "h1", "h2", "h3", "h4", "h5", "h6"]

    /// The best candidate, or nil when no block has enough text.
    mutating func bestCandidate() -> HTMLTree.Node? {
        guard let root = tree.root else { return nil }
        scoreBlocks(root, depth: 0)
        var best: (node: HTMLTree.Node, score: Double)?
        for (node, raw) in scores {
            let (text, link) = tree.textAndLinkLength(node)
            let density = text > 0 ? Double(link) / Double(text) : 0
            let score = raw * (1 - density)
            scores[node] = score
            if best == nil || score > best!.score { best = (node, score) }
        }
        return best?.node
    }

    func score(of node: HTMLTree.Node) -> Double? { scores[node] }

    private mutating func scoreBlocks(_ node: HTMLTree.Node, depth: Int) {
        guard depth < HTMLTree.maxDepth else { return }
        for child in tree.elementChildren(node) {
            let tag = tree.tag(child)
            if Self.paragraphTags.contains(tag) || (tag == "div" && !hasBlockChildren(child)) || (tag == "li" && !hasBlockChildren(child)) {
                scoreParagraph(child)
                if tag == "div" || tag == "td" || tag == "blockquote" { scoreBlocks(child, depth: depth + 1) }
            } else {
                scoreBlocks(child, depth: depth + 1)
            }
        }
    }

    private mutating func scoreParagraph(_ node: HTMLTree.Node) {
        let text = tree.text(node)
        let length = text.count
        guard length >= 25, let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return }
        var score = 1.0
        score += Double(text.reduce(0) { $0 + ($1 == "," || $1 == "，" || $1 == "、" ? 1 : 0) })
        score += min(Double(length) / 100, 3)
        initialise(parent)
        scores[parent, default: 0] += score
        if let grandparent = parent.pointee.parent, grandparent.pointee.type == XML_ELEMENT_NODE {
            initialise(grandparent)
            scores[grandparent, default: 0] += score / 2
        }
    }

    private mutating func initialise(_ node: HTMLTree.Node) {
        guard scores[node] == nil else { return }
        var score = ClassWeight.of(node, in: tree)
        switch tree.tag(node) {
        case "div", "article", "section", "main": score += 5
        case "pre", "td", "blockquote": score += 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score -= 3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score -= 5
        default: break
        }
        if tree.tag(node) == "article" || tree.attribute(node, "itemprop") == "articleBody" { score += 15 }
        scores[node] = score
    }

    private func hasBlockChildren(_ node: HTMLTree.Node) -> Bool {
        tree.elementChildren(node).contains { Self.blockChildTags.contains(tree.tag($0)) }
    }
}

/// ±25 for positive/negative words in class and id, as Readability weighs them.
enum ClassWeight {
    static func of(_ node: HTMLTree.Node, in tree: HTMLTree) -> Double {
        var weight = 0.0
        for value in [tree.attribute(node, "class"), tree.attribute(node, "id")] {
            guard let value = value?.lowercased(), !value.isEmpty else { continue }
            if BoilerplatePatterns.negative.contains(where: value.contains) { weight -= 25 }
            if BoilerplatePatterns.positive.contains(where: value.contains) { weight += 25 }
        }
        return weight
    }
}
