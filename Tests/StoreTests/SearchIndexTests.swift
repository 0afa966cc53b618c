import Foundation
import GRDB
import Model
import Testing

@testable import Store

/// The full-text index is external-content over each article's current text (issue 17): the text is stored once,
/// and the index follows new versions, retention and the migration from a store that kept a second copy.
@Suite struct SearchIndexTests {
    static func folder() -> String { NSTemporaryDirectory() + "search-" + UUID().uuidString }

    static func search(_ store: SummitStore, _ terms: String) throws -> [Int64] {
        var query = ArticleQuery()
        query.search = terms
        return try store.articles(query).map(\.id)
    }

    /// FTS5's own check that every index entry matches the content it was made from.
    static func indexMatchesContent(_ store: SummitStore) throws -> Bool {
        try store.write { db in
            try db.execute(sql: "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
            return true
        }
    }

    @Test func newVersionsAndRetentionMoveTheIndexAndTheTextIsStoredOnce() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try SummitStore(path: root + "/summitwatch.db")
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0].id
        var write = SummitStoreTests.write(
            "Envoys discussed bravo guarantees in Anchorage.", url: "https://wire.example/a", simhash: 1, feedID: feed, hash: "h1")
        let id = try store.store(write, as: .new(joiningStory: nil), feedName: "wire").articleID
        #expect(try Self.search(store, "bravo") == [id])

        write.text = "Envoys discussed charlie guarantees in Anchorage."
        write.textHash = "h2"
        _ = try store.store(write, as: .newVersion(articleID: id, diff: "-bravo +charlie", diffStats: DiffStats(added: 1, removed: 1)), feedName: "wire")
        #expect(try Self.search(store, "bravo").isEmpty)
        #expect(try Self.search(store, "charlie") == [id])
        #expect(try Self.indexMatchesContent(store))

        // Retention blanks the text: the title stays searchable, the text's words do not.
        let report = try store.applyRetention(RetentionPolicy(articleText: 60), now: Date(timeIntervalSince1970: 1_755_300_000 + 3600))
        #expect(report.textsBlanked == 2)
        #expect(try Self.search(store, "charlie").isEmpty)
        #expect(try Self.search(store, "title") == [id])
        #expect(try Self.indexMatchesContent(store))

        let copies = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles_fts_content'") }
        #expect(copies == 0, "the index keeps no copy of the text")
    }

    /// Index writes wait for the end of the batch (FTS5 writes a segment whenever a savepoint opens after it was
    /// written to, i.e. once per article): what the index holds afterwards is each article's final text, nothing of
    /// an article whose savepoint was rolled back, and nothing of a text replaced within the batch.
    @Test func aBatchIndexesFinalTextsAndForgetsRolledBackArticles() throws {
        let root = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try SummitStore(path: root + "/summitwatch.db")
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0].id
        func write(_ text: String, _ url: String, _ hash: String) -> ArticleWrite {
            SummitStoreTests.write(text, url: "https://wire.example/" + url, simhash: 1, feedID: feed, hash: hash)
        }
        func edit(_ id: Int64) -> ArticleWriteKind { .newVersion(articleID: id, diff: "", diffStats: DiffStats(added: 1, removed: 1)) }
        let earlier = try store.store(write("Envoys discussed alpha terms.", "d", "d1"), as: .new(joiningStory: nil), feedName: "wire").articleID

        let (kept, added) = try store.batch { batch throws(StoreError) -> (Int64, Int64) in
            let kept = try batch.store(write("Envoys discussed bravo terms.", "a", "a1"), as: .new(joiningStory: nil), feedName: "wire").articleID
            _ = try batch.store(write("Envoys discussed charlie terms.", "a", "a2"), as: edit(kept), feedName: "wire")
            _ = try batch.store(write("Envoys discussed delta terms.", "a", "a3"), as: edit(kept), feedName: "wire")
            _ = try batch.store(write("Envoys discussed echo terms.", "d", "d2"), as: edit(earlier), feedName: "wire")
            _ = try batch.store(write("Envoys discussed foxtrot terms.", "d", "d3"), as: edit(earlier), feedName: "wire")
            let failed = try? batch.isolated { () throws(StoreError) -> Int64 in
                _ = try batch.store(write("Envoys discussed golf terms.", "g", "g1"), as: .new(joiningStory: nil), feedName: "wire").articleID
                _ = try batch.store(write("Envoys discussed hotel terms.", "d", "d4"), as: edit(earlier), feedName: "wire")
                throw StoreError(path: "test", reason: "the page failed after its writes")
            }
            #expect(failed == nil)
            let added = try batch.store(write("Envoys discussed india terms.", "i", "i1"), as: .new(joiningStory: nil), feedName: "wire").articleID
            return (kept, added)
        }
        for gone in ["alpha", "bravo", "charlie", "echo", "golf", "hotel"] {
            #expect(try Self.search(store, gone).isEmpty, "\(gone) is no article's text any more")
        }
        #expect(try Self.search(store, "delta") == [kept])
        #expect(try Self.search(store, "foxtrot") == [earlier])
        #expect(try Self.search(store, "india") == [added])
        #expect(try Self.indexMatchesContent(store))
    }

    /// A store written before issue 17 (its own copy of every text in the index, no address table) is migrated:
    /// every address an article was reached through is keyed, and search still finds its text.
    @Test func theMigrationKeysEveryAddressAndRebuildsTheIndex() throws {
        let older = try OlderStore(
            upTo: "v2-operations",
            """
                PRAGMA application_id = \(StoreFile.applicationID);
                INSERT INTO feeds (id, name, url, configured_url) VALUES (1, 'wire', 'https://wire.example/rss', 'https://wire.example/rss');
                INSERT INTO stories (id, title, first_seen) VALUES (1, 'Talks', 1755216000);
                INSERT INTO articles (id, identity_key, url, feed_id, story_id, title, first_seen, last_checked, text_hash, simhash, words)
                    VALUES (1, 'https://wire.example/a', 'http://Wire.example/a?utm_source=rss', 1, 1, 'Talks', 1755216000, 1755216000, 'h', 1, 9);
                INSERT INTO article_versions (article_id, version, fetched, title, text, words) VALUES (1, 1, 1755216000, 'Talks', 'Envoys met in Anchorage', 4);
                INSERT INTO article_sources (article_id, feed_id, url, first_seen) VALUES (1, 1, 'https://mirror.example/a#top', 1755216000);
                INSERT INTO articles_fts (rowid, title, text) VALUES (1, 'Talks', 'Envoys met in Anchorage');
            """)
        let store = try SummitStore(path: older.path)
        #expect(try store.articleID(urlKey: "https://wire.example/a") == 1)
        #expect(try store.articleID(urlKey: URLCanonicalizer.canonical("https://mirror.example/a?utm_campaign=x")) == 1)
        #expect(try Self.search(store, "anchorage") == [1])
        #expect(try Self.indexMatchesContent(store))
        #expect(try store.check().healthy)
    }
}
