import Foundation

public struct ArticleQuery: Sendable {
    public var entity: String?
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
}

public struct ArticleDetail: Sendable {
    public struct Entity: Sendable { public var type: String; public var name: String; public var mentions: Int; public var role: String? }
    public struct Version: Sendable { public var version: Int; public var fetched: Date; public var words: Int; public var diff: String?; public var text: String }
    public struct Source: Sendable { public var feed: String; public var url: String }
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
    public var type: String
    public var name: String
    public var origin: String
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
