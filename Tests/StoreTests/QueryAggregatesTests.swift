import Foundation
import GRDB
import Model
import Testing

@testable import Store

/// `entity_pairs` and `entity_days` (kept by triggers) must always equal a recount from `article_entities` and
/// `articles`, and the queries that read them must answer what the scans over the base tables answered.
@Suite struct QueryAggregatesTests {
    /// 2025-08-14 00:00 UTC.
    static let midnight = 1_755_129_600.0

    func openStore() throws -> (SummitStore, String, Int64) {
        let folder = NSTemporaryDirectory() + "store-aggregates-" + UUID().uuidString
        let store = try SummitStore(path: folder + "/summitwatch.db")
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0].id
        return (store, folder, feed)
    }

    /// An article naming each of `names` (PERSON) as often as given, published `hours` after `midnight`.
    static func article(_ serial: Int, feed: Int64, hours: Double, _ names: [(String, Int)]) -> ArticleWrite {
        let url = "https://wire.example/\(serial)"
        return ArticleWrite(
            url: url, identityKey: url, canonicalURL: nil, feedID: feed, title: "Report \(serial)", byline: nil,
            siteName: nil, language: "en", published: Date(timeIntervalSince1970: midnight + hours * 3600), modified: nil,
            fetched: Date(timeIntervalSince1970: midnight + hours * 3600 + 60), text: "Report \(serial) text.", textHash: "h\(serial)",
            simhashes: [UInt64(serial) * 0x1_0001_0001], words: 3, etag: nil, lastModified: nil, relevant: true, relevanceScore: 1,
            entities: names.map { name, count in
                EntityWrite(
                    type: .person, name: name, origin: .gazetteer,
                    mentions: (0..<count).map { MentionWrite(offset: $0 * 10, surface: name, sentence: "\(name) spoke (\(serial)).") })
            },
            summits: [])
    }

    /// Five articles over three days; Putin in four of them, Trump in three.
    func ingest(_ store: SummitStore, feed: Int64) throws -> [Int64] {
        let plan: [(Double, [(String, Int)])] = [
            (1, [("Vladimir Putin", 3), ("Donald Trump", 1), ("Steve Witkoff", 2)]),
            (13, [("Vladimir Putin", 1), ("Donald Trump", 2)]),
            (25, [("Vladimir Putin", 2), ("Volodymyr Zelenskyy", 4)]),
            (30, [("Donald Trump", 1), ("Volodymyr Zelenskyy", 1), ("Marco Rubio", 1)]),
            (50, [("Vladimir Putin", 5), ("Marco Rubio", 2), ("Steve Witkoff", 1)]),
        ]
        return try plan.enumerated().map { serial, entry in
            try store.store(Self.article(serial, feed: feed, hours: entry.0, entry.1), as: .new(joiningStory: nil), feedName: "wire").articleID
        }
    }

    /// The kept aggregates and their recount from the base tables, as comparable rows.
    func expectAggregatesMatchRecount(_ store: SummitStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (pairs, pairsRecount, days, daysRecount) = try store.read { db in
            (
                try Self.rows(db, "SELECT entity_id, other_id, articles, other_mentions FROM entity_pairs"),
                try Self.rows(db, QueryAggregates.pairsRecount),
                try Self.rows(db, "SELECT entity_id, day, articles, mentions FROM entity_days"),
                try Self.rows(db, QueryAggregates.daysRecount)
            )
        }
        #expect(pairs == pairsRecount, sourceLocation: sourceLocation)
        #expect(days == daysRecount, sourceLocation: sourceLocation)
        #expect(!days.isEmpty, sourceLocation: sourceLocation)
    }

    static func rows(_ db: Database, _ sql: String) throws -> [String] {
        try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description).joined(separator: "|") }.sorted()
    }

    func putin(_ store: SummitStore) throws -> Int64 {
        guard case .found(let putin) = try store.resolveEntity("Putin") else { throw StoreError(path: store.path, reason: "Putin not stored") }
        return putin.id
    }

    @Test func afterIngestTheAggregatesEqualARecountAndTheQueriesAnswerAsTheScansDid() throws {
        let (store, folder, feed) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ingest(store, feed: feed)
        try expectAggregatesMatchRecount(store)
        let putin = try putin(store)

        var withPutin = EntityQuery()
        withPutin.with = putin
        let fromPairs = try store.entities(withPutin)
        // With a period the join over article_entities answers: over all time it must agree with the pairs.
        withPutin.since = .distantPast
        let fromScan = try store.entities(withPutin)
        #expect(fromPairs.map(\.name) == ["Donald Trump", "Steve Witkoff", "Volodymyr Zelenskyy", "Marco Rubio"])
        #expect(fromPairs.map(\.name) == fromScan.map(\.name))
        #expect(fromPairs.map(\.articles) == [2, 2, 1, 1])
        #expect(fromPairs.map(\.articles) == fromScan.map(\.articles))
        #expect(fromPairs.map(\.mentions) == [3, 3, 4, 2])
        #expect(fromPairs.map(\.mentions) == fromScan.map(\.mentions))

        #expect(
            try store.mentionDays(entityID: putin, since: nil)
                == [
                    MentionDay(day: "2025-08-14", articles: 2, mentions: 4), MentionDay(day: "2025-08-15", articles: 1, mentions: 2),
                    MentionDay(day: "2025-08-16", articles: 1, mentions: 5),
                ])
    }

    /// With `since` inside a day, that day counts only the articles since then, as the scan did.
    @Test func aTimelineSinceMidDayCountsOnlyThatDaysLaterArticles() throws {
        let (store, folder, feed) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ingest(store, feed: feed)
        let putin = try putin(store)
        let since = Date(timeIntervalSince1970: Self.midnight + 12 * 3600)
        let days = try store.mentionDays(entityID: putin, since: since)
        #expect(
            days
                == [
                    MentionDay(day: "2025-08-14", articles: 1, mentions: 1), MentionDay(day: "2025-08-15", articles: 1, mentions: 2),
                    MentionDay(day: "2025-08-16", articles: 1, mentions: 5),
                ])
        let scanned = try store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT date(COALESCE(a.published, a.first_seen), 'unixepoch') AS day, COUNT(*) AS articles, SUM(ae.mentions) AS mentions
                    FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                    WHERE ae.entity_id = ? AND COALESCE(a.published, a.first_seen) >= ? GROUP BY day ORDER BY day
                    """, arguments: [putin, since.timeIntervalSince1970]
            ).map { MentionDay(day: $0["day"], articles: $0["articles"], mentions: $0["mentions"]) }
        }
        #expect(days == scanned)
        #expect(try store.mentionDays(entityID: putin, since: Date(timeIntervalSince1970: Self.midnight + 72 * 3600)) == [])
    }

    /// A new version deletes the article's entity rows and writes the new ones: names dropped, added, recounted.
    @Test func anEditedVersionMovesTheCounts() throws {
        let (store, folder, feed) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ids = try ingest(store, feed: feed)
        var edited = Self.article(0, feed: feed, hours: 1, [("Vladimir Putin", 1), ("Sergey Lavrov", 2), ("Donald Trump", 4)])
        edited.textHash = "h0-v2"
        edited.fetched = edited.fetched.addingTimeInterval(3600)
        _ = try store.store(edited, as: .newVersion(articleID: ids[0], diff: "{+Lavrov+}", diffStats: DiffStats(added: 1, removed: 1)), feedName: "wire")
        try expectAggregatesMatchRecount(store)
        var withPutin = EntityQuery()
        withPutin.with = try putin(store)
        let alongside = try store.entities(withPutin)
        #expect(alongside.map(\.name) == ["Donald Trump", "Volodymyr Zelenskyy", "Marco Rubio", "Sergey Lavrov", "Steve Witkoff"])
        #expect(alongside.map(\.articles) == [2, 1, 1, 1, 1])
        #expect(alongside.map(\.mentions) == [6, 4, 2, 2, 1])
        #expect(try store.mentionDays(entityID: withPutin.with!, since: nil).first == MentionDay(day: "2025-08-14", articles: 2, mentions: 2))
    }

    /// An article naming the same entity twice replaces the first row (INSERT OR REPLACE): counted once.
    @Test func aReplacedEntityRowIsCountedOnce() throws {
        let (store, folder, feed) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try store.store(
            Self.article(0, feed: feed, hours: 2, [("Vladimir Putin", 2), ("Donald Trump", 1), ("Vladimir Putin", 3)]), as: .new(joiningStory: nil),
            feedName: "wire")
        try expectAggregatesMatchRecount(store)
        #expect(try store.mentionDays(entityID: putin(store), since: nil) == [MentionDay(day: "2025-08-14", articles: 1, mentions: 3)])
    }

    /// Retention blanks texts and sentences and deletes old versions; a deleted article takes its rows with it
    /// (cascade); a corrected publication time moves its day.
    @Test func retentionDeletedArticlesAndRedatedArticlesKeepTheAggregatesRight() throws {
        let (store, folder, feed) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ids = try ingest(store, feed: feed)
        var edited = Self.article(2, feed: feed, hours: 25, [("Vladimir Putin", 1)])
        edited.textHash = "h2-v2"
        _ = try store.store(edited, as: .newVersion(articleID: ids[2], diff: "[-Zelenskyy-]", diffStats: DiffStats(added: 0, removed: 1)), feedName: "wire")
        let report = try store.applyRetention(
            RetentionPolicy(articleText: 1, versions: 1, changes: 1, mentionSentences: 1), now: Date(timeIntervalSince1970: Self.midnight + 100 * 86_400))
        #expect(report.versionsDeleted == 1)
        try expectAggregatesMatchRecount(store)

        try store.write { db in try db.execute(sql: "DELETE FROM articles WHERE id = ?", arguments: [ids[4]]) }
        try expectAggregatesMatchRecount(store)
        try store.write { db in
            try db.execute(sql: "UPDATE articles SET published = published + 86400 WHERE id = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE articles SET published = NULL WHERE id = ?", arguments: [ids[1]])
        }
        try expectAggregatesMatchRecount(store)
        #expect(
            try store.mentionDays(entityID: putin(store), since: nil)
                == [MentionDay(day: "2025-08-14", articles: 1, mentions: 1), MentionDay(day: "2025-08-15", articles: 2, mentions: 4)])
    }

    @Test func changingAnEntityRowsKeysInPlaceIsRefused() throws {
        let (store, folder, feed) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ingest(store, feed: feed)
        #expect(throws: StoreError.self) {
            try store.write { db in try db.execute(sql: "UPDATE article_entities SET entity_id = entity_id + 100") }
        }
        try store.write { db in try db.execute(sql: "UPDATE article_entities SET mentions = mentions * 2 WHERE entity_id % 2 = 0") }
        try expectAggregatesMatchRecount(store)
    }

    /// A store written before the aggregates gets them filled from what it holds.
    @Test func theMigrationBackfillsTheAggregates() throws {
        let older = try OlderStore(
            upTo: "v2-operations",
            """
                INSERT INTO feeds (id, name, url, configured_url) VALUES (1, 'wire', 'https://wire.example/rss', 'https://wire.example/rss');
                INSERT INTO stories (id, title, first_seen) VALUES (1, 'Talks', 1755216000);
                INSERT INTO articles (id, identity_key, url, feed_id, story_id, title, published, first_seen, last_checked, text_hash, simhash, words)
                    VALUES (1, 'a', 'a', 1, 1, 'Talks', NULL, 1755216000, 1755216000, 'h1', 1, 9),
                           (2, 'b', 'b', 1, 1, 'Talks', 1755129600, 1755216000, 1755216000, 'h2', 2, 9);
                INSERT INTO entities (id, type, name, origin, first_seen) VALUES
                    (1, 'PERSON', 'Vladimir Putin', 'gazetteer', 1755216000), (2, 'PERSON', 'Donald Trump', 'gazetteer', 1755216000);
                INSERT INTO article_entities (article_id, entity_id, mentions) VALUES (1, 1, 2), (1, 2, 1), (2, 1, 4), (2, 2, 3);
            """)
        let store = try SummitStore(path: older.path)
        try expectAggregatesMatchRecount(store)
        #expect(
            try store.mentionDays(entityID: 1, since: nil)
                == [MentionDay(day: "2025-08-14", articles: 1, mentions: 4), MentionDay(day: "2025-08-15", articles: 1, mentions: 2)])
        var withPutin = EntityQuery()
        withPutin.with = 1
        #expect(try store.entities(withPutin).map(\.mentions) == [4])
    }
}
