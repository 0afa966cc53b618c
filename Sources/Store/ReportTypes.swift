import Foundation
import Model

/// Everything the daily report shows, read in one transaction: plain values, no SQL beyond this module.
public struct ReportData: Sendable {
    public var since: Date
    public var until: Date
    /// False when the store holds no article at all (a fresh install): the page says so instead of empty sections.
    public var storeHasArticles: Bool
    public var figures: ReportFigures
    public var summits: [ReportSummit]
    public var stories: [ReportStory]
    public var updates: [ReportUpdate]
    public var newEntities: [ReportEntity]
    public var topEntities: [ReportEntityTrend]
    public var failingFeeds: [ReportFeedFailure]
    /// The first day of each entity's `daily` counts; the counts cover `ReportLimits.trendDays` days ending at `until`.
    public var trendStart: Date
}

/// How much of each section the report reads: enough for a page a person reads, bounded whatever the store's size.
public struct ReportLimits: Sendable {
    public var summits = 12
    public var articlesPerSummit = 8
    public var stories = 10
    public var sourcesPerStory = 12
    public var entitiesPerStory = 8
    public var updates = 15
    public var newEntities = 40
    public var entitiesPerType = 5
    public var trendDays = 14
    public init() {}
}

public struct ReportFigures: Sendable, Equatable {
    public var newArticles: Int
    public var newStories: Int
    public var updatedArticles: Int
    public var failingFeeds: Int
    public var newEntities: Int
    public var summits: Int
}

/// An article as a line of the report: enough to link it and to find it again with `summitwatch show ID`.
public struct ReportArticle: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var url: String
    public var feed: String
    public var siteName: String?
    public var firstSeen: Date
}

public struct ReportSummit: Sendable {
    public var id: Int64
    public var participants: [String]
    public var place: String?
    public var date: String?
    public var firstSeen: Date
    public var lastSeen: Date
    /// First detected inside the period (else: known before, reported on again).
    public var isNew: Bool
    public var articleCount: Int
    public var articles: [ReportArticle]
}

public struct ReportStory: Sendable {
    public struct Source: Sendable, Equatable {
        public var feed: String
        public var url: String
        public var siteName: String?
        public var articleID: Int64
    }
    public struct Entity: Sendable, Equatable {
        public var type: EntityType?
        public var name: String
    }
    public var id: Int64
    public var title: String?
    public var firstSeen: Date
    /// Distinct feeds that carried the story.
    public var feeds: Int
    public var sourceCount: Int
    public var relevance: Double
    public var lead: ReportArticle
    public var sources: [Source]
    public var entities: [Entity]
}

public struct ReportUpdate: Sendable {
    public var article: ReportArticle
    public var version: Int
    public var fetched: Date
    public var title: String?
    /// The title of the version before, when it differs: a headline change.
    public var previousTitle: String?
    /// The stored word diff (wdiff notation: `[-removed-]`, `{+added+}`).
    public var diff: String?
}

public struct ReportEntity: Sendable, Equatable {
    public var id: Int64
    public var type: EntityType?
    public var name: String
    public var role: String?
    public var country: String?
    public var firstSeen: Date
    public var firstArticleID: Int64?
}

public struct ReportEntityTrend: Sendable {
    public var entity: ReportEntity
    public var mentions: Int
    public var articles: Int
    /// Roles the articles of the period gave it (besides the entity's own `role`).
    public var roles: [String]
    /// Mentions per day, oldest first, `ReportLimits.trendDays` entries ending with the day that ends at `until`.
    public var daily: [Int]
}

public struct ReportFeedFailure: Sendable, Equatable {
    public var name: String
    public var url: String
    public var errorKind: FailureKind?
    public var error: String?
    public var status: Int?
    public var consecutiveFailures: Int
    /// The first failure after the last success, from the change log's `feed.error` rows.
    public var failingSince: Date?
    public var nextTry: Date?
}
