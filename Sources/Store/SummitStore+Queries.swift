import Foundation
import GRDB
import Model

extension SummitStore {
    /// Articles matching every filter given, newest first; with a search, best match first (bm25) with a snippet.
    public func articles(_ query: ArticleQuery) throws(StoreError) -> [ArticleSummary] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let search = query.search {
                conditions.append("articles_fts MATCH ?")
                arguments.append(search)
            }
            if let entity = query.entityID {
                // With a period, the period drives (a range of `articles_time`, newest first, stopping at the limit) and
                // each article is probed for the entity; without one, the entity's articles drive.
                conditions.append(
                    query.since != nil
                        ? "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND ae.entity_id = ?)"
                        : "a.id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)")
                arguments.append(entity)
            }
            if let feed = query.feed {
                conditions.append("a.id IN (SELECT s.article_id FROM article_sources s JOIN feeds f ON f.id = s.feed_id WHERE f.name = ?)")
                arguments.append(feed)
            }
            if let since = query.since {
                conditions.append("\(Self.time) >= ?")
                arguments.append(since.timeIntervalSince1970)
            }
            if let until = query.until {
                conditions.append("\(Self.time) < ?")
                arguments.append(until.timeIntervalSince1970)
            }
            if query.relevantOnly { conditions.append("a.relevant = 1") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(query.limit)
            let sql: String
            if let search = query.search {
                // Ranked first, on the index and the filters alone; then the matches are walked once more and only the
                // rows shown get a snippet (which reads and tokenizes the whole text again). Finding the shown rows by
                // rowid instead would evaluate the query again for each: a prefix query's terms are merged each time.
                // CROSS JOINs fix that order; `+rowid` keeps the rowid from being used as a lookup key.
                // Column -1: the best of title and text; 12 tokens around the matches.
                // Articles are joined to the ranking only when a filter needs them (a row lookup per match).
                let ranking = conditions.count > 1 ? "articles_fts JOIN articles a ON a.id = articles_fts.rowid" : "articles_fts"
                sql = """
                    SELECT a.*, f.name AS feed_name,
                        snippet(articles_fts, -1, '\(SearchSnippet.open)', '\(SearchSnippet.close)', '…', 12) AS snippet
                    FROM articles_fts
                    CROSS JOIN (SELECT articles_fts.rowid AS id, bm25(articles_fts) AS score FROM \(ranking)
                        \(filter) ORDER BY score, id DESC LIMIT ?) ranked ON ranked.id = +articles_fts.rowid
                    CROSS JOIN articles a ON a.id = ranked.id JOIN feeds f ON f.id = a.feed_id
                    WHERE articles_fts MATCH ?
                    ORDER BY ranked.score, a.id DESC
                    """
                arguments.append(search)
            } else {
                sql = "\(Self.summarySelect) \(filter) ORDER BY \(Self.time) DESC, a.id DESC LIMIT ?"
            }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.summary)
        }
    }

    /// The entity a person means by `typed`: by its canonical name or any form an article wrote it in, folded as
    /// `NameKey` folds (case, diacritics, Zelensky/Zelenskyy/Zelenskiy). A person is also found by surname.
    public func resolveEntity(_ typed: String, type: EntityType? = nil) throws(StoreError) -> EntityResolution {
        let key = NameKey.of(typed)
        guard !key.isEmpty else { return .unknown(suggestions: []) }
        return try read { db in
            let matches = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT e.id, e.type, e.name FROM entity_names n JOIN entities e ON e.id = n.entity_id
                    WHERE n.key = ? AND (?2 IS NULL OR e.type = ?2) ORDER BY e.id
                    """, arguments: [key, type?.rawValue]
            ).compactMap(Self.entityRef)
            if matches.count == 1 { return .found(matches[0]) }
            if let exact = matches.first(where: { NameKey.of($0.name) == key }), matches.filter({ NameKey.of($0.name) == key }).count == 1 {
                return .found(exact)
            }
            if !matches.isEmpty { return .ambiguous(matches) }
            return .unknown(suggestions: try Self.nearestNames(db, to: key, type: type))
        }
    }

    private static func entityRef(_ row: Row) -> EntityRef? {
        guard let type = EntityType(rawValue: row["type"]) else { return nil }
        return EntityRef(id: row["id"], type: type, name: row["name"])
    }

    /// Canonical names whose keys (any form) are within a few edits of the typed key, or start with it.
    private static func nearestNames(_ db: Database, to key: String, type: EntityType?) throws -> [String] {
        // A typo costs about one edit in four characters; never fewer than two allowed.
        let allowed = max(2, key.count / 4)
        var best: [String: Int] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT n.key, e.name FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE (?1 IS NULL OR e.type = ?1)
                """, arguments: [type?.rawValue])
        while let row = try rows.next() {
            let candidate: String = row["key"]
            guard abs(candidate.count - key.count) <= allowed || candidate.hasPrefix(key) else { continue }
            let distance = candidate.hasPrefix(key) ? 1 : NameKey.distance(candidate, key)
            guard distance <= allowed else { continue }
            let name: String = row["name"]
            best[name] = min(best[name] ?? .max, distance)
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(5).map(\.key)
    }

    /// An article's time (publication, else first sight) as `a`, spelled as the `articles_time` index has it.
    private static let time = QueryAggregates.articleTime("a")

    private static let summarySelect = """
        SELECT a.*, f.name AS feed_name FROM articles a JOIN feeds f ON f.id = a.feed_id
        """

    private static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(
            id: row["id"], url: row["url"], canonicalURL: row["canonical_url"], title: row["title"], feed: row["feed_name"],
            published: date(row["published"]), fetched: Date(timeIntervalSince1970: row["first_seen"]), words: row["words"],
            story: row["story_id"], version: row["version"], relevant: row["relevant"], snippet: row["snippet"])
    }

    public func article(id: Int64) throws(StoreError) -> ArticleDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.summarySelect) WHERE a.id = ?", arguments: [id]) else { return nil }
            let versions = try Row.fetchAll(db, sql: "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", arguments: [id]).map {
                ArticleDetail.Version(
                    version: $0["version"], fetched: Date(timeIntervalSince1970: $0["fetched"]), words: $0["words"], diff: $0["diff"], text: $0["text"])
            }
            let version: Int = row["version"]
            var sentences: [Int64: [String]] = [:]
            for mention in try Row.fetchAll(
                db,
                sql: """
                    SELECT m.entity_id, s.text AS sentence FROM mentions m JOIN sentences s ON s.id = m.sentence_id
                    WHERE m.article_id = ? AND m.version = ? GROUP BY m.entity_id, m.sentence_id ORDER BY m.entity_id, MIN(m.offset)
                    """, arguments: [id, version])
            {
                sentences[mention["entity_id"], default: []].append(mention["sentence"])
            }
            let entities = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.type, e.name, ae.mentions, ae.role FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                    WHERE ae.article_id = ? ORDER BY ae.mentions DESC, e.name
                    """, arguments: [id]
            ).map { entity in
                ArticleDetail.Entity(
                    type: EntityType(rawValue: entity["type"]) ?? .issue, name: entity["name"], mentions: entity["mentions"],
                    role: entity["role"], sentences: sentences[entity["id"]] ?? [])
            }
            let sources = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.name, s.url FROM article_sources s JOIN feeds f ON f.id = s.feed_id WHERE s.article_id = ? ORDER BY s.first_seen
                    """, arguments: [id]
            ).map { ArticleDetail.Source(feed: $0["name"], url: $0["url"]) }
            return ArticleDetail(
                summary: Self.summary(row), text: versions.last?.text ?? "", byline: row["byline"],
                entities: entities, versions: versions, sources: sources)
        }
    }

    public func stories(since: Date?, limit: Int) throws(StoreError) -> [StorySummary] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.title, s.first_seen, COUNT(a.id) AS articles FROM stories s JOIN articles a ON a.story_id = s.id
                    WHERE s.first_seen >= ? GROUP BY s.id ORDER BY s.first_seen DESC, s.id DESC LIMIT ?
                    """, arguments: [since?.timeIntervalSince1970 ?? 0, limit])
            return try rows.map { row in
                let sources = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT f.name, s.url FROM article_sources s JOIN feeds f ON f.id = s.feed_id JOIN articles a ON a.id = s.article_id
                        WHERE a.story_id = ? ORDER BY s.first_seen
                        """, arguments: [row["id"] as Int64]
                ).map { ArticleDetail.Source(feed: $0["name"], url: $0["url"]) }
                return StorySummary(
                    id: row["id"], title: row["title"], firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
                    articles: row["articles"], sources: sources)
            }
        }
    }

    /// Entities with the articles and mentions that name them (in the period, or alongside another entity).
    public func entities(_ query: EntityQuery) throws(StoreError) -> [EntitySummary] {
        try read { db in
            if let with = query.with, query.since == nil { return try Self.namedAlongside(with, query, db) }
            var joins = "JOIN article_entities ae ON ae.entity_id = e.id"
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let with = query.with {
                joins += " JOIN article_entities other ON other.article_id = ae.article_id AND other.entity_id = ?"
                arguments.append(with)
                conditions.append("e.id != ?")
                arguments.append(with)
            }
            if let since = query.since {
                joins += " JOIN articles a ON a.id = ae.article_id"
                conditions.append("\(Self.time) >= ?")
                arguments.append(since.timeIntervalSince1970)
                if query.newOnly {
                    conditions.append("e.first_seen >= ?")
                    arguments.append(since.timeIntervalSince1970)
                }
            }
            if let type = query.type {
                conditions.append("e.type = ?")
                arguments.append(type.rawValue)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments.append(query.limit)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT e.*, COUNT(*) AS articles, SUM(ae.mentions) AS mention_count FROM entities e \(joins)
                    \(filter) GROUP BY e.id ORDER BY \(Self.order(query)), e.name LIMIT ?
                    """, arguments: StatementArguments(arguments)
            ).map(Self.entitySummary)
        }
    }

    /// `entities --with` over all time: one range of `entity_pairs` (the counts the triggers keep) instead of a
    /// join of every article naming `with` with every entity of those articles.
    private static func namedAlongside(_ with: Int64, _ query: EntityQuery, _ db: Database) throws -> [EntitySummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT e.*, p.articles, p.other_mentions AS mention_count FROM entity_pairs p JOIN entities e ON e.id = p.other_id
                WHERE p.entity_id = ?1 AND (?2 IS NULL OR e.type = ?2) ORDER BY \(order(query)), e.name LIMIT ?3
                """, arguments: [with, query.type?.rawValue, query.limit]
        ).map(entitySummary)
    }

    private static func order(_ query: EntityQuery) -> String {
        query.order == .articles ? "articles DESC, mention_count DESC" : "mention_count DESC, articles DESC"
    }

    private static func entitySummary(_ row: Row) -> EntitySummary {
        EntitySummary(
            id: row["id"], type: EntityType(rawValue: row["type"]) ?? .issue, name: row["name"],
            origin: EntityOrigin(rawValue: row["origin"]) ?? .discovered, role: row["role"],
            country: row["country"], articles: row["articles"], mentions: row["mention_count"],
            firstSeen: Date(timeIntervalSince1970: row["first_seen"]))
    }

    /// An entity's coverage per UTC day (by publication time, else first sight), oldest first: the days
    /// `entity_days` keeps, and with `since` the first day recounted over its articles since that instant.
    public func mentionDays(entityID: Int64, since: Date?) throws(StoreError) -> [MentionDay] {
        try read { db in
            let dayLength = 86_400.0
            let start = since?.timeIntervalSince1970
            var days: [MentionDay] = []
            if let start {
                // The day's articles (a range of `articles_time`; CROSS JOIN keeps them the outer loop), each probed for the entity.
                let nextDay = (start / dayLength).rounded(.down) * dayLength + dayLength
                let first = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT date(?1, 'unixepoch') AS day, COUNT(*) AS articles, SUM(ae.mentions) AS mentions
                        FROM articles a CROSS JOIN article_entities ae ON ae.article_id = a.id AND ae.entity_id = ?3
                        WHERE \(Self.time) >= ?1 AND \(Self.time) < ?2
                        """, arguments: [start, nextDay, entityID])
                if let first, first["articles"] as Int > 0 {
                    days.append(MentionDay(day: first["day"], articles: first["articles"], mentions: first["mentions"]))
                }
            }
            let rest = try Row.fetchAll(
                db,
                sql: """
                    SELECT day, articles, mentions FROM entity_days WHERE entity_id = ?1 AND (?2 IS NULL OR day > date(?2, 'unixepoch')) ORDER BY day
                    """, arguments: [entityID, start])
            return days + rest.map { MentionDay(day: $0["day"], articles: $0["articles"], mentions: $0["mentions"]) }
        }
    }

    public func summits(since: Date?, limit: Int) throws(StoreError) -> [SummitSummary] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM summits WHERE last_seen >= ? ORDER BY first_seen DESC LIMIT ?",
                arguments: [since?.timeIntervalSince1970 ?? 0, limit]
            ).map { row in
                let participantsJSON: String = row["participants"]
                let participants = (try? JSONDecoder().decode([String].self, from: Data(participantsJSON.utf8))) ?? []
                let articles = try Int64.fetchAll(
                    db, sql: "SELECT article_id FROM summit_articles WHERE summit_id = ? ORDER BY article_id",
                    arguments: [row["id"] as Int64])
                return SummitSummary(
                    id: row["id"], participants: participants, place: row["place"], date: row["date"],
                    firstSeen: Date(timeIntervalSince1970: row["first_seen"]), articles: articles)
            }
        }
    }

    /// Change lines (JSON text) since a time, oldest first, optionally of one kind.
    public func changes(since: Date?, kind: String?, limit: Int) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT line FROM (SELECT id, line FROM changes WHERE time >= ? AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?) ORDER BY id
                    """, arguments: [since?.timeIntervalSince1970 ?? 0, kind, kind, limit])
        }
    }

    /// Every mention of an entity, in time order: what was said of it, when, where.
    public func timeline(entityID: Int64, since: Date?, limit: Int) throws(StoreError) -> [TimelineEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.article_id, a.title, COALESCE(a.published, a.first_seen) AS t, s.text AS sentence
                    FROM mentions m JOIN articles a ON a.id = m.article_id JOIN sentences s ON s.id = m.sentence_id
                    WHERE m.entity_id = ? AND m.version = a.version AND COALESCE(a.published, a.first_seen) >= ?
                    GROUP BY m.article_id, m.sentence_id ORDER BY t, m.article_id, MIN(m.offset) LIMIT ?
                    """, arguments: [entityID, since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude, limit]
            ).map { row in
                TimelineEntry(articleID: row["article_id"], title: row["title"], time: Date(timeIntervalSince1970: row["t"]), sentence: row["sentence"])
            }
        }
    }
}
