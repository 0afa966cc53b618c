import Foundation

/// One thing that happened in a cycle, as the change log and the `changes` table record it.
public struct ChangeEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case articleNew = "article.new"
        case articleUpdated = "article.updated"
        case articleDuplicate = "article.duplicate"
        case feedError = "feed.error"
        case feedRecovered = "feed.recovered"
        case feedMoved = "feed.moved"
        case entityFirstSeen = "entity.first_seen"
        case summitDetected = "summit.detected"
    }

    /// Set once the event is stored; the change log carries it so a replay after a crash can skip lines already written.
    public var id: Int64?
    public var time: Date
    public var kind: Kind
    public var feed: String?
    public var articleID: Int64?
    public var storyID: Int64?
    public var entityID: Int64?
    public var summitID: Int64?
    /// Everything else about the event (title, url, diff, error…), in the order it should print.
    public var details: [(String, JSONValue)]

    public init(id: Int64? = nil, time: Date, kind: Kind, feed: String? = nil, articleID: Int64? = nil, storyID: Int64? = nil,
                entityID: Int64? = nil, summitID: Int64? = nil, details: [(String, JSONValue)] = []) {
        self.id = id
        self.time = time
        self.kind = kind
        self.feed = feed
        self.articleID = articleID
        self.storyID = storyID
        self.entityID = entityID
        self.summitID = summitID
        self.details = details
    }

    public static func == (lhs: ChangeEvent, rhs: ChangeEvent) -> Bool { lhs.json == rhs.json }

    /// The event as one JSON object: `time`, `kind`, then the ids it concerns, then its details.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("time", .string(ISOTime.format(time))), ("kind", .string(kind.rawValue))]
        if let id { pairs.append(("id", .int(id))) }
        if let feed { pairs.append(("feed", .string(feed))) }
        if let articleID { pairs.append(("article", .int(articleID))) }
        if let storyID { pairs.append(("story", .int(storyID))) }
        if let entityID { pairs.append(("entity", .int(entityID))) }
        if let summitID { pairs.append(("summit", .int(summitID))) }
        pairs.append(contentsOf: details)
        return .object(pairs)
    }
}

/// ISO-8601 UTC with seconds, the one way every output of ours writes an instant.
public enum ISOTime {
    public static func format(_ date: Date) -> String {
        var time = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    public static func day(_ date: Date) -> String { String(format(date).prefix(10)) }
}
