/// How a page was found to be an article already stored, as `article.duplicate` events report it.
public enum DuplicateMatch: String, Sendable, CaseIterable, Codable {
    /// The same text (hash of the normalised words) under another URL or feed.
    case exact
    /// A SimHash neighbour: the page joins that article's story as a new article.
    case near
    /// Another address of the same canonical URL (an AMP page, a tracking variant).
    case canonical
    /// A link already known from another feed: the page was not fetched again.
    case url
}
