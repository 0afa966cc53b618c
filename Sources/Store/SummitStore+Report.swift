import Foundation
import GRDB
import Model

/// The daily report's reads: one transaction, so every section sees the same moment of the store. Each query is
/// bounded by `ReportLimits` and starts from an index or a scan of the articles row table (no article text is read
/// except the diffs shown), so the report stays well under a second on 100,000 articles.
extension SummitStore {
    public func reportData(since: Date, until: Date, limits: ReportLimits = ReportLimits()) throws(StoreError) -> ReportData {
        try read { db in
            let period = ReportPeriod(since: since.timeIntervalSince1970, until: until.timeIntervalSince1970)
            let trendStart = until.addingTimeInterval(-Double(limits.trendDays) * 86_400)
            let summits = try Self.reportSummits(db, period, limits)
            let failing = try Self.failingFeeds(db)
            let figures = ReportFigures(
                newArticles: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE first_seen >= ? AND first_seen < ?", arguments: period.arguments)
                    ?? 0,
                newStories: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM stories WHERE first_seen >= ? AND first_seen < ?", arguments: period.arguments)
                    ?? 0,
                updatedArticles: try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(DISTINCT a.id) FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version > 1
                        WHERE a.version > 1 AND a.last_checked >= ?1 AND v.fetched >= ?1 AND v.fetched < ?2
                        """, arguments: period.arguments) ?? 0,
                failingFeeds: failing.count,
                newEntities: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entities WHERE first_seen >= ? AND first_seen < ?", arguments: period.arguments)
                    ?? 0,
                summits: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM summits WHERE last_seen >= ? AND first_seen < ?", arguments: period.arguments) ?? 0)
            return ReportData(
                since: since, until: until,
                storeHasArticles: try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM articles)") ?? false,
                figures: figures, summits: summits,
                stories: try Self.reportStories(db, period, limits),
                updates: try Self.reportUpdates(db, period, limits),
                newEntities: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM entities WHERE first_seen >= ? AND first_seen < ? ORDER BY type, name LIMIT ?
                        """, arguments: period.arguments + [limits.newEntities]
                ).map(Self.reportEntity),
                topEntities: try Self.entityTrends(db, period, trendStart: trendStart.timeIntervalSince1970, limits),
                failingFeeds: failing, trendStart: trendStart)
        }
    }

    /// Articles are placed in time by when the store first saw them: "what happened since yesterday" is what arrived.
    private static let reportArticleSelect = """
        SELECT a.id, a.title, a.url, a.site_name, a.first_seen, f.name AS feed_name FROM articles a JOIN feeds f ON f.id = a.feed_id
        """

    private static func reportArticle(_ row: Row) -> ReportArticle {
        ReportArticle(
            id: row["id"], title: row["title"], url: row["url"], feed: row["feed_name"], siteName: row["site_name"],
            firstSeen: Date(timeIntervalSince1970: row["first_seen"]))
    }

    private static func reportEntity(_ row: Row) -> ReportEntity {
        ReportEntity(
            id: row["id"], type: EntityType(rawValue: row["type"]), name: row["name"], role: row["role"], country: row["country"],
            firstSeen: Date(timeIntervalSince1970: row["first_seen"]), firstArticleID: row["first_article_id"])
    }

    /// Summits seen in the period (detected then, or reported on again), most recently seen first.
    private static func reportSummits(_ db: Database, _ period: ReportPeriod, _ limits: ReportLimits) throws -> [ReportSummit] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.*, (SELECT COUNT(*) FROM summit_articles sa WHERE sa.summit_id = s.id) AS article_count
                FROM summits s WHERE s.last_seen >= ? AND s.first_seen < ? ORDER BY s.last_seen DESC, s.id DESC LIMIT ?
                """, arguments: period.arguments + [limits.summits]
        ).map { row in
            let id: Int64 = row["id"]
            let participantsJSON: String = row["participants"]
            let firstSeen: Double = row["first_seen"]
            let articles = try Row.fetchAll(
                db,
                sql: """
                    \(reportArticleSelect) JOIN summit_articles sa ON sa.article_id = a.id WHERE sa.summit_id = ?
                    ORDER BY a.first_seen DESC, a.id DESC LIMIT ?
                    """, arguments: [id, limits.articlesPerSummit]
            ).map(reportArticle)
            return ReportSummit(
                id: id, participants: (try? JSONDecoder().decode([String].self, from: Data(participantsJSON.utf8))) ?? [],
                place: row["place"], date: row["date"], firstSeen: Date(timeIntervalSince1970: firstSeen),
                lastSeen: Date(timeIntervalSince1970: row["last_seen"]), isNew: firstSeen >= period.since,
                articleCount: row["article_count"], articles: articles)
        }
    }

    /// Stories with an article or a source that arrived in the period, ranked by how many feeds carried them, then
    /// by how many sources, then by relevance. A source added to an older article is found through its
    /// `article.duplicate` change (indexed by time) rather than by scanning every source.
    private static func reportStories(_ db: Database, _ period: ReportPeriod, _ limits: ReportLimits) throws -> [ReportStory] {
        let ranked = try Row.fetchAll(
            db,
            sql: """
                WITH touched(story_id) AS (
                    SELECT story_id FROM articles WHERE first_seen >= ?1 AND first_seen < ?2
                    UNION SELECT story_id FROM changes WHERE time >= ?1 AND time < ?2 AND kind = 'article.duplicate' AND story_id IS NOT NULL
                )
                SELECT a.story_id, COUNT(DISTINCT s.feed_id) AS feeds, COUNT(*) AS sources, MAX(a.relevance_score) AS relevance
                FROM touched t JOIN articles a ON a.story_id = t.story_id JOIN article_sources s ON s.article_id = a.id
                GROUP BY a.story_id ORDER BY feeds DESC, sources DESC, relevance DESC, a.story_id DESC LIMIT ?3
                """, arguments: period.arguments + [limits.stories])
        return try ranked.compactMap { row in
            let storyID: Int64 = row["story_id"]
            guard let story = try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = ?", arguments: [storyID]),
                let lead = try Row.fetchOne(
                    db,
                    sql: """
                        \(reportArticleSelect) WHERE a.story_id = ? ORDER BY a.relevance_score DESC, a.first_seen, a.id LIMIT 1
                        """, arguments: [storyID]
                ).map(reportArticle)
            else { return nil }
            let sources = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.name, s.url, a.site_name, a.id FROM article_sources s JOIN feeds f ON f.id = s.feed_id
                    JOIN articles a ON a.id = s.article_id WHERE a.story_id = ? ORDER BY s.first_seen, f.name LIMIT ?
                    """, arguments: [storyID, limits.sourcesPerStory]
            ).map {
                ReportStory.Source(feed: $0["name"], url: $0["url"], siteName: $0["site_name"], articleID: $0["id"])
            }
            let entities = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.type, e.name FROM articles a JOIN article_entities ae ON ae.article_id = a.id JOIN entities e ON e.id = ae.entity_id
                    WHERE a.story_id = ? GROUP BY e.id ORDER BY SUM(ae.mentions) DESC, e.name LIMIT ?
                    """, arguments: [storyID, limits.entitiesPerStory]
            ).map {
                ReportStory.Entity(type: EntityType(rawValue: $0["type"]), name: $0["name"])
            }
            return ReportStory(
                id: storyID, title: story["title"], firstSeen: Date(timeIntervalSince1970: story["first_seen"]),
                feeds: row["feeds"], sourceCount: row["sources"], relevance: row["relevance"] ?? 0,
                lead: lead, sources: sources, entities: entities)
        }
    }

    /// New versions fetched in the period, headline changes first. Candidates come from the articles table
    /// (`last_checked` moves with every new version), so the versions' texts are read only for the rows shown.
    private static func reportUpdates(_ db: Database, _ period: ReportPeriod, _ limits: ReportLimits) throws -> [ReportUpdate] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.title, a.url, a.site_name, a.first_seen, f.name AS feed_name,
                       v.version, v.fetched, v.title AS version_title, v.diff, p.title AS previous_title,
                       (p.title IS NOT NULL AND v.title IS NOT NULL AND p.title <> v.title) AS headline_changed
                FROM articles a JOIN feeds f ON f.id = a.feed_id
                JOIN article_versions v ON v.article_id = a.id AND v.version > 1
                LEFT JOIN article_versions p ON p.article_id = v.article_id AND p.version = v.version - 1
                WHERE a.version > 1 AND a.last_checked >= ?1 AND v.fetched >= ?1 AND v.fetched < ?2
                ORDER BY headline_changed DESC, v.fetched DESC, a.id DESC LIMIT ?3
                """, arguments: period.arguments + [limits.updates]
        ).map { row in
            let changed: Bool = row["headline_changed"]
            return ReportUpdate(
                article: reportArticle(row), version: row["version"], fetched: Date(timeIntervalSince1970: row["fetched"]),
                title: row["version_title"], previousTitle: changed ? row["previous_title"] : nil, diff: row["diff"])
        }
    }

    /// The most-mentioned entities of the period, the top few of each type, with their mentions per day over the
    /// trend window (bucketed by the day that ends at `until`, so a report for one UTC day has UTC-day bars).
    private static func entityTrends(_ db: Database, _ period: ReportPeriod, trendStart: Double, _ limits: ReportLimits) throws -> [ReportEntityTrend] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.*, t.mentions, t.articles FROM (
                    SELECT ae.entity_id, SUM(ae.mentions) AS mentions, COUNT(*) AS articles
                    FROM articles a JOIN article_entities ae ON ae.article_id = a.id
                    WHERE a.first_seen >= ? AND a.first_seen < ? GROUP BY ae.entity_id
                ) t JOIN entities e ON e.id = t.entity_id
                ORDER BY e.type, t.mentions DESC, t.articles DESC, e.name
                """, arguments: period.arguments)
        var perType: [String: Int] = [:]
        var chosen: [(ReportEntity, Int, Int)] = []
        for row in rows {
            let type: String = row["type"]
            guard perType[type, default: 0] < limits.entitiesPerType else { continue }
            perType[type, default: 0] += 1
            chosen.append((reportEntity(row), row["mentions"], row["articles"]))
        }
        guard !chosen.isEmpty else { return [] }
        let ids = chosen.map { String($0.0.id) }.joined(separator: ",")
        var daily: [Int64: [Int]] = [:]
        // CROSS JOIN keeps SQLite's order: the window's articles from their time index, then each one's few entity rows read
        // by the primary key's article_id prefix (the unary + keeps the IN list from becoming one probe per id). Starting from
        // the entities instead would visit every article a popular name ever appeared in.
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT ae.entity_id, CAST((a.first_seen - ?1) / 86400 AS INTEGER) AS day, SUM(ae.mentions) AS mentions
                FROM articles a CROSS JOIN article_entities ae ON ae.article_id = a.id
                WHERE a.first_seen >= ?1 AND a.first_seen < ?2 AND +ae.entity_id IN (\(ids)) GROUP BY ae.entity_id, day
                """, arguments: [trendStart, period.until])
        {
            let day: Int = row["day"]
            guard day >= 0, day < limits.trendDays else { continue }
            daily[row["entity_id"], default: Array(repeating: 0, count: limits.trendDays)][day] += row["mentions"] as Int
        }
        var roles: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT ae.entity_id, ae.role FROM articles a CROSS JOIN article_entities ae ON ae.article_id = a.id
                WHERE a.first_seen >= ? AND a.first_seen < ? AND ae.role IS NOT NULL AND +ae.entity_id IN (\(ids)) ORDER BY ae.entity_id, ae.role
                """, arguments: period.arguments)
        {
            roles[row["entity_id"], default: []].append(row["role"])
        }
        return chosen.map { entity, mentions, articles in
            ReportEntityTrend(
                entity: entity, mentions: mentions, articles: articles,
                roles: Array((roles[entity.id] ?? []).filter { $0 != entity.role }.prefix(3)),
                daily: daily[entity.id] ?? Array(repeating: 0, count: limits.trendDays))
        }
    }

    /// Feeds whose last fetch failed, as they stand now, with when the current run of failures began.
    private static func failingFeeds(_ db: Database) throws -> [ReportFeedFailure] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT f.*, (SELECT MIN(c.time) FROM changes c WHERE c.time > COALESCE(f.last_success, 0) AND c.kind = 'feed.error' AND c.feed = f.name)
                    AS failing_since
                FROM feeds f WHERE f.last_error_kind IS NOT NULL ORDER BY f.consecutive_failures DESC, f.name
                """
        ).map { row in
            ReportFeedFailure(
                name: row["name"], url: row["url"], errorKind: (row["last_error_kind"] as String?).flatMap(FailureKind.init(rawValue:)),
                error: row["last_error"], status: row["last_status"], consecutiveFailures: row["consecutive_failures"],
                failingSince: date(row["failing_since"]), nextTry: date(row["next_due"]))
        }
    }
}

/// A report's half-open period `[since, until)` as SQLite reals.
private struct ReportPeriod {
    var since: Double
    var until: Double
    var arguments: StatementArguments { [since, until] }
}
