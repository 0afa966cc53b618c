import Foundation
import GRDB

extension SummitStore {
    public func articles(_ query: ArticleQuery) throws(StoreError) -> [ArticleSummary] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let entity = query.entity {
                conditions.append("a.id IN (SELECT ae.article_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id WHERE e.name = ? COLLATE NOCASE)")
                arguments.append(entity)
            }
            if let search = query.search {
                conditions.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
                arguments.append(search)
            }
            if let feed = query.feed {
                conditions.append("a.id IN (SELECT s.article_id FROM article_sources s JOIN feeds f ON f.id = s.feed_id WHERE f.name = ?)")
                arguments.append(feed)
            }
            if let since = query.since {
                conditions.append("COALESCE(a.published, a.first_seen) >= ?")
                arguments.append(since.timeIntervalSince1970)
            }
            if let until = query.until {
                conditions.append("COALESCE(a.published, a.first_seen) < ?")
                arguments.append(until.timeIntervalSince1970)
            }
            if query.relevantOnly { conditions.append("a.relevant = 1") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(query.limit)
            return try Row.fetchAll(db, sql: """
                \(Self.summarySelect) \(filter) ORDER BY COALESCE(a.published, a.first_seen) DESC, a.id DESC LIMIT ?
                """, arguments: StatementArguments(arguments)).map(Self.summary)
        }
    }

    private static let summarySelect = """
        SELECT a.*, f.name AS feed_name FROM articles a JOIN feeds f ON f.id = a.feed_id
        """

    private static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(id: row["id"], url: row["url"], canonicalURL: row["canonical_url"], title: row["title"], feed: row["feed_name"],
                       published: date(row["published"]), fetched: Date(timeIntervalSince1970: row["first_seen"]), words: row["words"],
                       story: row["story_id"], version: row["version"], relevant: row["relevant"])
    }

    public func article(id: Int64) throws(StoreError) -> ArticleDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.summarySelect) WHERE a.id = ?", arguments: [id]) else { return nil }
            let versions = try Row.fetchAll(db, sql: "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", arguments: [id]).map {
                ArticleDetail.Version(version: $0["version"], fetched: Date(timeIntervalSince1970: $0["fetched"]), words: $0["words"], diff: $0["diff"], text: $0["text"])
            }
            let entities = try Row.fetchAll(db, sql: """
                SELECT e.type, e.name, ae.mentions, ae.role FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                WHERE ae.article_id = ? ORDER BY ae.mentions DESC, e.name
                """, arguments: [id]).map { ArticleDetail.Entity(type: $0["type"], name: $0["name"], mentions: $0["mentions"], role: $0["role"]) }
            let sources = try Row.fetchAll(db, sql: """
                SELECT f.name, s.url FROM article_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.article_id = ? ORDER BY s.first_seen
                """, arguments: [id]).map { ArticleDetail.Source(feed: $0["name"], url: $0["url"]) }
            return ArticleDetail(summary: Self.summary(row), text: versions.last?.text ?? "", byline: row["byline"],
                                 entities: entities, versions: versions, sources: sources)
        }
    }

    public func stories(since: Date?, limit: Int) throws(StoreError) -> [StorySummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.title, s.first_seen, COUNT(a.id) AS articles FROM stories s JOIN articles a ON a.story_id = s.id
                WHERE s.first_seen >= ? GROUP BY s.id ORDER BY s.first_seen DESC, s.id DESC LIMIT ?
                """, arguments: [since?.timeIntervalSince1970 ?? 0, limit])
            return try rows.map { row in
                let sources = try Row.fetchAll(db, sql: """
                    SELECT f.name, s.url FROM article_sources s JOIN feeds f ON f.id = s.feed_id JOIN articles a ON a.id = s.article_id
                    WHERE a.story_id = ? ORDER BY s.first_seen
                    """, arguments: [row["id"] as Int64]).map { ArticleDetail.Source(feed: $0["name"], url: $0["url"]) }
                return StorySummary(id: row["id"], title: row["title"], firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
                                    articles: row["articles"], sources: sources)
            }
        }
    }

    public func entities(type: String?, since: Date?, limit: Int) throws(StoreError) -> [EntitySummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, COUNT(ae.article_id) AS articles, COALESCE(SUM(ae.mentions), 0) AS mention_count
                FROM entities e LEFT JOIN article_entities ae ON ae.entity_id = e.id
                WHERE (? IS NULL OR e.type = ?) AND e.first_seen >= ?
                GROUP BY e.id ORDER BY articles DESC, mention_count DESC, e.name LIMIT ?
                """, arguments: [type, type, since?.timeIntervalSince1970 ?? 0, limit]).map { row in
                EntitySummary(id: row["id"], type: row["type"], name: row["name"], origin: row["origin"], role: row["role"],
                              country: row["country"], articles: row["articles"], mentions: row["mention_count"],
                              firstSeen: Date(timeIntervalSince1970: row["first_seen"]))
            }
        }
    }

    public func summits(since: Date?, limit: Int) throws(StoreError) -> [SummitSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM summits WHERE last_seen >= ? ORDER BY first_seen DESC LIMIT ?",
                             arguments: [since?.timeIntervalSince1970 ?? 0, limit]).map { row in
                let participantsJSON: String = row["participants"]
                let participants = (try? JSONDecoder().decode([String].self, from: Data(participantsJSON.utf8))) ?? []
                let articles = try Int64.fetchAll(db, sql: "SELECT article_id FROM summit_articles WHERE summit_id = ? ORDER BY article_id",
                                                  arguments: [row["id"] as Int64])
                return SummitSummary(id: row["id"], participants: participants, place: row["place"], date: row["date"],
                                     firstSeen: Date(timeIntervalSince1970: row["first_seen"]), articles: articles)
            }
        }
    }

    /// Change lines (JSON text) since a time, oldest first, optionally of one kind.
    public func changes(since: Date?, kind: String?, limit: Int) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT line FROM (SELECT id, line FROM changes WHERE time >= ? AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?) ORDER BY id
                """, arguments: [since?.timeIntervalSince1970 ?? 0, kind, kind, limit])
        }
    }

    /// Every mention of an entity, in time order: what was said of it, when, where.
    public func timeline(entity: String, limit: Int) throws(StoreError) -> [TimelineEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.article_id, a.title, COALESCE(a.published, a.first_seen) AS t, s.text AS sentence
                FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id
                JOIN sentences s ON s.id = m.sentence_id
                WHERE e.name = ? COLLATE NOCASE AND m.version = a.version
                GROUP BY m.article_id, m.sentence_id ORDER BY t, m.article_id, MIN(m.offset) LIMIT ?
                """, arguments: [entity, limit]).map { row in
                TimelineEntry(articleID: row["article_id"], title: row["title"], time: Date(timeIntervalSince1970: row["t"]), sentence: row["sentence"])
            }
        }
    }
}
