import CLibXML2

/// Writes XHTML/XML children of a feed element back out as markup the way feedparser does: attributes sorted by
/// name, empty void elements as `<br />`, the XHTML namespace declaration left out (others kept), text escaped.
struct MarkupSerializer {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    static func inner(_ element: XMLNodeView) -> String {
        var out = ""
        var child = element.node.pointee.children
        while let current = child {
            write(current, into: &out, depth: 0)
            child = current.pointee.next
        }
        return out
    }

    private static func write(_ node: xmlNodePtr, into out: inout String, depth: Int) {
        guard depth < 256 else { return }
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { escape(Windows1252.demoronize(String(cString: content)), into: &out, attribute: false) }
        case XML_ENTITY_REF_NODE:
            if let name = node.pointee.name { out += "&" + String(cString: name) + ";" }
        case XML_ELEMENT_NODE:
            let view = XMLNodeView(node: node)
            let name = (view.prefix.map { $0 + ":" } ?? "") + view.localName
            var attributes: [(String, String)] = []
            var namespace = node.pointee.nsDef
            while let current = namespace {
                let href = current.pointee.href.map { String(cString: $0) } ?? ""
                if href != Namespaces.xhtml {
                    let prefix = current.pointee.prefix.map { "xmlns:" + String(cString: $0) } ?? "xmlns"
                    attributes.append((prefix, href))
                }
                namespace = current.pointee.next
            }
            var attribute = node.pointee.properties
            while let current = attribute {
                let local = String(cString: current.pointee.name)
                let prefix = current.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) + ":" } } ?? ""
                attributes.append((prefix + local, XMLNodeView.attributeText(current)))
                attribute = current.pointee.next
            }
            out += "<" + name
            for (key, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
                out += " " + key + "=\""
                escape(value, into: &out, attribute: true)
                out += "\""
            }
            if node.pointee.children == nil && voidElements.contains(view.localName.lowercased()) {
                out += " />"
                return
            }
            out += ">"
            var child = node.pointee.children
            while let current = child {
                write(current, into: &out, depth: depth + 1)
                child = current.pointee.next
            }
            out += "</" + name + ">"
        default:
            break
        }
    }

    private static func escape(_ text: String, into out: inout String, attribute: Bool) {
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            default: out.append(character)
            }
        }
    }
}
