import CLibXML2
import Foundation

/// The report as a browser-like parser sees it: libxml2's HTML parser builds the tree, copied here into Swift
/// values so tests ask questions of elements, attributes and text rather than of the page's bytes.
struct ParsedElement {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [ParsedElement]
    /// The element's text content, descendants included.
    var text: String

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// This element and every element below it, in document order.
    var all: [ParsedElement] { [self] + children.flatMap(\.all) }

    func elements(named name: String) -> [ParsedElement] { all.filter { $0.name == name } }

    func elements(withClass name: String) -> [ParsedElement] {
        all.filter { ($0.attribute("class") ?? "").split(separator: " ").contains(Substring(name)) }
    }

    func element(id: String) -> ParsedElement? { all.first { $0.attribute("id") == id } }
}

enum ParsedPage {
    static func parse(_ html: String) throws -> ParsedElement {
        sw_libxml2_harden()
        let bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        guard
            let document = bytes.withUnsafeBufferPointer({ buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), "report.html", "UTF-8", options)
                }
            })
        else { throw ParseFailure() }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw ParseFailure() }
        return element(root)
    }

    struct ParseFailure: Error {}

    private static func element(_ node: xmlNodePtr) -> ParsedElement {
        var attributes: [(String, String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            attributes.append((name, value.map { String(cString: $0) } ?? ""))
            if let value { sw_xml_free(value) }
            attribute = current.pointee.next
        }
        var children: [ParsedElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(element(current)) }
            child = current.pointee.next
        }
        let content = xmlNodeGetContent(node)
        defer { if let content { sw_xml_free(content) } }
        return ParsedElement(
            name: String(cString: node.pointee.name).lowercased(), attributes: attributes, children: children,
            text: content.map { String(cString: $0) } ?? "")
    }
}
