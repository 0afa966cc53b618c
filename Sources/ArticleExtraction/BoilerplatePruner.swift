import CLibXML2

/// Removes what can never be story before scoring: scripts, navigation, forms, hidden elements, and elements
/// whose class or id names furniture (consent banners, share bars, language pickers, "related" boxes).
struct BoilerplatePruner {
    let tree: HTMLTree
    /// Whether class/id words alone condemn an element. The relaxed pass (Readability's retry when the strict
    /// one finds too little) keeps them and trusts scoring instead.
    var removeUnlikely = true

    func prune() {
        guard let root = tree.root else { return }
        var doomed: [HTMLTree.Node] = []
        collect(root, depth: 0, into: &doomed)
        for node in doomed {
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }
    }

    private func collect(_ node: HTMLTree.Node, depth: Int, into doomed: inout [HTMLTree.Node]) {
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            if current.pointee.type == XML_COMMENT_NODE {
                doomed.append(current)
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            if depth >= HTMLTree.maxDepth || isFurniture(current) {
                doomed.append(current)
            } else {
                collect(current, depth: depth + 1, into: &doomed)
            }
        }
    }

    private func isFurniture(_ node: HTMLTree.Node) -> Bool {
        let tag = tree.tag(node)
        if BoilerplatePatterns.droppedTags.contains(tag) || tag == "header" || tag == "figcaption" { return true }
        if tag == "html" || tag == "body" || tag == "article" || tag == "main" { return false }
        if tree.attribute(node, "hidden") != nil || tree.attribute(node, "aria-hidden") == "true" { return true }
        if let style = tree.attribute(node, "style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        if let role = tree.attribute(node, "role")?.lowercased(),
           ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "menu", "search"].contains(role) { return true }
        guard removeUnlikely else { return false }
        let names = tree.classAndIDBytes(node)
        return BoilerplatePatterns.unlikelyMatcher.matches(names) && !BoilerplatePatterns.maybeCandidateMatcher.matches(names)
    }
}
