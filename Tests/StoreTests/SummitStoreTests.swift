import ChangeLog
import Foundation
import Model
import Store
import Testing

@Suite struct SummitStoreTests {
    static func write(_ text: String, url: String, simhash: UInt64, feedID: Int64, hash: String, others: [UInt64] = [1, 2, 3]) -> ArticleWrite {
        ArticleWrite(
            url: url, identityKey: url, canonicalURL: nil, feedID: feedID, title: "Title of \(url)", byline: nil,
            siteName: nil, language: "en", published: Date(timeIntervalSince1970: 1_755_216_000), modified: nil,
            fetched: Date(timeIntervalSince1970: 1_755_300_000), text: text, textHash: hash, simhashes: [simhash] + others,
            words: text.split(separator: " ").count, etag: nil, lastModified: nil, relevant: true, relevanceScore: 20,
            entities: [
                EntityWrite(
                    type: .person, name: "Vladimir Putin", origin: .gazetteer, role: "president", country: "Russia",
                    mentions: [MentionWrite(offset: 4, surface: "Putin", sentence: "Then Putin spoke.")])
            ],
            summits: [SummitWrite(participants: ["Donald Trump", "Vladimir Putin"], place: "Alaska", date: "2025-08-15")])
    }

    func openStore() throws -> (SummitStore, String) {
        let folder = NSTemporaryDirectory() + "store-" + UUID().uuidString
        let store = try SummitStore(path: folder + "/db/summitwatch.db")
        return (store, folder)
    }

    @Test func articlesVersionsSourcesAndChangesRoundTrip() throws {
        let (store, folder) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let feeds = try store.syncFeeds([("wire", "https://wire.example/rss"), ("europe", "https://eu.example/atom")])
        #expect(feeds.map(\.name) == ["europe", "wire"])
        let wire = feeds[1].id
        let europe = feeds[0].id

        let first = try store.store(
            Self.write("Putin and Trump met in Alaska.", url: "https://wire.example/a", simhash: 0xF0F0, feedID: wire, hash: "h1"),
            as: .new(joiningStory: nil), feedName: "wire")
        #expect(
            first.lines.map { $0.text.contains("\"kind\":\"article.new\"") || $0.text.contains("entity.first_seen") || $0.text.contains("summit.detected") }
                == [true, true, true])
        // A near-duplicate on another site joins the story; an exact duplicate only adds a source.
        let identity = try #require(try store.article(identityKey: "https://wire.example/a"))
        let near = try store.store(
            Self.write("Putin and Trump met in Alaska on Friday.", url: "https://eu.example/b", simhash: 0xF0F1, feedID: europe, hash: "h2"),
            as: .new(joiningStory: identity.storyID), feedName: "europe")
        let exact = try store.store(
            Self.write("Putin and Trump met in Alaska.", url: "https://mirror.example/c", simhash: 0xF0F0, feedID: europe, hash: "h1"),
            as: .exactDuplicate(articleID: first.articleID), feedName: "europe")
        #expect(exact.articleID == first.articleID)
        let stories = try store.stories(since: nil, limit: 10)
        #expect(stories.count == 1)
        #expect(stories.first?.articles == 2)
        #expect(Set(stories.first?.sources.map(\.url) ?? []) == ["https://wire.example/a", "https://eu.example/b", "https://mirror.example/c"])
        #expect(try store.changes(since: nil, kind: "article.duplicate", limit: 10).count == 2)
        _ = near

        // A new version keeps the old one.
        _ = try store.store(
            Self.write("Putin and Trump met in Alaska. Talks ended without a deal.", url: "https://wire.example/a", simhash: 0xF0F3, feedID: wire, hash: "h3"),
            as: .newVersion(articleID: first.articleID, diff: "{+Talks ended without a deal.+}", diffStats: DiffStats(added: 5, removed: 0)),
            feedName: "wire")
        let detail = try #require(try store.article(id: first.articleID))
        #expect(detail.versions.map(\.version) == [1, 2])
        #expect(detail.versions.last?.diff == "{+Talks ended without a deal.+}")
        #expect(detail.text.hasSuffix("without a deal."))
        #expect(detail.entities.first?.name == "Vladimir Putin")
        #expect(try store.summits(since: nil, limit: 10).first?.articles.count == 2)

        var query = ArticleQuery()
        query.search = "deal"
        #expect(try store.articles(query).map(\.id) == [first.articleID])
        guard case .found(let putin) = try store.resolveEntity("vladimir putin") else {
            Issue.record("Putin not resolved")
            return
        }
        #expect(try store.resolveEntity("PUTIN") == .found(putin))  // by surname, any case
        #expect(try store.resolveEntity("Putn") == .unknown(suggestions: ["Vladimir Putin"]))
        query = ArticleQuery()
        query.entityID = putin.id
        #expect(try store.articles(query).count == 2)
        #expect(try store.timeline(entityID: putin.id, since: nil, limit: 10).count == 2)
        #expect(try store.mentionDays(entityID: putin.id, since: nil).map(\.articles).reduce(0, +) == 2)
    }

    static let far: UInt64 = 0xAAAA_AAAA_AAAA_AAAA  // 30+ bits from every fingerprint stored below

    @Test func nearDuplicateLookupUsesTheBandedIndex() throws {
        let (store, folder) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0].id
        let base: UInt64 = 0x0123_4567_89AB_CDEF
        _ = try store.store(Self.write("a", url: "https://x.example/1", simhash: base, feedID: feed, hash: "a"), as: .new(joiningStory: nil), feedName: "wire")
        _ = try store.store(
            Self.write("b", url: "https://x.example/2", simhash: ~base, feedID: feed, hash: "b", others: [~1, ~2, ~3]), as: .new(joiningStory: nil),
            feedName: "wire")
        // Three bits off in three different bands: still found through the fourth band.
        let probe = base ^ (1 << 3) ^ (1 << 20) ^ (1 << 40)
        #expect(try store.nearDuplicates(of: [probe, Self.far, Self.far, Self.far]).map(\.url) == ["https://x.example/1"])
        #expect(try store.nearDuplicates(of: [base ^ 0b1111, Self.far, Self.far, Self.far]).isEmpty)  // four bits: too far
        // Any one of the fingerprints being near is enough.
        #expect(try store.nearDuplicates(of: [Self.far, Self.far, Self.far, 3 ^ (1 << 63)]).map(\.url) == ["https://x.example/1"])
    }

    @Test func unloggedChangesAreReplayedUntilMarked() throws {
        let (store, folder) = try openStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0]
        let lines = try store.recordFetch(
            feedID: feed.id,
            outcome: FeedFetchOutcome(
                status: 500, error: "HTTP 500", errorKind: .http5xx,
                nextDue: Date(), fetched: Date()),
            events: [
                ChangeEvent(
                    time: Date(), feed: "wire", .feedError(FeedError(url: "https://wire.example/rss", error: .http5xx, message: "HTTP 500", status: 500)))
            ])
        #expect(try store.unloggedChanges().map(\.id) == lines.map(\.id))
        #expect(try store.unloggedChanges().map(\.text) == lines.map(\.text))
        try store.markLogged(lines)
        #expect(try store.unloggedChanges().isEmpty)
        #expect(try store.feedStates().first?.consecutiveFailures == 1)
    }

    @Test func anUnusableDatabaseIsAClearError() {
        #expect(throws: StoreError.self) { try SummitStore(path: "/proc/summitwatch/nope.db") }
    }
}

@Suite struct SummitMergeTests {
    @Test func summitsMergeOnParticipantsAndPlaceAcrossArticles() throws {
        let folder = NSTemporaryDirectory() + "summits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SummitStore(path: folder + "/summitwatch.db")
        let feed = try store.syncFeeds([("wire", "https://wire.example/rss")])[0].id
        func article(_ n: Int, _ summits: [SummitWrite]) throws {
            var write = SummitStoreTests.write("text \(n)", url: "https://wire.example/\(n)", simhash: UInt64(n) << 20, feedID: feed, hash: "h\(n)")
            write.summits = summits
            _ = try store.store(write, as: .new(joiningStory: nil), feedName: "wire")
        }
        let pair = ["Donald Trump", "Vladimir Putin"]
        try article(1, [SummitWrite(participants: pair, place: nil, date: nil)])
        try article(2, [SummitWrite(participants: pair, place: "Alaska", date: "2025-08-15")])  // fills the placeless one
        try article(3, [SummitWrite(participants: pair, place: nil, date: nil)])  // joins the latest
        try article(4, [SummitWrite(participants: pair + ["Volodymyr Zelenskyy"], place: nil, date: nil)])  // another summit
        try article(5, [SummitWrite(participants: pair, place: "Budapest", date: nil)])  // another place, another summit
        let summits = try store.summits(since: nil, limit: 10)
        #expect(summits.count == 3)
        let alaska = try #require(summits.first { $0.place == "Alaska" })
        #expect(alaska.articles.count == 3)
        #expect(alaska.date == "2025-08-15")
        #expect(summits.contains { $0.participants.count == 3 && $0.articles.count == 1 })
        #expect(summits.contains { $0.place == "Budapest" })
    }
}
