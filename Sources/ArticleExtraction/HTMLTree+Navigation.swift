import CLibXML2

/// The tree as the algorithms see it: elements, their parents and children, and text, without libxml2's structs.
/// Only HTMLTree and this view read `xmlNode` fields.
extension HTMLTree {
    /// One child of an element, as the algorithms tell children apart.
    enum Child {
        case element(Node)
        /// A text or CDATA node's bytes (UTF-8, NUL-terminated, owned by the tree).
        case text(UnsafePointer<xmlChar>)
        case comment(Node)
        case other
    }

    /// The element containing `node`, nil at the top of the document.
    func parentElement(_ node: Node) -> Node? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return parent
    }

    /// The children of `node` in order. Each child's next sibling is read before the child is handed out, so the
    /// loop body may unlink the child it got.
    func children(of node: Node) -> Children { Children(upcoming: node.pointee.children) }

    /// Calls `body` for each child in order (see `children(of:)`).
    func forEachChild(of node: Node, _ body: (Child) -> Void) {
        for child in children(of: node) { body(child) }
    }

    struct Children: Sequence, IteratorProtocol {
        var upcoming: Node?

        mutating func next() -> Child? {
            guard let current = upcoming else { return nil }
            upcoming = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE: return .element(current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return current.pointee.content.map { .text(UnsafePointer($0)) } ?? .other
            case XML_COMMENT_NODE: return .comment(current)
            default: return .other
            }
        }
    }
}
