import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
struct JSONFeedReader {
    let source: String
    let baseURL: String?

    func read(_ data: Data) throws(FeedParseError) -> ParsedFeed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw FeedParseError(source: source, reason: "invalid JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else { throw FeedParseError(source: source, reason: "JSON Feed must be an object") }
        let versionURL = root["version"] as? String ?? ""
        var feed = ParsedFeed(version: versionURL.hasSuffix("/1.1") ? "json11" : "json10")
        feed.title = root["title"] as? String
        feed.link = (root["home_page_url"] as? String).map(resolve)
        feed.id = root["feed_url"] as? String
        for case let entry as [String: Any] in root["items"] as? [Any] ?? [] {
            feed.items.append(item(entry))
        }
        return feed
    }

    private func item(_ entry: [String: Any]) -> ParsedItem {
        var item = ParsedItem()
        item.id = (entry["id"] as? String) ?? (entry["id"] as? NSNumber)?.stringValue
        item.title = entry["title"] as? String
        item.link = ((entry["url"] as? String) ?? (entry["external_url"] as? String)).map(resolve)
        let authors = (entry["authors"] as? [[String: Any]]) ?? (entry["author"] as? [String: Any]).map { [$0] } ?? []
        item.author = authors.compactMap { $0["name"] as? String }.first
        item.summary = entry["summary"] as? String
        if let html = entry["content_html"] as? String { item.content.append(html) }
        if let text = entry["content_text"] as? String { item.content.append(text) }
        if item.summary == nil { item.summary = item.content.first }
        item.published = (entry["date_published"] as? String).map { DateField(text: $0) }
        item.updated = (entry["date_modified"] as? String).map { DateField(text: $0) }
        for case let attachment as [String: Any] in entry["attachments"] as? [Any] ?? [] {
            guard let url = attachment["url"] as? String else { continue }
            let length = (attachment["size_in_bytes"] as? NSNumber)?.stringValue
            item.enclosures.append(Enclosure(href: resolve(url), type: attachment["mime_type"] as? String, length: length))
        }
        return item
    }

    private func resolve(_ link: String) -> String {
        guard let baseURL, let base = URL(string: baseURL), let url = URL(string: link, relativeTo: base) else { return link }
        return url.absoluteString
    }
}
