import CLibXML2
import Foundation

/// The extraction stage: an HTML page in, its story and metadata out.
public struct ArticleExtractor: Sendable {
    /// Pages above this are refused rather than parsed: no article is this big, and it bounds memory.
    public static let maxPageBytes = 64 << 20
    /// A strict pass that finds less text than this is retried without class/id pruning (Mozilla Readability's 500).
    static let retryBelowCharacters = 500
    /// Below this the result counts as empty (not one sentence), and the page is read again with lenient pruning.
    static let emptyBelowCharacters = 25

    public init() {}

    /// - Parameters:
    ///   - url: the page's URL, for relative links and errors.
    ///   - charset: the HTTP Content-Type charset, when the server sent one.
    public func extract(_ data: Data, url: String?, charset: String? = nil) throws(ExtractionError) -> ExtractedArticle {
        try extractKeepingTree(data, url: url, charset: charset).article
    }

    /// The article and the tree it came from, whose `visits` tests read to hold extraction to linear work.
    func extractKeepingTree(_ data: Data, url: String?, charset: String? = nil) throws(ExtractionError) -> (article: ExtractedArticle, tree: HTMLTree) {
        let source = url ?? "page"
        guard data.count <= Self.maxPageBytes else {
            throw ExtractionError(source: source, reason: "page is \(data.count >> 20) MiB, above the \(Self.maxPageBytes >> 20) MiB limit")
        }
        guard !data.isEmpty else { throw ExtractionError(source: source, reason: "empty page") }
        var bytes = [UInt8](data)
        var encoding = HTMLCharsetSniffer.encoding(of: bytes, httpCharset: charset)
        if encoding == "windows-1252" {
            bytes = Windows1252.utf8(bytes)
            encoding = "UTF-8"
        }
        let cleaned = ScriptStripper.stripped(bytes)
        let tree = try HTMLTree(bytes: cleaned, url: url, encoding: encoding)
        let metadata = PageMetadata.read(tree, pageURL: url)
        BoilerplatePruner(tree: tree).prune()
        var paragraphs = mainText(tree)
        if !tree.excluded.isEmpty, paragraphs.reduce(0, { $0 + $1.utf8.count }) < Self.retryBelowCharacters {
            // Class names condemned the story's own container ("header-style-2 wrapper", "widget Blog"):
            // let scoring alone decide, keeping whichever reading found more.
            tree.excluded = []
            let second = mainText(tree)
            if second.reduce(0, { $0 + $1.utf8.count }) > paragraphs.reduce(0, { $0 + $1.utf8.count }) { paragraphs = second }
        }
        if paragraphs.reduce(0, { $0 + $1.utf8.count }) < Self.emptyBelowCharacters,
            let lenient = try? HTMLTree(bytes: cleaned, url: url, encoding: encoding)
        {
            // Nothing survived: a wrapper hidden until scripts run (anti-flicker "display:none", aria-hidden under
            // an open modal) or a landmark role around the whole page. Read the page again, dropping only what
            // can never be text, rather than store an empty article.
            BoilerplatePruner(tree: lenient, lenient: true).prune()
            let third = mainText(lenient)
            if third.reduce(0, { $0 + $1.utf8.count }) > paragraphs.reduce(0, { $0 + $1.utf8.count }) { paragraphs = third }
        }
        paragraphs = Self.withoutHeadline(paragraphs, titles: [metadata.headline, metadata.title, metadata.firstHeading])
        let article = ExtractedArticle(
            title: metadata.headline ?? metadata.title, byline: metadata.byline,
            published: metadata.published, modified: metadata.modified,
            canonicalURL: metadata.canonicalURL, siteName: metadata.siteName,
            language: metadata.language, description: metadata.description, paragraphs: paragraphs)
        return (article, tree)
    }

    private func mainText(_ tree: HTMLTree) -> [String] {
        var scorer = ContentScorer(tree: tree)
        guard let best = scorer.bestCandidate() else {
            guard let root = tree.root else { return [] }
            var renderer = ParagraphRenderer(tree: tree)
            return renderer.render([root])
        }
        var chosen = Set(SiblingSelector(tree: tree, scorer: scorer).select(around: best))
        chosen.formUnion(CousinSelector(tree: tree).cousins(of: best, excluding: chosen))
        var renderer = ParagraphRenderer(tree: tree)
        return renderer.render(DocumentOrder.sort(chosen, in: tree), best: best)
    }

    /// The headline is metadata, not body: drop leading paragraphs that repeat it.
    static func withoutHeadline(_ paragraphs: [String], titles: [String?]) -> [String] {
        let known = Set(titles.compactMap { $0.map(normalise) }.filter { !$0.isEmpty })
        var result = paragraphs
        while let first = result.first, known.contains(normalise(first)) { result.removeFirst() }
        return result
    }

    private static func normalise(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}

/// Readability's sibling step: the best candidate plus its siblings that score well or read like prose.
struct SiblingSelector {
    let tree: HTMLTree
    let scorer: ContentScorer

    func select(around best: HTMLTree.Node) -> [HTMLTree.Node] {
        guard let parent = tree.parentElement(best) else { return [best] }
        let bestScore = scorer.score(of: best) ?? 0
        let threshold = max(10, bestScore * 0.2)
        let bestNames = tree.attribute(best, "class")
        return tree.elementChildren(parent).filter { sibling in
            if sibling == best { return true }
            if isTeaserList(sibling) { return false }
            var bonus = 0.0
            if let names = bestNames, !names.isEmpty, tree.attribute(sibling, "class") == names { bonus += bestScore * 0.2 }
            if let score = scorer.score(of: sibling), score + bonus >= threshold { return true }
            guard tree.tag(sibling) == "p" else { return false }
            let (text, link) = tree.textAndLinkLength(sibling)
            let density = text > 0 ? Double(link) / Double(text) : 1
            if text > 80 { return density < 0.25 }
            // A short paragraph with no links that reads like a sentence (a full stop, then a space or the end).
            let content = Array(tree.text(sibling).utf8)
            let endsSentence =
                content.last == UInt8(ascii: ".")
                || content.indices.dropLast().contains { content[$0] == UInt8(ascii: ".") && content[$0 + 1] == UInt8(ascii: " ") }
            return density == 0 && endsSentence
        }
    }
}

extension SiblingSelector {
    /// Linked headlines, each with a line or two of summary (under 300 characters an item): other stories,
    /// however much their summaries read like prose.
    func isTeaserList(_ node: HTMLTree.Node) -> Bool {
        let headlines = tree.linkedHeadings(node)
        return headlines >= 3 && tree.textAndLinkLength(node).text < headlines * 300
    }
}

/// A story cut into chunks that are not siblings (each chunk in its own grid row: "article__chunks > grid >
/// grid--item body"): elements with the best candidate's tag and class that hold prose are the other chunks.
struct CousinSelector {
    let tree: HTMLTree

    func cousins(of best: HTMLTree.Node, excluding chosen: Set<HTMLTree.Node>) -> [HTMLTree.Node] {
        guard let names = tree.attribute(best, "class"), !names.isEmpty, let root = tree.root else { return [] }
        let tag = tree.tag(best)
        var found: [HTMLTree.Node] = []
        collect(root, tag: tag, names: names, chosen: chosen, into: &found, depth: 0)
        return found.filter { node in
            let (text, link) = tree.textAndLinkLength(node)
            return text >= 100 && Double(link) / Double(text) < 0.25
        }
    }

    private func collect(_ node: HTMLTree.Node, tag: String, names: String, chosen: Set<HTMLTree.Node>, into found: inout [HTMLTree.Node], depth: Int) {
        guard depth < HTMLTree.maxDepth else { return }
        for child in tree.elementChildren(node) where !chosen.contains(child) {
            if tree.tag(child) == tag && tree.attribute(child, "class") == names {
                found.append(child)
            } else {
                collect(child, tag: tag, names: names, chosen: chosen, into: &found, depth: depth + 1)
            }
        }
    }
}

/// Puts chosen elements in the order they appear in the page (outermost first when nested).
enum DocumentOrder {
    static func sort(_ nodes: Set<HTMLTree.Node>, in tree: HTMLTree) -> [HTMLTree.Node] {
        guard let root = tree.root, nodes.count > 1 else { return Array(nodes) }
        var ordered: [HTMLTree.Node] = []
        walk(root, nodes, into: &ordered, tree: tree, depth: 0)
        return ordered
    }

    private static func walk(_ node: HTMLTree.Node, _ nodes: Set<HTMLTree.Node>, into ordered: inout [HTMLTree.Node], tree: HTMLTree, depth: Int) {
        guard depth < HTMLTree.maxDepth, ordered.count < nodes.count else { return }
        for child in tree.elementChildren(node) {
            if nodes.contains(child) {
                ordered.append(child)
            } else {
                walk(child, nodes, into: &ordered, tree: tree, depth: depth + 1)
            }
        }
    }
}
