import Foundation
import Model

/// A feed as the parser understood it, format-independent.
public struct ParsedFeed: Sendable, Equatable {
    /// feedparser's version code: rss090 rss091n rss091u rss092 rss093 rss094 rss20 rss10 rss atom03 atom10 atom json10 json11, or "".
    public var version: String
    /// True when the document was not well-formed (or its encoding was wrong) and was recovered leniently.
    public var bozo: Bool
    public var bozoReason: String?
    public var title: String?
    public var link: String?
    public var id: String?
    public var published: DateField?
    public var updated: DateField?
    public var items: [ParsedItem]
    /// How often the publisher says to poll: RSS `<ttl>` (minutes), and `sy:updatePeriod` × `sy:updateFrequency`.
    public var ttlMinutes: Int?
    public var updatePeriod: String?
    public var updateFrequency: Int?

    public init(
        version: String = "", bozo: Bool = false, bozoReason: String? = nil, title: String? = nil,
        link: String? = nil, id: String? = nil, published: DateField? = nil, updated: DateField? = nil,
        items: [ParsedItem] = []
    ) {
        self.version = version
        self.bozo = bozo
        self.bozoReason = bozoReason
        self.title = title
        self.link = link
        self.id = id
        self.published = published
        self.updated = updated
        self.items = items
    }
}

/// One entry of a feed.
public struct ParsedItem: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var link: String?
    public var author: String?
    public var summary: String?
    public var content: [String] = []
    public var published: DateField?
    public var updated: DateField?
    public var enclosures: [Enclosure] = []

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, author: String? = nil,
        summary: String? = nil, content: [String] = [], published: DateField? = nil,
        updated: DateField? = nil, enclosures: [Enclosure] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.author = author
        self.summary = summary
        self.content = content
        self.published = published
        self.updated = updated
        self.enclosures = enclosures
    }

    /// The best date the item gives for when it appeared.
    public var bestDate: Date? { published?.date ?? updated?.date }
}

/// A date element as found: its text, and the instant it names if it could be read. An unreadable date stays
/// nil; it is never replaced by "now".
public struct DateField: Sendable, Equatable {
    public var text: String
    public var date: Date?
    public init(text: String, date: Date?) {
        self.text = text
        self.date = date
    }
    public init(text: String) {
        self.init(text: text, date: FeedDateParser.parse(text))
    }
}

public struct Enclosure: Sendable, Equatable {
    public var href: String
    public var type: String?
    public var length: String?
    public init(href: String, type: String? = nil, length: String? = nil) {
        self.href = href
        self.type = type
        self.length = length
    }
}

/// Why a document could not be read as a feed at all (recoverable problems only set `bozo`).
public struct FeedParseError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String
    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
    public var description: String { "\(source): not a feed: \(reason)" }
}
