import Foundation
import Model

/// One thing that happened in a cycle, as the change log and the `changes` table record it. This file is the
/// change log's schema: every kind, with the fields its JSON line carries besides `time`, `kind`, `id` and `feed`.
public struct ChangeEvent: Sendable, Equatable {
    /// Set once the event is stored; the change log carries it so a replay after a crash can skip lines already written.
    public var id: Int64?
    public var time: Date
    /// The configured feed the event concerns (or reached the article through).
    public var feed: String?
    public var payload: Payload

    public init(id: Int64? = nil, time: Date, feed: String?, _ payload: Payload) {
        self.id = id
        self.time = time
        self.feed = feed
        self.payload = payload
    }

    public enum Kind: String, Sendable, CaseIterable, Codable {
        case articleNew = "article.new"
        case articleUpdated = "article.updated"
        case articleDuplicate = "article.duplicate"
        case feedError = "feed.error"
        case feedRecovered = "feed.recovered"
        case feedMoved = "feed.moved"
        case entityFirstSeen = "entity.first_seen"
        case summitDetected = "summit.detected"
    }

    public enum Payload: Sendable, Equatable {
        case articleNew(ArticleNew)
        case articleUpdated(ArticleUpdated)
        case articleDuplicate(ArticleDuplicate)
        case feedError(FeedError)
        case feedRecovered(FeedRecovered)
        case feedMoved(FeedMoved)
        case entityFirstSeen(EntityFirstSeen)
        case summitDetected(SummitDetected)
    }

    public var kind: Kind {
        switch payload {
        case .articleNew: .articleNew
        case .articleUpdated: .articleUpdated
        case .articleDuplicate: .articleDuplicate
        case .feedError: .feedError
        case .feedRecovered: .feedRecovered
        case .feedMoved: .feedMoved
        case .entityFirstSeen: .entityFirstSeen
        case .summitDetected: .summitDetected
        }
    }

    /// The ids the event concerns, for the `changes` table's columns.
    public var ids: (article: Int64?, story: Int64?, entity: Int64?, summit: Int64?) {
        switch payload {
        case .articleNew(let event): (event.article, event.story, nil, nil)
        case .articleUpdated(let event): (event.article, event.story, nil, nil)
        case .articleDuplicate(let event): (event.article, event.story, nil, nil)
        case .entityFirstSeen(let event): (event.article, nil, event.entity, nil)
        case .summitDetected(let event): (event.article, nil, nil, event.summit)
        case .feedError, .feedRecovered, .feedMoved: (nil, nil, nil, nil)
        }
    }
}

// MARK: - Payloads: the fields of each kind, under the JSON keys of the line

/// A page stored for the first time, starting its own story.
public struct ArticleNew: Sendable, Equatable, Encodable {
    public var article: Int64
    public var story: Int64
    public var url: String
    public var title: String?
    public var words: Int
    public init(article: Int64, story: Int64, url: String, title: String?, words: Int) {
        self.article = article
        self.story = story
        self.url = url
        self.title = title
        self.words = words
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(article, forKey: "article")
        try fields.encode(story, forKey: "story")
        try fields.encode(url, forKey: "url")
        try fields.encode(title, forKey: "title")
        try fields.encode(words, forKey: "words")
    }
}

/// A stored article whose text changed: a new version, with the word diff to the previous one.
public struct ArticleUpdated: Sendable, Equatable, Encodable {
    public var article: Int64
    public var story: Int64?
    public var url: String
    public var title: String?
    public var version: Int
    public var added: Int
    public var removed: Int
    public var diff: String
    public init(article: Int64, story: Int64?, url: String, title: String?, version: Int, added: Int, removed: Int, diff: String) {
        self.article = article
        self.story = story
        self.url = url
        self.title = title
        self.version = version
        self.added = added
        self.removed = removed
        self.diff = diff
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(article, forKey: "article")
        try fields.encode(story, forKey: "story")
        try fields.encode(url, forKey: "url")
        try fields.encode(title, forKey: "title")
        try fields.encode(version, forKey: "version")
        try fields.encode(added, forKey: "added")
        try fields.encode(removed, forKey: "removed")
        try fields.encode(diff, forKey: "diff")
    }
}

/// A page that is an article already stored (`match` says how it was told), or a new article joining a story.
public struct ArticleDuplicate: Sendable, Equatable, Encodable {
    public var article: Int64
    public var story: Int64?
    public var url: String
    public var title: String?
    public var match: DuplicateMatch
    public init(article: Int64, story: Int64?, url: String, title: String?, match: DuplicateMatch) {
        self.article = article
        self.story = story
        self.url = url
        self.title = title
        self.match = match
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(article, forKey: "article")
        try fields.encode(story, forKey: "story")
        try fields.encode(url, forKey: "url")
        try fields.encode(title, forKey: "title")
        try fields.encode(match, forKey: "match")
    }
}

/// A feed that could not be fetched or read. `status`, `consecutive_failures` and `next_due` are null when the
/// failure was not of the fetch (a feed that arrived but could not be parsed).
public struct FeedError: Sendable, Equatable, Encodable {
    public var url: String
    public var error: FailureKind
    public var message: String
    public var status: Int?
    public var consecutiveFailures: Int?
    public var nextDue: Date?
    public init(url: String, error: FailureKind, message: String, status: Int? = nil, consecutiveFailures: Int? = nil, nextDue: Date? = nil) {
        self.url = url
        self.error = error
        self.message = message
        self.status = status
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(url, forKey: "url")
        try fields.encode(error, forKey: "error")
        try fields.encode(message, forKey: "message")
        try fields.encode(status, forKey: "status")
        try fields.encode(consecutiveFailures, forKey: "consecutive_failures")
        try fields.encode(nextDue.map(ISOTime.format), forKey: "next_due")
    }
}

/// A feed fetched again after failing.
public struct FeedRecovered: Sendable, Equatable, Encodable {
    public var url: String
    public var afterFailures: Int
    public init(url: String, afterFailures: Int) {
        self.url = url
        self.afterFailures = afterFailures
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(afterFailures, forKey: "after_failures")
        try fields.encode(url, forKey: "url")
    }
}

/// A feed that answered with the same permanent redirect three cycles in a row: it is fetched at `to` from now on.
public struct FeedMoved: Sendable, Equatable, Encodable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(from, forKey: "from")
        try fields.encode(to, forKey: "to")
    }
}

/// An entity the store had never seen, and the article it first appeared in.
public struct EntityFirstSeen: Sendable, Equatable, Encodable {
    public var article: Int64
    public var entity: Int64
    public var type: EntityType
    public var name: String
    public var origin: EntityOrigin
    public init(article: Int64, entity: Int64, type: EntityType, name: String, origin: EntityOrigin) {
        self.article = article
        self.entity = entity
        self.type = type
        self.name = name
        self.origin = origin
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(article, forKey: "article")
        try fields.encode(entity, forKey: "entity")
        try fields.encode(type, forKey: "type")
        try fields.encode(name, forKey: "name")
        try fields.encode(origin, forKey: "origin")
    }
}

/// A meeting of named participants the store had not recorded before.
public struct SummitDetected: Sendable, Equatable, Encodable {
    public var article: Int64
    public var summit: Int64
    public var participants: [String]
    public var place: String?
    /// `YYYY-MM-DD` when an article gives the day.
    public var date: String?
    public init(article: Int64, summit: Int64, participants: [String], place: String?, date: String?) {
        self.article = article
        self.summit = summit
        self.participants = participants
        self.place = place
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: FieldKey.self)
        try fields.encode(article, forKey: "article")
        try fields.encode(summit, forKey: "summit")
        try fields.encode(participants, forKey: "participants")
        try fields.encode(place, forKey: "place")
        try fields.encode(date, forKey: "date")
    }
}
