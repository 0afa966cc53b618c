import CLibXML2
import Foundation

/// Maps a parsed RSS, RDF or Atom tree onto `ParsedFeed`, following feedparser's element precedence.
struct FeedTreeWalker {
    let baseURL: String?
    /// Elements in the root's own namespace are the format's own, whatever that namespace is
    /// (Atom drafts, the userland RSS 2.0 namespace).
    private var rootNamespace: String?
    private var isAtom10 = false
    /// The DOCTYPE's public identifier, which tells Netscape's RSS 0.91 from Userland's.
    var doctypePublicID: String?

    init(baseURL: String?) { self.baseURL = baseURL }

    mutating func walk(_ root: XMLNodeView) -> ParsedFeed {
        rootNamespace = root.localName.lowercased() == "rdf" ? nil : root.namespace
        isAtom10 = root.namespace == Namespaces.atom10
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
            for element in root.elements where element.localName == "entry" || element.localName == "item" {
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
            case "0.91": return doctypePublicID?.lowercased().contains("netscape") == true ? "rss091n" : "rss091u"
            case "0.92": return "rss092"
            case "0.93": return "rss093"
            case "0.94": return "rss094"
            case "2.0", "2", "2.00", "2.0.1", "2.01": return "rss20"
            default: return declared.hasPrefix("2.") ? "rss20" : "rss"
            }
        case "rdf":
            let namespaces = root.elements.map(\.namespace) + root.declaredNamespaces
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
            case (.core, "id") where atom && feed.id == nil: feed.id = resolveIfPath(child.text.trimmed, at: child)
            case (.core, "pubDate"), (.dcterms, "issued"): feed.published = DateField(text: child.text.trimmed)
            case (.core, "lastBuildDate"), (.core, "updated"), (.core, "modified"), (.dc, "date"), (.dcterms, "modified"):
                feed.updated = DateField(text: child.text.trimmed)
            case (.core, "published") where atom, (.core, "issued") where atom:
                feed.published = DateField(text: child.text.trimmed)
            default: break
            }
        }
        if atom, feed.link == nil, let id = feed.id, !id.isEmpty { feed.link = id }
    }

    // MARK: - Items

    private func readItem(_ element: XMLNodeView, atom: Bool) -> ParsedItem {
        var item = ParsedItem()
        var linkFromID = false  // a link copied from the GUID/id gives way to a real link that follows
        for child in element.elements {
            switch (namespaceKind(child, atom: atom), child.localName) {
            case (.core, "title") where item.title == nil, (.dc, "title") where item.title == nil:
                item.title = textValue(child, atom: atom)
            case (.core, "link") where atom, (.atomInRSS, "link"):
                readAtomLink(child, into: &item, linkFromID: &linkFromID)
            case (.core, "link") where item.link == nil || linkFromID:
                item.link = resolve(child.text.trimmed, at: child)
                linkFromID = false
            case (.core, "guid") where item.id == nil:
                item.id = child.text.trimmed
                let permalink = (child.attribute("isPermaLink")?.lowercased() ?? "true") != "false"
                if permalink && item.link == nil {
                    item.link = resolve(item.id ?? "", at: child)
                    linkFromID = true
                }
            case (.core, "id") where atom && item.id == nil:
                item.id = resolveIfPath(child.text.trimmed, at: child)
                if item.link == nil {
                    item.link = item.id
                    linkFromID = true
                }
            case (.core, "author") where atom, (.core, "contributor") where atom && item.author == nil:
                if child.localName == "author" || item.author == nil { item.author = atomPerson(child) ?? "" }
            case (.core, "author"), (.dc, "creator"), (.dc, "author"):
                item.author = child.text.trimmed
            case (.core, "description"), (.core, "summary"), (.dc, "description"), (.core, "abstract"):
                if item.summary == nil { item.summary = textValue(child, atom: atom) }
            case (.content, "encoded"), (.core, "content"), (.xhtml, "body"), (.core, "fullitem"), (.core, "body"):
                item.content.append(contentValue(child, atom: atom))
            case (.core, "pubDate"), (.dcterms, "issued"), (.core, "published"), (.core, "issued"):
                item.published = DateField(text: child.text.trimmed)
            case (.core, "updated"), (.core, "modified"), (.dc, "date"), (.dcterms, "modified"):
                item.updated = DateField(text: child.text.trimmed)
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
        if item.id == nil, let about = element.attribute("about", namespace: Namespaces.rdf), !about.isEmpty {
            item.id = about
        }
        if item.summary == nil, let first = item.content.first { item.summary = first }
        return item
    }

    private func readAtomLink(_ child: XMLNodeView, into item: inout ParsedItem, linkFromID: inout Bool) {
        let rel = child.attribute("rel")?.lowercased() ?? "alternate"
        // A link without href: feedparser takes its text as the address.
        let rawHref = child.attribute("href") ?? child.text.trimmed
        guard !rawHref.isEmpty else { return }
        let href = resolve(rawHref, at: child)
        if rel == "enclosure" {
            item.enclosures.append(Enclosure(href: href, type: child.attribute("type"), length: child.attribute("length")))
            if item.link == nil { item.link = href }
        } else if rel == "alternate" && (item.link == nil || linkFromID) {
            item.link = href
            linkFromID = false
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
        default: return ""  // a person with neither name nor email (only a URI) is an empty author
        }
    }

    // MARK: - Text constructs

    /// Text of a title/summary/content, per its type: Atom 1.0 `xhtml` is the markup inside the wrapping div;
    /// Atom 0.3 `application/xhtml+xml` (or `mode="xml"`) keeps the div; non-text Atom 1.0 types and Atom 0.3
    /// `mode="base64"` are base64; an untyped element holding child elements is its markup; the rest is text.
    private func textValue(_ element: XMLNodeView, atom: Bool) -> String {
        let type = (element.attribute("type") ?? "").lowercased()
        let mode = element.attribute("mode")?.lowercased()
        if type == "xhtml" || (isAtom10 && (type.hasSuffix("xhtml+xml") || mode == "xml")) { return xhtmlInner(element) }
        if atom && (mode == "base64" || (mode == nil && isBinaryType(type))) {
            return Data(base64Encoded: element.text.trimmed, options: .ignoreUnknownCharacters)
                .map { String(decoding: $0, as: UTF8.self) } ?? element.text
        }
        if type.hasSuffix("xhtml+xml") || mode == "xml" || (element.hasElementChildren && type != "html" && type != "text/html") {
            return MarkupSerializer.inner(element).trimmed
        }
        let text = element.text
        return type.isEmpty || type == "text" || type == "text/plain" ? text.trimmed : text
    }

    /// Atom 1.0 types that are neither text nor XML carry base64 (RFC 4287 §4.1.3.3).
    private func isBinaryType(_ type: String) -> Bool {
        guard !type.isEmpty, !["text", "html", "xhtml"].contains(type) else { return false }
        return !type.hasPrefix("text/") && !type.hasSuffix("+xml") && !type.hasSuffix("/xml")
    }

    private func contentValue(_ element: XMLNodeView, atom: Bool) -> String {
        if element.namespace == Namespaces.xhtml { return MarkupSerializer.inner(element).trimmed }
        return textValue(element, atom: atom)
    }

    private func xhtmlInner(_ element: XMLNodeView) -> String {
        let children = element.elements
        if children.count == 1, children[0].localName == "div" { return MarkupSerializer.inner(children[0]).trimmed }
        return MarkupSerializer.inner(element).trimmed
    }

    // MARK: - Namespaces and links

    private enum NamespaceKind { case core, atomInRSS, dc, dcterms, content, media, xhtml, other }

    private func namespaceKind(_ element: XMLNodeView, atom: Bool) -> NamespaceKind {
        if let namespace = element.namespace, namespace == rootNamespace, namespace != Namespaces.atom10 || atom { return .core }
        switch element.namespace {
        case nil, Namespaces.rss10, Namespaces.rss090, Namespaces.atom03, Namespaces.userlandRSS, Namespaces.userlandRSS2: return .core
        case Namespaces.atom10: return atom ? .core : .atomInRSS
        case Namespaces.dc: return .dc
        case Namespaces.dcterms: return .dcterms
        case Namespaces.content: return .content
        case Namespaces.media: return .media
        case Namespaces.xhtml: return .xhtml
        default: return .other
        }
    }

    /// Ids are opaque, except that a path ("/relative/link") is resolved like a link, as feedparser does.
    private func resolveIfPath(_ id: String, at element: XMLNodeView) -> String {
        id.hasPrefix("/") && !id.hasPrefix("//") ? resolve(id, at: element) : id
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
    /// Without leading and trailing whitespace. Native: Foundation's trimmingCharacters bridges through NSString,
    /// which showed as the largest cost of parsing small feeds.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
