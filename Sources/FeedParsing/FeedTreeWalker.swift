import CLibXML2
import Foundation

/// Maps a parsed RSS, RDF or Atom tree onto `ParsedFeed`, following feedparser's element precedence.
struct FeedTreeWalker {
    let baseURL: String?

    func walk(_ root: XMLNodeView) -> ParsedFeed {
        var feed = ParsedFeed(version: version(of: root))
        switch root.localName.lowercased() {
        case "rss", "rdf":
            let channel = root.elements.first { $0.localName == "channel" }
            if let channel { readFeedFields(channel, into: &feed, atom: false) }
            // RSS 1.0 puts items beside the channel; RSS 2.0 inside it.
            let holders = [root] + (channel.map { [$0] } ?? [])
            for holder in holders {
                for element in holder.elements where element.localName == "item" {
                    feed.items.append(readItem(element, atom: false))
                }
            }
        case "feed":
            readFeedFields(root, into: &feed, atom: true)
            for element in root.elements where element.localName == "entry" {
                feed.items.append(readItem(element, atom: true))
            }
        case "channel":
            readFeedFields(root, into: &feed, atom: false)
            for element in root.elements where element.localName == "item" { feed.items.append(readItem(element, atom: false)) }
        default:
            break
        }
        return feed
    }

    private func version(of root: XMLNodeView) -> String {
        switch root.localName.lowercased() {
        case "rss":
            let declared = root.attribute("version")?.trimmingCharacters(in: .whitespaces) ?? ""
            switch declared {
            case "0.91": return "rss091u"
            case "0.92": return "rss092"
            case "0.93": return "rss093"
            case "0.94": return "rss094"
            case "2.0", "2", "2.00", "2.0.1", "2.01": return "rss20"
            default: return declared.hasPrefix("2.") ? "rss20" : "rss"
            }
        case "rdf":
            let namespaces = root.elements.map(\.namespace)
            return namespaces.contains(Namespaces.rss090) ? "rss090" : "rss10"
        case "feed":
            switch root.namespace {
            case Namespaces.atom10: return "atom10"
            case Namespaces.atom03: return "atom03"
            default: return root.attribute("version") == "0.3" ? "atom03" : "atom"
            }
        default: return ""
        }
    }

    // MARK: - Feed

    private func readFeedFields(_ element: XMLNodeView, into feed: inout ParsedFeed, atom: Bool) {
        for child in element.elements {
            let name = child.localName
            switch (namespaceKind(child, atom: atom), name) {
            case (.core, "title") where feed.title == nil: feed.title = textValue(child, atom: atom)
            case (.core, "link") where atom:
                if feed.link == nil, isAlternate(child), let href = child.attribute("href") { feed.link = resolve(href, at: child) }
            case (.core, "link") where feed.link == nil: feed.link = resolve(child.text.trimmed, at: child)
            case (.atomInRSS, "link") where feed.link == nil && isAlternate(child):
                feed.link = child.attribute("href").map { resolve($0, at: child) }
            case (.core, "id") where atom && feed.id == nil: feed.id = child.text.trimmed
            case (.core, "pubDate"): feed.published = feed.published ?? DateField(text: child.text.trimmed)
            case (.dcterms, "issued"): feed.published = feed.published ?? DateField(text: child.text.trimmed)
            case (.core, "lastBuildDate"), (.core, "updated"), (.core, "modified"), (.dc, "date"), (.dcterms, "modified"):
                feed.updated = feed.updated ?? DateField(text: child.text.trimmed)
            case (.core, "published") where atom, (.core, "issued") where atom:
                feed.published = feed.published ?? DateField(text: child.text.trimmed)
            default: break
            }
        }
    }

    // MARK: - Items

    private func readItem(_ element: XMLNodeView, atom: Bool) -> ParsedItem {
        var item = ParsedItem()
        var guidIsPermalink = false
        var sawLink = false
        for child in element.elements {
            switch (namespaceKind(child, atom: atom), child.localName) {
            case (.core, "title") where item.title == nil, (.dc, "title") where item.title == nil:
                item.title = textValue(child, atom: atom)
            case (.core, "link") where atom: readAtomLink(child, into: &item, sawLink: &sawLink)
            case (.atomInRSS, "link"): readAtomLink(child, into: &item, sawLink: &sawLink)
            case (.core, "link") where item.link == nil:
                item.link = resolve(child.text.trimmed, at: child)
                sawLink = true
            case (.core, "guid") where item.id == nil:
                item.id = child.text.trimmed
                guidIsPermalink = (child.attribute("isPermaLink")?.lowercased() ?? "true") != "false"
                if !sawLink && guidIsPermalink && item.link == nil { item.link = resolve(item.id ?? "", at: child) }
            case (.core, "id") where atom && item.id == nil:
                item.id = child.text.trimmed
                if !sawLink && item.link == nil { item.link = item.id }
            case (.core, "author") where atom, (.core, "contributor") where atom && item.author == nil:
                if item.author == nil { item.author = atomPerson(child) }
            case (.core, "author"), (.dc, "creator"), (.dc, "author"):
                if item.author == nil { item.author = child.text.trimmed }
            case (.core, "description"), (.core, "summary"), (.dc, "description"), (.core, "abstract"):
                if item.summary == nil { item.summary = textValue(child, atom: atom) }
            case (.content, "encoded"), (.core, "content"), (.xhtml, "body"), (.core, "fullitem"):
                item.content.append(contentValue(child, atom: atom))
            case (.core, "pubDate"), (.dcterms, "issued"), (.core, "published"), (.core, "issued"):
                item.published = item.published ?? DateField(text: child.text.trimmed)
            case (.core, "updated"), (.core, "modified"), (.dc, "date"), (.dcterms, "modified"):
                item.updated = item.updated ?? DateField(text: child.text.trimmed)
            case (.core, "enclosure"):
                if let url = child.attribute("url") ?? child.looseAttribute("url") {
                    item.enclosures.append(Enclosure(href: resolve(url, at: child), type: child.attribute("type"),
                                                     length: child.attribute("length")))
                }
            case (.media, "content"):
                if let url = child.attribute("url"), item.enclosures.isEmpty {
                    item.enclosures.append(Enclosure(href: resolve(url, at: child), type: child.attribute("type"),
                                                     length: child.attribute("fileSize")))
                }
            default: break
            }
        }
        if item.summary == nil, let first = item.content.first { item.summary = first }
        return item
    }

    private func readAtomLink(_ child: XMLNodeView, into item: inout ParsedItem, sawLink: inout Bool) {
        let rel = child.attribute("rel")?.lowercased() ?? "alternate"
        guard let href = child.attribute("href") else { return }
        if rel == "enclosure" {
            item.enclosures.append(Enclosure(href: resolve(href, at: child), type: child.attribute("type"),
                                             length: child.attribute("length")))
        } else if rel == "alternate" && item.link == nil {
            item.link = resolve(href, at: child)
            sawLink = true
        }
    }

    private func isAlternate(_ element: XMLNodeView) -> Bool {
        (element.attribute("rel")?.lowercased() ?? "alternate") == "alternate"
    }

    private func atomPerson(_ element: XMLNodeView) -> String? {
        let name = element.elements.first { $0.localName == "name" }?.text.trimmed
        let email = element.elements.first { $0.localName == "email" }?.text.trimmed
        switch (name, email) {
        case let (name?, email?) where !email.isEmpty: return "\(name) (\(email))"
        case let (name?, _): return name
        case let (nil, email?): return email
        default:
            let text = element.text.trimmed
            return text.isEmpty ? nil : text
        }
    }

    // MARK: - Text constructs

    /// Text of a title/summary: for Atom `type="xhtml"` the markup inside the wrapping div, else the text.
    private func textValue(_ element: XMLNodeView, atom: Bool) -> String {
        let type = (element.attribute("type") ?? "").lowercased()
        if type == "xhtml" || type.hasSuffix("xhtml+xml") { return xhtmlInner(element) }
        if atom && element.attribute("mode")?.lowercased() == "base64" {
            return Data(base64Encoded: element.text.trimmed, options: .ignoreUnknownCharacters)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        if atom && element.attribute("mode")?.lowercased() == "xml" { return element.innerXML }
        let text = element.text
        return type.isEmpty || type == "text" || type == "text/plain" ? text.trimmed : text
    }

    private func contentValue(_ element: XMLNodeView, atom: Bool) -> String {
        if element.namespace == Namespaces.xhtml { return element.innerXML }
        return textValue(element, atom: atom)
    }

    private func xhtmlInner(_ element: XMLNodeView) -> String {
        let children = element.elements
        if children.count == 1, children[0].localName == "div" { return children[0].innerXML.trimmed }
        return element.innerXML.trimmed
    }

    // MARK: - Namespaces and links

    private enum NamespaceKind { case core, atomInRSS, dc, dcterms, content, media, xhtml, other }

    private func namespaceKind(_ element: XMLNodeView, atom: Bool) -> NamespaceKind {
        switch element.namespace {
        case nil, Namespaces.rss10, Namespaces.rss090, Namespaces.atom03: return .core
        case Namespaces.atom10: return atom ? .core : .atomInRSS
        case Namespaces.dc: return .dc
        case Namespaces.dcterms: return .dcterms
        case Namespaces.content: return .content
        case Namespaces.media: return .media
        case Namespaces.xhtml: return .xhtml
        default: return .other
        }
    }

    /// Resolves a link against xml:base in scope (libxml2 walks the ancestors) and the document URL.
    private func resolve(_ link: String, at element: XMLNodeView) -> String {
        let trimmed = link.trimmed
        guard !trimmed.isEmpty else { return trimmed }
        guard let base = xmlNodeGetBase(element.node.pointee.doc, element.node) else {
            return trimmed
        }
        defer { sw_xml_free(base) }
        guard let built = xmlBuildURI(trimmed, base) else { return trimmed }
        defer { sw_xml_free(built) }
        return String(cString: built)
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
