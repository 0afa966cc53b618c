import CLibXML2
import Foundation
import Model

/// Which field a feed or item element fills, and how its value is read, following feedparser's element
/// precedence. Applied to each field as it closes, in document order.
struct FeedFieldRules {
    let baseURL: String?
    /// Elements in the root's own namespace are the format's own, whatever that namespace is
    /// (Atom drafts, the userland RSS 2.0 namespace).
    let rootNamespace: String?
    let isAtom10: Bool
    let atom: Bool

    // MARK: - Feed

    func apply(_ child: CapturedElement, to feed: inout ParsedFeed) {
        switch (namespaceKind(child), child.name) {
        case (.core, .title) where feed.title == nil: feed.title = textValue(child)
        case (.core, .link) where atom:
            if feed.link == nil, isAlternate(child), let href = child.attribute("href") { feed.link = resolve(href, at: child) }
        case (.core, .link) where feed.link == nil: feed.link = resolve(child.trimmedText, at: child)
        case (.atomInRSS, .link) where feed.link == nil && isAlternate(child):
            feed.link = child.attribute("href").map { resolve($0, at: child) }
        case (.core, .id) where atom && feed.id == nil: feed.id = resolveIfPath(child.trimmedText, at: child)
        case (.core, .pubDate), (.dcterms, .issued): feed.published = DateField(text: child.trimmedText)
        case (.core, .lastBuildDate), (.core, .updated), (.core, .modified), (.dc, .date), (.dcterms, .modified):
            feed.updated = DateField(text: child.trimmedText)
        case (.core, .published) where atom, (.core, .issued) where atom:
            feed.published = DateField(text: child.trimmedText)
        case (.core, .ttl) where !atom: feed.ttlMinutes = Int(child.trimmedText)
        case (.syndication, .updatePeriod): feed.updatePeriod = child.trimmedText.lowercased()
        case (.syndication, .updateFrequency): feed.updateFrequency = Int(child.trimmedText)
        default: break
        }
    }

    func finish(_ feed: inout ParsedFeed) {
        if atom, feed.link == nil, let id = feed.id, !id.isEmpty { feed.link = id }
    }

    // MARK: - Items

    struct ItemDraft {
        var item = ParsedItem()
        /// A link copied from the GUID/id gives way to a real link that follows.
        var linkFromID = false
        /// RSS 1.0's rdf:about, the id of last resort.
        var about: String?
    }

    func apply(_ child: CapturedElement, to draft: inout ItemDraft) {
        switch (namespaceKind(child), child.name) {
        case (.core, .title) where draft.item.title == nil, (.dc, .title) where draft.item.title == nil:
            draft.item.title = textValue(child)
        case (.core, .link) where atom, (.atomInRSS, .link):
            readAtomLink(child, into: &draft)
        case (.core, .link) where draft.item.link == nil || draft.linkFromID:
            draft.item.link = resolve(child.trimmedText, at: child)
            draft.linkFromID = false
        case (.core, .guid) where draft.item.id == nil:
            draft.item.id = child.trimmedText
            let permalink = (child.attribute("isPermaLink")?.lowercased() ?? "true") != "false"
            if permalink && draft.item.link == nil {
                draft.item.link = resolve(draft.item.id ?? "", at: child)
                draft.linkFromID = true
            }
        case (.core, .id) where atom && draft.item.id == nil:
            draft.item.id = resolveIfPath(child.trimmedText, at: child)
            if draft.item.link == nil {
                draft.item.link = draft.item.id
                draft.linkFromID = true
            }
        case (.core, .author) where atom, (.core, .contributor) where atom && draft.item.author == nil:
            if child.name == .author || draft.item.author == nil { draft.item.author = atomPerson(child) }
        case (.core, .author), (.dc, .creator), (.dc, .author):
            draft.item.author = child.trimmedText
        case (.core, .description), (.core, .summary), (.dc, .description), (.core, .abstract):
            if draft.item.summary == nil { draft.item.summary = textValue(child) }
        case (.content, .encoded), (.core, .content), (.xhtml, .body), (.core, .fullitem), (.core, .body):
            draft.item.content.append(contentValue(child))
        case (.core, .pubDate), (.dcterms, .issued), (.core, .published), (.core, .issued):
            draft.item.published = DateField(text: child.trimmedText)
        case (.core, .updated), (.core, .modified), (.dc, .date), (.dcterms, .modified):
            draft.item.updated = DateField(text: child.trimmedText)
        case (.core, .enclosure):
            if let url = child.attribute("url") ?? child.looseAttribute("url") {
                draft.item.enclosures.append(
                    Enclosure(
                        href: resolve(url, at: child), type: child.attribute("type"),
                        length: child.attribute("length")))
            }
        case (.media, .content):
            if let url = child.attribute("url"), draft.item.enclosures.isEmpty {
                draft.item.enclosures.append(
                    Enclosure(
                        href: resolve(url, at: child), type: child.attribute("type"),
                        length: child.attribute("fileSize")))
            }
        default: break
        }
    }

    func finish(_ draft: consuming ItemDraft) -> ParsedItem {
        var item = ParsedItem()
        swap(&item, &draft.item)
        if item.id == nil, let about = draft.about, !about.isEmpty { item.id = about }
        if item.summary == nil, let first = item.content.first { item.summary = first }
        return item
    }

    private func readAtomLink(_ child: CapturedElement, into draft: inout ItemDraft) {
        let rel = child.attribute("rel")?.lowercased() ?? "alternate"
        // A link without href: feedparser takes its text as the address.
        let rawHref = child.attribute("href") ?? child.trimmedText
        guard !rawHref.isEmpty else { return }
        let href = resolve(rawHref, at: child)
        if rel == "enclosure" {
            draft.item.enclosures.append(Enclosure(href: href, type: child.attribute("type"), length: child.attribute("length")))
            if draft.item.link == nil { draft.item.link = href }
        } else if rel == "alternate" && (draft.item.link == nil || draft.linkFromID) {
            draft.item.link = href
            draft.linkFromID = false
        }
    }

    private func isAlternate(_ element: CapturedElement) -> Bool {
        (element.attribute("rel")?.lowercased() ?? "alternate") == "alternate"
    }

    private func atomPerson(_ element: CapturedElement) -> String {
        switch (element.personName, element.personEmail) {
        case (let name?, let email?) where !email.isEmpty: return "\(name) (\(email))"
        case (let name?, _): return name
        case (nil, let email?): return email
        default: return ""  // a person with neither name nor email (only a URI) is an empty author
        }
    }

    // MARK: - Text constructs

    /// Text of a title/summary/content, per its type: Atom 1.0 `xhtml` is the markup inside the wrapping div;
    /// Atom 0.3 `application/xhtml+xml` (or `mode="xml"`) keeps the div; non-text Atom 1.0 types and Atom 0.3
    /// `mode="base64"` are base64; an untyped element holding child elements is its markup; the rest is text.
    private func textValue(_ element: CapturedElement) -> String {
        // Most fields carry no attribute at all: plain text, or markup if they hold elements.
        if element.attributes.isEmpty { return element.hasElementChildren ? element.innerMarkup.trimmed : element.trimmedText }
        let type = (element.attribute("type") ?? "").lowercased()
        let mode = element.attribute("mode")?.lowercased()
        if type == "xhtml" || (isAtom10 && (type.hasSuffix("xhtml+xml") || mode == "xml")) { return element.xhtmlInner }
        if atom && (mode == "base64" || (mode == nil && isBinaryType(type))) {
            return Data(base64Encoded: element.trimmedText, options: .ignoreUnknownCharacters)
                .map { String(decoding: $0, as: UTF8.self) } ?? element.text
        }
        if type.hasSuffix("xhtml+xml") || mode == "xml" || (element.hasElementChildren && type != "html" && type != "text/html") {
            return element.innerMarkup.trimmed
        }
        let text = element.text
        return type.isEmpty || type == "text" || type == "text/plain" ? text.trimmed : text
    }

    /// Atom 1.0 types that are neither text nor XML carry base64 (RFC 4287 §4.1.3.3).
    private func isBinaryType(_ type: String) -> Bool {
        guard !type.isEmpty, !["text", "html", "xhtml"].contains(type) else { return false }
        return !type.hasPrefix("text/") && !type.hasSuffix("+xml") && !type.hasSuffix("/xml")
    }

    private func contentValue(_ element: CapturedElement) -> String {
        if element.namespace == Namespaces.xhtml { return element.innerMarkup.trimmed }
        return textValue(element)
    }

    // MARK: - Namespaces and links

    private enum NamespaceKind { case core, atomInRSS, dc, dcterms, content, media, xhtml, syndication, other }

    private func namespaceKind(_ element: CapturedElement) -> NamespaceKind {
        if let namespace = element.namespace, namespace == rootNamespace, namespace != Namespaces.atom10 || atom { return .core }
        switch element.namespace {
        case nil, Namespaces.rss10, Namespaces.rss090, Namespaces.atom03, Namespaces.userlandRSS, Namespaces.userlandRSS2: return .core
        case Namespaces.atom10: return atom ? .core : .atomInRSS
        case Namespaces.dc: return .dc
        case Namespaces.dcterms: return .dcterms
        case Namespaces.content: return .content
        case Namespaces.media: return .media
        case Namespaces.xhtml: return .xhtml
        case Namespaces.syndication: return .syndication
        default: return .other
        }
    }

    /// Ids are opaque, except that a path ("/relative/link") is resolved like a link, as feedparser does.
    private func resolveIfPath(_ id: String, at element: CapturedElement) -> String {
        id.hasPrefix("/") && !id.hasPrefix("//") ? resolve(id, at: element) : id
    }

    private func resolve(_ link: String, at element: CapturedElement) -> String {
        XMLBase.resolve(link, bases: element.bases, documentURL: baseURL)
    }
}
