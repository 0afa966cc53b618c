import Foundation
import Model

public struct ArticleQuery: Sendable {
    /// Only articles naming this entity (an id from `resolveEntity`).
    public var entityID: Int64?
    /// FTS5 query over title and text: results ranked by bm25 and given a snippet.
    public var search: String?
    public var feed: String?
    public var since: Date?
    public var until: Date?
    public var relevantOnly = false
    public var limit = 50
    public init() {}
}

public struct ArticleSummary: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var canonicalURL: String?
    public var title: String?
    public var feed: String
    public var published: Date?
    public var fetched: Date
    public var words: Int
    public var story: Int64
    public var version: Int
    public var relevant: Bool
    /// With a search: the best passage, matches between `SearchSnippet.open` and `.close`.
    public var snippet: String?
}

/// How a search snippet marks its matches: two characters that never occur in stored text (the CLI keeps
/// control characters out of what it prints), for the CLI to turn into bold, brackets or nothing.
public enum SearchSnippet {
    public static let open = "\u{2}"
    public static let close = "\u{3}"
}

/// What a name typed by a person stands for in the store.
public enum EntityResolution: Sendable, Equatable {
    case found(EntityRef)
    /// Several entities go by that name: the user must choose.
    case ambiguous([EntityRef])
    /// Nothing by that name; the nearest names the store knows, best first.
    case unknown(suggestions: [String])
}

public struct EntityRef: Sendable, Equatable, Hashable {
    public var id: Int64
    public var type: EntityType
    public var name: String
}

public enum EntityOrder: String, Sendable, CaseIterable {
    case articles, mentions
}

public struct EntityQuery: Sendable {
    public var type: EntityType?
    /// Count only articles published (or first seen) since then.
    public var since: Date?
    /// Only entities the store first saw since `since`.
    public var newOnly = false
    /// Only entities named in the same articles as this one, counted over those articles.
    public var with: Int64?
    public var order: EntityOrder = .articles
    public var limit = 50
    public init() {}
}

/// One UTC day of an entity's coverage.
public struct MentionDay: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var day: String
    public var articles: Int
    public var mentions: Int
    public init(day: String, articles: Int, mentions: Int) {
        self.day = day
        self.articles = articles
        self.mentions = mentions
    }
}

public struct ArticleDetail: Sendable {
    public struct Entity: Sendable {
        public var type: EntityType
        public var name: String
        public var mentions: Int
        public var role: String?
        /// The sentences of the current version that mention it, in text order.
        public var sentences: [String]
    }
    public struct Version: Sendable {
        public var version: Int
        public var fetched: Date
        public var words: Int
        public var diff: String?
        public var text: String
    }
    public struct Source: Sendable {
        public var feed: String
        public var url: String
    }
    public var summary: ArticleSummary
    public var text: String
    public var byline: String?
    public var entities: [Entity]
    public var versions: [Version]
    public var sources: [Source]
}

public struct StorySummary: Sendable {
    public var id: Int64
    public var title: String?
    public var firstSeen: Date
    public var articles: Int
    public var sources: [ArticleDetail.Source]
}

public struct EntitySummary: Sendable {
    public var id: Int64
    public var type: EntityType
    public var name: String
    public var origin: EntityOrigin
    public var role: String?
    public var country: String?
    public var articles: Int
    public var mentions: Int
    public var firstSeen: Date
}

public struct SummitSummary: Sendable {
    public var id: Int64
    public var participants: [String]
    public var place: String?
    public var date: String?
    public var firstSeen: Date
    public var articles: [Int64]
}

public struct TimelineEntry: Sendable {
    public var articleID: Int64
    public var title: String?
    public var time: Date
    public var sentence: String
}
