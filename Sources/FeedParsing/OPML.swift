import CLibXML2
import Foundation

/// One feed of an OPML subscription list.
public struct OPMLOutline: Sendable, Equatable {
    public var title: String?
    public var xmlURL: String
    public var htmlURL: String?
    /// Folder names above the outline and its `category` attribute.
    public var categories: [String]
    public init(title: String?, xmlURL: String, htmlURL: String?, categories: [String] = []) {
        self.title = title
        self.xmlURL = xmlURL
        self.htmlURL = htmlURL
        self.categories = categories
    }
}

/// Reads OPML 1.0/2.0 subscription lists with the same hardened libxml2 setup as feeds.
public struct OPMLReader: Sendable {
    public init() {}

    public func read(_ data: Data, source: String) throws(FeedParseError) -> [OPMLOutline] {
        sw_libxml2_harden()
        let options = sw_xml_options()
        let doc = data.withUnsafeBytes { buffer in
            xmlReadMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options)
        }
        guard let doc else { throw FeedParseError(source: source, reason: "not XML") }
        defer { xmlFreeDoc(doc) }
        // A document can parse (with recovery) and still have no root element: freed all the same.
        guard let root = xmlDocGetRootElement(doc) else { throw FeedParseError(source: source, reason: "not XML") }
        let rootView = XMLNodeView(node: root)
        guard rootView.localName == "opml", let body = rootView.elements.first(where: { $0.localName == "body" }) else {
            throw FeedParseError(source: source, reason: "not OPML (no <opml><body>)")
        }
        var outlines: [OPMLOutline] = []
        collect(body, folders: [], into: &outlines, depth: 0)
        return outlines
    }

    private func collect(_ node: XMLNodeView, folders: [String], into outlines: inout [OPMLOutline], depth: Int) {
        guard depth < 32 else { return }
        for child in node.elements where child.localName == "outline" {
            let title = child.looseAttribute("title") ?? child.looseAttribute("text")
            if let xmlURL = child.looseAttribute("xmlurl"), !xmlURL.isEmpty {
                let categories = folders + (child.looseAttribute("category")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
                outlines.append(OPMLOutline(title: title, xmlURL: xmlURL, htmlURL: child.looseAttribute("htmlurl"), categories: categories))
            }
            collect(child, folders: title.map { folders + [$0] } ?? folders, into: &outlines, depth: depth + 1)
        }
    }
}

/// Writes OPML 2.0 (http://opml.org/spec2.opml).
public enum OPMLWriter {
    public static func write(_ outlines: [OPMLOutline], title: String) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">", "  <head>", "    <title>\(escape(title))</title>", "  </head>", "  <body>",
        ]
        for outline in outlines {
            var attributes = "type=\"rss\" text=\"\(escape(outline.title ?? outline.xmlURL))\""
            if let title = outline.title { attributes += " title=\"\(escape(title))\"" }
            attributes += " xmlUrl=\"\(escape(outline.xmlURL))\""
            if let html = outline.htmlURL { attributes += " htmlUrl=\"\(escape(html))\"" }
            if !outline.categories.isEmpty { attributes += " category=\"\(escape(outline.categories.joined(separator: ",")))\"" }
            lines.append("    <outline \(attributes)/>")
        }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n")
    }

    /// &, <, > and " as references: the escaping feed markup is written back out with.
    private static func escape(_ text: String) -> String { MarkupSerializer.escaped(text, attribute: true) }
}
