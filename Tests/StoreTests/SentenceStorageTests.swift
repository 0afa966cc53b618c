import Foundation
import GRDB
import Testing

@testable import Store

/// Mention contexts are stored once per article (the `sentences` table) and mentions point into it.
@Suite struct SentenceStorageTests {
    func folder() -> String { NSTemporaryDirectory() + "store-sentences-" + UUID().uuidString }

    @Test func aSentenceHoldingManyMentionsIsStoredOnceAndTheTimelineStillQuotesIt() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try SummitStore(path: root + "/summitwatch.db")
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0].id
        let sentence = "Putin met Putin's envoy while Putin's aides waited."
        var write = SummitStoreTests.write(sentence, url: "https://wire.example/a", simhash: 0xF0F0, feedID: feed, hash: "h1")
        write.entities[0].mentions = [0, 10, 30].map { MentionWrite(offset: $0, surface: "Putin", sentence: sentence) }
        _ = try store.store(write, as: .new(joiningStory: nil), feedName: "wire")
        let (sentences, mentions) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sentences")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mentions")!)
        }
        #expect(sentences == 1)
        #expect(mentions == 3)
        #expect(try Self.putinTimeline(store).map(\.sentence) == [sentence])
    }

    /// A store written before the `sentences` table keeps its mentions and their sentences across the migration.
    @Test func theMigrationMovesExistingSentencesIntoTheirTable() throws {
        let older = try OlderStore(
            upTo: "v1",
            """
                INSERT INTO feeds (id, name, url, configured_url) VALUES (1, 'wire', 'https://wire.example/rss', 'https://wire.example/rss');
                INSERT INTO stories (id, title, first_seen) VALUES (1, 'Talks', 1755216000);
                INSERT INTO articles (id, identity_key, url, feed_id, story_id, title, first_seen, last_checked, text_hash, simhash, words)
                    VALUES (1, 'https://wire.example/a', 'https://wire.example/a', 1, 1, 'Talks', 1755216000, 1755216000, 'h', 1, 9);
                INSERT INTO entities (id, type, name, origin, first_seen) VALUES (1, 'PERSON', 'Vladimir Putin', 'gazetteer', 1755216000);
                INSERT INTO mentions (article_id, version, entity_id, offset, surface, sentence) VALUES
                    (1, 1, 1, 0, 'Putin', 'Putin spoke first.'), (1, 1, 1, 30, 'Putin', 'Then Putin and Putin again.'),
                    (1, 1, 1, 40, 'Putin', 'Then Putin and Putin again.');
            """)
        let store = try SummitStore(path: older.path)
        #expect(try Self.putinTimeline(store).map(\.sentence) == ["Putin spoke first.", "Then Putin and Putin again."])
        let counts = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sentences")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mentions")!)
        }
        #expect(counts.0 == 2)
        #expect(counts.1 == 3)
    }

    static func putinTimeline(_ store: SummitStore) throws -> [TimelineEntry] {
        guard case .found(let putin) = try store.resolveEntity("Vladimir Putin") else { return [] }
        return try store.timeline(entityID: putin.id, since: nil, limit: 10)
    }
}
