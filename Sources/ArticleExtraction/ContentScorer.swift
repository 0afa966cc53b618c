import CLibXML2

/// Finds the element that holds the story, the way Arc90 Readability does: every paragraph-like block of
/// some length scores for its parent and (half) its grandparent by length and commas; class/id words and tag
/// kinds adjust; link-heavy candidates lose in proportion to their link density.
struct ContentScorer {
    let tree: HTMLTree
    private(set) var scores: [HTMLTree.Node: Double] = [:]

    init(tree: HTMLTree) { self.tree = tree }

    private static let paragraphTags: Set<String> = ["p", "pre", "td", "blockquote", "h2", "h3"]
    /// Block containers whose own loose text can be story; inline elements (small, span, a) never are.
    private static let containerTags: Set<String> = ["div", "section", "article", "main", "td", "li", "blockquote", "center", "font", "body"]
    private static let blockChildTags: Set<String> = [
        "a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    ]

    /// The best candidate, or nil when no block has enough text.
    mutating func bestCandidate() -> HTMLTree.Node? {
        guard let root = tree.root else { return nil }
        tree.measureAll()
        scoreBlocks(root, depth: 0)
        for (node, raw) in scores {
            let (text, link) = tree.textAndLinkLength(node)
            let density = text > 0 ? Double(link) / Double(text) : 0
            scores[node] = raw * (1 - density)
        }
        let ranked = scores.sorted { $0.value > $1.value }.prefix(5)
        guard var best = ranked.first?.key else { return nil }
        best = commonAncestorOfRivals(best, rivals: ranked.dropFirst().map(\.key))
        return climbWhileScoresRise(from: best)
    }

    /// Mozilla Readability: when three of the next-best candidates live under one ancestor of the best, the story
    /// is split in chunks (cards, grid items) and that ancestor holds it all.
    private func commonAncestorOfRivals(_ best: HTMLTree.Node, rivals: [HTMLTree.Node]) -> HTMLTree.Node {
        let bestScore = scores[best] ?? 0
        let close = rivals.filter { (scores[$0] ?? 0) / max(bestScore, 0.001) >= 0.75 }
        guard close.count >= 3 else { return best }
        let rivalAncestors = close.map { Set(ancestors(of: $0)) }
        for ancestor in ancestors(of: best) where tree.tag(ancestor) != "body" && tree.tag(ancestor) != "html" {
            if rivalAncestors.filter({ $0.contains(ancestor) }).count >= 3 { return ancestor }
        }
        return best
    }

    /// Parents get half a paragraph's score; a parent that outscores its child holds more of the story.
    /// An only child is replaced by its parent outright.
    private func climbWhileScoresRise(from start: HTMLTree.Node) -> HTMLTree.Node {
        var node = start
        var lastScore = scores[node] ?? 0
        while let parent = tree.parentElement(node), tree.tag(parent) != "body", tree.tag(parent) != "html" {
            if tree.elementChildren(parent).count == 1 {
                node = parent
                continue
            }
            guard let parentScore = scores[parent], parentScore > lastScore else { break }
            node = parent
            lastScore = parentScore
        }
        return node
    }

    private func ancestors(of node: HTMLTree.Node) -> [HTMLTree.Node] {
        var result: [HTMLTree.Node] = []
        var current = tree.parentElement(node)
        while let parent = current, result.count < HTMLTree.maxDepth {
            result.append(parent)
            current = tree.parentElement(parent)
        }
        return result
    }

    func score(of node: HTMLTree.Node) -> Double? { scores[node] }

    private mutating func scoreBlocks(_ node: HTMLTree.Node, depth: Int) {
        guard depth < HTMLTree.maxDepth else { return }
        scoreLooseText(node)
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

    /// Text written straight into a container beside its block children ("<div><p>title</p>Story text…<br></div>")
    /// counts as a paragraph of that container, as Readability's wrapping of phrasing content makes it.
    private mutating func scoreLooseText(_ node: HTMLTree.Node) {
        guard Self.containerTags.contains(tree.tag(node)), hasBlockChildren(node) else { return }
        var bytes: [UInt8] = []
        tree.forEachChild(of: node) { child in
            if case .text(let content) = child { bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))) }
        }
        let text = TextFolding.fold(bytes)
        let length = text.unicodeScalars.count
        guard length >= 25 else { return }
        let commas = text.unicodeScalars.reduce(0) { $0 + ($1 == "," || $1 == "，" || $1 == "、" ? 1 : 0) }
        addScore(length: length, commas: commas, parent: node)
    }

    private mutating func scoreParagraph(_ node: HTMLTree.Node) {
        let (length, commas) = tree.textStats(node)
        guard length >= 25, let parent = tree.parentElement(node) else { return }
        addScore(length: length, commas: commas, parent: parent)
    }

    private mutating func addScore(length: Int, commas: Int, parent: HTMLTree.Node) {
        var score = 1.0
        score += Double(commas)
        score += min(Double(length) / 100, 3)
        // Mozilla Readability's shares: the parent all, the grandparent half, the great-grandparent a sixth, so
        // that a story cut into wrapped chunks still adds up in the element around them.
        var ancestor: HTMLTree.Node? = parent
        for level in 0..<Self.scoredAncestorLevels {
            guard let node = ancestor else { break }
            initialise(node)
            scores[node, default: 0] += level == 0 ? score : level == 1 ? score / 2 : score / Double(level * 3)
            ancestor = tree.parentElement(node)
        }
    }

    /// Three of Readability's five levels: the third joined chunked stories on two sites of the readability set
    /// (F1 0.934 -> 0.942) at a cost of 0.0002 on extraction-dev; the fourth and fifth cost 0.001 there and gained nothing.
    static let scoredAncestorLevels = 3

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
        for name in ["class", "id"] {
            guard let value = tree.lowercasedAttributeBytes(node, name), !value.isEmpty else { continue }
            if BoilerplatePatterns.negativeMatcher.matches(value) { weight -= 25 }
            if BoilerplatePatterns.positiveMatcher.matches(value) { weight += 25 }
        }
        return weight
    }
}
