import CLibXML2
import Foundation
import Model

/// What a page says about itself, gathered from `<head>`, OpenGraph/article meta, JSON-LD and `<time>`.
struct PageMetadata {
    var title: String?
    var headline: String?
    /// The page's first `<h1>`: not a title source when the page has a `<title>`, but a line the body drops.
    var firstHeading: String?
    var byline: String?
    var published: Date?
    var modified: Date?
    var canonicalURL: String?
    var siteName: String?
    var language: String?
    var description: String?

    /// Reads metadata in one walk over the document. Earlier sources in each list win:
    /// headline: JSON-LD, og:title, twitter:title, <title> without its site name, first <h1>; dates: JSON-LD, article:*_time, other meta, first <time>.
    static func read(_ tree: HTMLTree, pageURL: String?) -> PageMetadata {
        var collector = MetadataCollector(tree: tree)
        if let root = tree.root {
            collector.language = tree.attribute(root, "lang") ?? tree.attribute(root, "xml:lang")
            collector.visit(root, depth: 0)
        }
        return collector.result(pageURL: pageURL)
    }
}

private struct MetadataCollector {
    let tree: HTMLTree
    var meta: [String: String] = [:]
    var canonical: String?
    var titleTag: String?
    var firstH1: String?
    var firstTime: String?
    var language: String?
    var jsonLD: [[String: Any]] = []

    init(tree: HTMLTree) { self.tree = tree }

    mutating func visit(_ node: HTMLTree.Node, depth: Int) {
        guard depth < HTMLTree.maxDepth else { return }
        for child in tree.elementChildren(node) {
            switch tree.tag(child) {
            case "meta": readMeta(child)
            case "link":
                if tree.attribute(child, "rel")?.lowercased().split(separator: " ").contains("canonical") == true, canonical == nil {
                    canonical = tree.attribute(child, "href")
                }
            case "title" where titleTag == nil: titleTag = tree.text(child)
            case "h1" where firstH1 == nil: firstH1 = tree.text(child)
            case "time" where firstTime == nil: firstTime = tree.attribute(child, "datetime")
            case "script":
                if tree.attribute(child, "type")?.lowercased() == "application/ld+json" { readJSONLD(child) }
            default:
                visit(child, depth: depth + 1)
            }
        }
    }

    private static let bylineNames = WordPatterns(["byline", "author-name"])

    /// The first element marked as a byline (rel/itemprop author, class byline): searched only when neither
    /// JSON-LD nor meta tags name the author, since most pages do and the search visits every element.
    private func findBylineElement(_ node: HTMLTree.Node, depth: Int) -> String? {
        guard depth < HTMLTree.maxDepth else { return nil }
        for child in tree.elementChildren(node) {
            if isBylineElement(child) {
                // schema.org microdata: the author's itemprop="name" inside, without the date and links beside it.
                let named = findNamedElement(child, depth: depth + 1).map { tree.text($0) } ?? ""
                let text = named.isEmpty ? tree.text(child) : named
                if text.count < 120 && !text.isEmpty { return text }
            }
            if let found = findBylineElement(child, depth: depth + 1) { return found }
        }
        return nil
    }

    private func findNamedElement(_ node: HTMLTree.Node, depth: Int) -> HTMLTree.Node? {
        guard depth < HTMLTree.maxDepth else { return nil }
        for child in tree.elementChildren(node) {
            if tree.scanAttributes(child).itemprop == Array("name".utf8) { return child }
            if let found = findNamedElement(child, depth: depth + 1) { return found }
        }
        return nil
    }

    private func isBylineElement(_ node: HTMLTree.Node) -> Bool {
        let attributes = tree.scanAttributes(node)
        let author = Array("author".utf8)
        if attributes.rel == author { return true }
        if let itemprop = attributes.itemprop, itemprop.split(separator: 0x20).contains(where: { $0.elementsEqual(author) }) { return true }
        return Self.bylineNames.matches(attributes.classAndID)
    }

    private mutating func readMeta(_ node: HTMLTree.Node) {
        guard let key = (tree.attribute(node, "property") ?? tree.attribute(node, "name") ?? tree.attribute(node, "itemprop"))?.lowercased(),
            let content = tree.attribute(node, "content")?.trimmingCharacters(in: .whitespacesAndNewlines), !content.isEmpty,
            meta[key] == nil
        else { return }
        meta[key] = content
    }

    private mutating func readJSONLD(_ node: HTMLTree.Node) {
        var raw = tree.text(node).trimmingCharacters(in: .whitespacesAndNewlines)
        // Some CMSs wrap the JSON in a CDATA section (as XHTML once required); Readability strips it too.
        if raw.hasPrefix("<![CDATA["), raw.hasSuffix("]]>") { raw = String(raw.dropFirst(9).dropLast(3)) }
        guard let data = raw.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) else { return }
        jsonLD.append(contentsOf: Self.articleObjects(in: object))
    }

    /// Article-like objects anywhere in a JSON-LD value (top level, arrays, `@graph`).
    private static func articleObjects(in value: Any) -> [[String: Any]] {
        if let array = value as? [Any] { return array.flatMap(articleObjects(in:)) }
        guard let object = value as? [String: Any] else { return [] }
        if let graph = object["@graph"] { return articleObjects(in: graph) }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        // schema.org's article family: *Article, *Posting (blog, social media, forum), Report, APIReference.
        return types.contains(where: { $0.hasSuffix("Article") || $0.hasSuffix("Posting") || $0 == "Report" || $0 == "APIReference" }) ? [object] : []
    }

    func result(pageURL: String?) -> PageMetadata {
        var metadata = PageMetadata()
        let ld = jsonLD.first ?? [:]
        let ldTitle = Self.linkedDataTitle(ld, documentTitle: titleTag)
        // The <title> before the first <h1>: an <h1> is as often a section's or the site's name as the story's.
        metadata.headline = ldTitle ?? meta["og:title"] ?? meta["twitter:title"] ?? titleTag.map(DocumentTitle.withoutSiteName) ?? firstH1
        metadata.title = meta["og:title"] ?? ldTitle ?? meta["twitter:title"] ?? titleTag ?? firstH1
        metadata.firstHeading = firstH1
        metadata.byline =
            Self.authorName(ld["author"]) ?? meta["author"] ?? meta["article:author"].flatMap { $0.hasPrefix("http") ? nil : $0 }
            ?? meta["byl"] ?? meta["dc.creator"] ?? tree.root.flatMap { findBylineElement($0, depth: 0) }
        metadata.published =
            [
                ld["datePublished"] as? String, meta["article:published_time"], meta["og:article:published_time"],
                meta["datepublished"], meta["pubdate"], meta["publishdate"], meta["date"], meta["dc.date"],
                meta["dc.date.issued"], meta["sailthru.date"], firstTime,
            ]
            .compactMap { $0 }.lazy.compactMap(FeedDateParser.parse).first ?? URLDate.read(pageURL)
        metadata.modified =
            [ld["dateModified"] as? String, meta["article:modified_time"], meta["og:updated_time"], meta["datemodified"]]
            .compactMap { $0 }.lazy.compactMap(FeedDateParser.parse).first
        metadata.canonicalURL = Self.absolute(canonical ?? meta["og:url"], base: pageURL)
        metadata.siteName = meta["og:site_name"] ?? meta["application-name"] ?? Self.publisherName(ld["publisher"])
        metadata.language = (language ?? meta["og:locale"] ?? ld["inLanguage"] as? String)
            .map { $0.replacingOccurrences(of: "_", with: "-") }
        metadata.description = meta["og:description"] ?? meta["description"]
        return metadata
    }

    /// JSON-LD's headline, or its name when both are given and the name is closer to the page's <title> (some
    /// sites put their own name in one of the two; Readability makes the same choice).
    private static func linkedDataTitle(_ ld: [String: Any], documentTitle: String?) -> String? {
        let headline = (ld["headline"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let name = (ld["name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        guard let headline, let name, headline != name, let documentTitle else { return headline ?? name }
        return DocumentTitle.overlap(name, documentTitle) > DocumentTitle.overlap(headline, documentTitle) ? name : headline
    }

    private static func authorName(_ value: Any?) -> String? {
        if let name = value as? String { return name }
        if let object = value as? [String: Any] { return object["name"] as? String }
        if let list = value as? [Any] {
            let names = list.compactMap { authorName($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }

    private static func publisherName(_ value: Any?) -> String? { (value as? [String: Any])?["name"] as? String }

    private static func absolute(_ link: String?, base: String?) -> String? {
        guard let link = link?.trimmingCharacters(in: .whitespacesAndNewlines), !link.isEmpty else { return nil }
        guard let base, let baseURL = URL(string: base) else { return link }
        return URL(string: link, relativeTo: baseURL)?.absoluteString ?? link
    }
}

/// A date in the URL path (`/2025/08/15/`), the last resort for a page's publication date.
enum URLDate {
    static func read(_ url: String?) -> Date? {
        guard let path = url.flatMap({ URL(string: $0)?.path }) else { return nil }
        let parts = path.split(separator: "/").map(String.init)
        for index in parts.indices.dropLast(2) {
            guard parts[index].count == 4, let year = Int64(parts[index]), (1990...2100).contains(year),
                let month = Int64(parts[index + 1]), (1...12).contains(month),
                let day = Int64(parts[index + 2].prefix(2))
            else { continue }
            return FeedDateParser.parse(String(format: "%04lld-%02lld-%02lld", year, month, day))
        }
        return nil
    }
}

/// A page's <title>, which usually carries the site's name after a separator ("Story | Site").
enum DocumentTitle {
    private static let separators = [" | ", " - ", " – ", " — ", " » ", " / ", " \\ ", " > "]

    /// Readability's rule: drop what follows the last separator; when that leaves under three words, drop what
    /// precedes the first one instead; when the result is four words or fewer, keep the whole title.
    static func withoutSiteName(_ title: String) -> String {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let found = separators.compactMap { trimmed.range(of: $0, options: .backwards) }
        guard let last = found.max(by: { $0.lowerBound < $1.lowerBound }) else { return trimmed }
        var candidate = String(trimmed[..<last.lowerBound])
        if words(candidate) < 3, let first = separators.compactMap({ trimmed.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            candidate = String(trimmed[first.upperBound...])
        }
        return words(candidate) <= 4 ? trimmed : candidate.trimmingCharacters(in: CharacterSet.whitespaces)
    }

    static func overlap(_ a: String, _ b: String) -> Int {
        let left = Set(a.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }))
        return Set(b.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })).intersection(left).count
    }

    private static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
}
