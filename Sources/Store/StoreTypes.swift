import Foundation
import Model

/// A feed's row: its identity and fetch state, as `feeds status` shows it and the scheduler reads it.
public struct FeedState: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// The URL fetched now; differs from `configuredURL` after a permanent move.
    public var url: String
    public var configuredURL: String
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var lastErrorKind: FailureKind?
    public var consecutiveFailures: Int
    public var nextDue: Date?
    public var lastFetched: Date?
    public var redirectStreak: Int
    public var redirectTarget: String?
    /// Why `nextDue` is what it is ("interval 15m", "<ttl> 60m", "backoff after 3 failures", …).
    public var dueReason: String? = nil
    /// The poll interval the feed itself last declared (<ttl>, sy:updatePeriod), in seconds.
    public var feedHint: Double? = nil
}

/// The outcome of one feed fetch, to be written onto its row.
public struct FeedFetchOutcome: Sendable {
    public var status: Int?
    public var error: String?
    public var errorKind: FailureKind?
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var nextDue: Date
    public var fetched: Date
    public var redirectStreak: Int
    public var redirectTarget: String?
    public var movedTo: String?
    public var dueReason: String?
    /// The feed's declared poll interval in seconds when the body was parsed; nil keeps the stored one.
    public var feedHint: Double?

    public init(
        status: Int?, error: String? = nil, errorKind: FailureKind? = nil, etag: String? = nil, lastModified: String? = nil,
        bodyHash: String? = nil, nextDue: Date, fetched: Date, redirectStreak: Int = 0, redirectTarget: String? = nil,
        movedTo: String? = nil
    ) {
        self.status = status
        self.error = error
        self.errorKind = errorKind
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.nextDue = nextDue
        self.fetched = fetched
        self.redirectStreak = redirectStreak
        self.redirectTarget = redirectTarget
        self.movedTo = movedTo
    }
}

/// What the store knows of an article when deciding whether a fetched page is new, a new version or a duplicate.
public struct ArticleIdentity: Sendable, Equatable {
    public var id: Int64
    public var storyID: Int64
    public var version: Int
    public var textHash: String
    public var text: String
    public var etag: String?
    public var lastModified: String?
    public var url: String
}

/// One entity found in an article, ready to store.
public struct EntityWrite: Sendable, Equatable {
    public var type: EntityType
    public var name: String
    public var origin: EntityOrigin
    public var role: String?
    public var country: String?
    public var mentions: [MentionWrite]
    public init(type: EntityType, name: String, origin: EntityOrigin, role: String? = nil, country: String? = nil, mentions: [MentionWrite]) {
        self.type = type
        self.name = name
        self.origin = origin
        self.role = role
        self.country = country
        self.mentions = mentions
    }
}

public struct MentionWrite: Sendable, Equatable {
    public var offset: Int
    public var surface: String
    public var sentence: String
    public init(offset: Int, surface: String, sentence: String) {
        self.offset = offset
        self.surface = surface
        self.sentence = sentence
    }
}

public struct SummitWrite: Sendable, Equatable {
    public var participants: [String]
    public var place: String?
    public var date: String?
    public init(participants: [String], place: String?, date: String?) {
        self.participants = participants
        self.place = place
        self.date = date
    }
    /// Summits merge across articles on who meets and where.
    public var key: String { (participants.sorted() + [place ?? ""]).joined(separator: "|").lowercased() }
}

/// A page that passed extraction and dedup, with everything the store keeps of it.
public struct ArticleWrite: Sendable {
    public var url: String
    public var identityKey: String
    public var canonicalURL: String?
    public var feedID: Int64
    public var title: String?
    public var byline: String?
    public var siteName: String?
    public var language: String?
    public var published: Date?
    public var modified: Date?
    public var fetched: Date
    public var text: String
    public var textHash: String
    /// Independent 64-bit SimHashes of the text (see Dedup.TextFingerprint); the first is also kept on the article row.
    public var simhashes: [UInt64]
    public var words: Int
    public var etag: String?
    public var lastModified: String?
    /// Hash of the page's bytes: a re-check that gets the same bytes is unchanged without parsing them.
    public var bodyHash: String?
    public var relevant: Bool
    public var relevanceScore: Double
    public var entities: [EntityWrite]
    public var summits: [SummitWrite]

    public init(
        url: String, identityKey: String, canonicalURL: String?, feedID: Int64, title: String?,
        byline: String?, siteName: String?, language: String?, published: Date?, modified: Date?, fetched: Date,
        text: String, textHash: String, simhashes: [UInt64], words: Int, etag: String?, lastModified: String?,
        bodyHash: String? = nil, relevant: Bool, relevanceScore: Double, entities: [EntityWrite], summits: [SummitWrite]
    ) {
        self.url = url
        self.identityKey = identityKey
        self.canonicalURL = canonicalURL
        self.feedID = feedID
        self.title = title
        self.byline = byline
        self.siteName = siteName
        self.language = language
        self.published = published
        self.modified = modified
        self.fetched = fetched
        self.text = text
        self.textHash = textHash
        self.simhashes = simhashes
        self.words = words
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.relevant = relevant
        self.relevanceScore = relevanceScore
        self.entities = entities
        self.summits = summits
    }
}

/// How a fetched article is to be stored, decided by the pipeline from the dedup stage's verdict.
public enum ArticleWriteKind: Sendable {
    /// A new article; `storyID` set when it joins an existing story as a near-duplicate.
    case new(joiningStory: Int64?)
    /// A changed text for a known article: a new version with its diff.
    case newVersion(articleID: Int64, diff: String, diffStats: DiffStats)
    /// The same text under another URL or feed: only a new source is recorded.
    case exactDuplicate(articleID: Int64)
    /// Another address of a known article (same canonical URL, e.g. its AMP page): only a new source is recorded.
    case alias(articleID: Int64)
    /// Nothing changed beyond noise: only the check time and validators move.
    case unchanged(articleID: Int64)
}

public struct DiffStats: Sendable, Equatable, Codable {
    public var added: Int
    public var removed: Int
    public init(added: Int, removed: Int) {
        self.added = added
        self.removed = removed
    }
}
