import CLibXML2

/// Removes what can never be story before scoring: scripts, navigation, forms, hidden elements, and elements
/// whose class or id names furniture (consent banners, share bars, language pickers, "related" boxes).
struct BoilerplatePruner {
    let tree: HTMLTree
    /// The last-resort reading: drop only elements that can never hold text (scripts, media, controls), trust no
    /// hidden flag, role or class name.
    var lenient = false

    private static let hiddenStyle = WordPatterns(["display:none", "visibility:hidden"])
    private static let furnitureRoles: Set<[UInt8]> = Set(
        ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "search"].map { Array($0.utf8) })

    /// Unlinks what is never story and marks what only class/id words condemn as excluded (kept for the relaxed pass).
    func prune() {
        guard let root = tree.root else { return }
        var doomed: [HTMLTree.Node] = []
        var excluded: Set<HTMLTree.Node> = []
        collect(root, depth: 0, doomed: &doomed, excluded: &excluded)
        for node in doomed {
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }
        tree.excluded = excluded
    }

    private enum Verdict { case keep, drop, exclude }

    private func collect(_ node: HTMLTree.Node, depth: Int, doomed: inout [HTMLTree.Node], excluded: inout Set<HTMLTree.Node>) {
        tree.forEachChild(of: node) { child in
            switch child {
            case .comment(let comment): doomed.append(comment)
            case .element(let current):
                switch depth >= HTMLTree.maxDepth ? .drop : verdict(current) {
                case .drop: doomed.append(current)
                case .exclude:
                    excluded.insert(current)
                    collect(current, depth: depth + 1, doomed: &doomed, excluded: &excluded)
                case .keep: collect(current, depth: depth + 1, doomed: &doomed, excluded: &excluded)
                }
            case .text, .other: break
            }
        }
    }

    private func verdict(_ node: HTMLTree.Node) -> Verdict {
        let tag = tree.tag(node)
        if lenient { return BoilerplatePatterns.neverTextTags.contains(tag) ? .drop : .keep }
        if BoilerplatePatterns.droppedTags.contains(tag) || tag == "header" || tag == "figcaption" { return .drop }
        if tag == "html" || tag == "body" || tag == "article" || tag == "main" { return .keep }
        if tag == "form" { return tree.textAndLinkLength(node).text < BoilerplatePatterns.smallFormCharacters ? .drop : .keep }
        let attributes = tree.scanAttributes(node)
        if attributes.hidden || attributes.ariaHidden { return .drop }
        if let style = attributes.style, Self.hiddenStyle.matches(style.filter { $0 != 0x20 }) { return .drop }
        if let role = attributes.role, Self.furnitureRoles.contains(role) { return .drop }
        let names = attributes.classAndID
        let unlikely = BoilerplatePatterns.unlikelyMatcher.matches(names) && !BoilerplatePatterns.maybeCandidateMatcher.matches(names)
        return unlikely ? .exclude : .keep
    }
}
