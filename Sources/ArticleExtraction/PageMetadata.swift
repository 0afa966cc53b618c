import CLibXML2
import Model
import Foundation

/// What a page says about itself, gathered from `<head>`, OpenGraph/article meta, JSON-LD and `<time>`.
struct PageMetadata {
    var title: String?
    var headline: String?
    var byline: String?
    var published: Date?
    var modified: Date?
    var canonicalURL: String?
    var siteName: String?
    var language: String?
    var description: String?

    /// Reads metadata in one walk over the document. Earlier sources in each list win:
    /// title: og:title, JSON-LD headline, <title>; dates: JSON-LD, article:*_time, other meta, first <time>.
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
                let text = tree.text(child)
                if text.count < 120 && !text.isEmpty { return text }
            }
            if let found = findBylineElement(child, depth: depth + 1) { return found }
        }
        return nil
    }

    private func isBylineElement(_ node: HTMLTree.Node) -> Bool {
        let attributes = tree.scanAttributes(node)
        let author = Array("author".utf8)
        if attributes.rel == author || attributes.itemprop == author { return true }
        return Self.bylineNames.matches(attributes.classAndID)
    }

    private mutating func readMeta(_ node: HTMLTree.Node) {
        guard let key = (tree.attribute(node, "property") ?? tree.attribute(node, "name") ?? tree.attribute(node, "itemprop"))?.lowercased(),
              let content = tree.attribute(node, "content")?.trimmingCharacters(in: .whitespacesAndNewlines), !content.isEmpty,
              meta[key] == nil else { return }
        meta[key] = content
    }

    private mutating func readJSONLD(_ node: HTMLTree.Node) {
        let raw = tree.text(node)
        guard let data = raw.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) else { return }
        jsonLD.append(contentsOf: Self.articleObjects(in: object))
    }

    /// Article-like objects anywhere in a JSON-LD value (top level, arrays, `@graph`).
    private static func articleObjects(in value: Any) -> [[String: Any]] {
        if let array = value as? [Any] { return array.flatMap(articleObjects(in:)) }
        guard let object = value as? [String: Any] else { return [] }
        if let graph = object["@graph"] { return articleObjects(in: graph) }
        let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
        return types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }) ? [object] : []
    }

    func result(pageURL: String?) -> PageMetadata {
        var metadata = PageMetadata()
        let ld = jsonLD.first ?? [:]
        metadata.headline = (ld["headline"] as? String) ?? meta["og:title"] ?? meta["twitter:title"] ?? firstH1
        metadata.title = meta["og:title"] ?? (ld["headline"] as? String) ?? meta["twitter:title"] ?? titleTag ?? firstH1
        metadata.byline = Self.authorName(ld["author"]) ?? meta["author"] ?? meta["article:author"].flatMap { $0.hasPrefix("http") ? nil : $0 }
            ?? meta["byl"] ?? meta["dc.creator"] ?? tree.root.flatMap { findBylineElement($0, depth: 0) }
        metadata.published = [ld["datePublished"] as? String, meta["article:published_time"], meta["og:article:published_time"],
                              meta["datepublished"], meta["pubdate"], meta["publishdate"], meta["date"], meta["dc.date"],
                              meta["dc.date.issued"], meta["sailthru.date"], firstTime]
            .compactMap { $0 }.lazy.compactMap(FeedDateParser.parse).first ?? URLDate.read(pageURL)
        metadata.modified = [ld["dateModified"] as? String, meta["article:modified_time"], meta["og:updated_time"], meta["datemodified"]]
            .compactMap { $0 }.lazy.compactMap(FeedDateParser.parse).first
        metadata.canonicalURL = Self.absolute(canonical ?? meta["og:url"], base: pageURL)
        metadata.siteName = meta["og:site_name"] ?? meta["application-name"] ?? Self.publisherName(ld["publisher"])
        metadata.language = (language ?? meta["og:locale"] ?? ld["inLanguage"] as? String)
            .map { $0.replacingOccurrences(of: "_", with: "-") }
        metadata.description = meta["og:description"] ?? meta["description"]
        return metadata
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
                  let day = Int64(parts[index + 2].prefix(2)) else { continue }
            return FeedDateParser.parse(String(format: "%04lld-%02lld-%02lld", year, month, day))
        }
        return nil
    }
}
