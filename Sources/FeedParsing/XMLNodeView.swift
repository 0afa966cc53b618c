import CLibXML2

/// A read-only view of one libxml2 element, for the OPML reader (feeds are read from SAX events, with no tree).
/// Lives only while its document does; never leaves this target.
struct XMLNodeView {
    let node: xmlNodePtr

    var localName: String { String(cString: node.pointee.name) }

    var elements: [XMLNodeView] {
        var result: [XMLNodeView] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLNodeView(node: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// Attribute lookup that ignores namespaces and case (OPML files write `xmlUrl`, `xmlURL`, `XMLURL`).
    func looseAttribute(_ name: String) -> String? {
        var attr = node.pointee.properties
        while let current = attr {
            if String(cString: current.pointee.name).lowercased() == name { return Self.text(of: current.pointee.children) }
            attr = current.pointee.next
        }
        return nil
    }

    private static func text(of first: xmlNodePtr?) -> String {
        var bytes: [UInt8] = []
        collectText(first, into: &bytes, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func collectText(_ first: xmlNodePtr?, into bytes: inout [UInt8], depth: Int) {
        guard depth < 256 else { return }  // nesting cap: hostile feeds nest deeper than any real one
        var child = first
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ELEMENT_NODE:
                collectText(current.pointee.children, into: &bytes, depth: depth + 1)
            default:
                break
            }
            child = current.pointee.next
        }
    }
}
