import Configuration
import Foundation
import Logging
import Pipeline
import Store
import TestSupport
import Testing

/// The schedule listens to feeds; retention and upkeep keep what matters.
/// Serialized: each test loads the gazetteer, and four at once swell the process that HostileServerTests
/// measures for flat memory.
@Suite(.serialized) struct OperationsCycleTests {
    static let everyEntity: EntityQuery = {
        var query = EntityQuery()
        query.limit = 1000
        return query
    }()

    static func context(_ folder: borrowing TemporaryFolder, feeds: [FeedConfig], configure: (inout Config) -> Void = { _ in }) throws -> PipelineContext {
        var config = Config(database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"), feeds: feeds)
        config.schedule.interval = .seconds(60)
        config.schedule.minInterval = .seconds(1)
        config.schedule.jitter = 0
        configure(&config)
        return try PipelineContext.make(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Whole seconds from `start` to `date` (the store keeps times as REAL seconds).
    static func seconds(_ date: Date?, after start: Date) -> Int? {
        date.map { Int($0.timeIntervalSince(start).rounded()) }
    }

    @Test func aFeedsTTLAndItsServersMaxAgeGiveTheLaterDueTime() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "ttl", count: 1, seedBase: 500, on: server)
        let rss = SiteFixture.rss(items, server: server)
        server.set("/ttl.xml", .text(rss.replacingOccurrences(of: "<channel>", with: "<channel><ttl>120</ttl>"), type: "application/rss+xml"))
        server.set("/max-age.xml", .text(SiteFixture.rss([], server: server), type: "application/rss+xml", headers: ["Cache-Control": "public, max-age=1800"]))
        server.set("/plain.xml", .text(SiteFixture.rss([], server: server), type: "application/rss+xml"))
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let expires = now.addingTimeInterval(3 * 3600)
        let httpDate = DateFormatter()
        httpDate.locale = Locale(identifier: "en_US_POSIX")
        httpDate.timeZone = TimeZone(identifier: "GMT")
        httpDate.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        server.set(
            "/expires.xml", .text(SiteFixture.rss([], server: server), type: "application/rss+xml", headers: ["Expires": httpDate.string(from: expires)]))
        server.set(
            "/both.xml",
            .text(
                SiteFixture.rss([], server: server), type: "application/rss+xml",
                headers: ["Expires": httpDate.string(from: expires), "Cache-Control": "max-age=600"]))
        let context = try Self.context(
            folder,
            feeds: [
                FeedConfig(name: "ttl", url: server.url("/ttl.xml")),
                FeedConfig(name: "max-age", url: server.url("/max-age.xml")),
                FeedConfig(name: "expires", url: server.url("/expires.xml")),
                FeedConfig(name: "both", url: server.url("/both.xml")),
                FeedConfig(name: "plain", url: server.url("/plain.xml")),
            ])
        _ = try await FetchCycle(context: context).run(now: now)
        await server.stop()

        let states = Dictionary(uniqueKeysWithValues: try context.store.feedStates().map { ($0.name, $0) })
        #expect(Self.seconds(states["ttl"]?.nextDue, after: now) == 7200)
        #expect(states["ttl"]?.dueReason == "<ttl> 120m")
        #expect(Self.seconds(states["max-age"]?.nextDue, after: now) == 1800)
        #expect(states["max-age"]?.dueReason == "Cache-Control max-age 1800s")
        #expect(Self.seconds(states["expires"]?.nextDue, after: now) == 3 * 3600)
        #expect(states["expires"]?.dueReason?.hasPrefix("Expires ") == true)
        #expect(Self.seconds(states["both"]?.nextDue, after: now) == 600, "max-age wins over Expires")
        #expect(Self.seconds(states["plain"]?.nextDue, after: now) == 60)
        #expect(states["plain"]?.dueReason == "interval 1m")
    }

    @Test func hintsNeverLowerTheIntervalAndJitterOnlyLengthensIt() {
        let schedule = FeedSchedule(interval: 900, minInterval: 60, maxBackoff: 86_400, jitter: 0.1)
        let now = Date(timeIntervalSince1970: 0)
        let short = schedule.nextAfterSuccess(now: now, hints: [PollHint(seconds: 60, source: "<ttl> 1m")], random: 0)
        #expect(short.due.timeIntervalSince1970 == 900)
        #expect(short.reason == "interval 15m")
        let yearly = schedule.nextAfterSuccess(now: now, hints: [PollHint(seconds: 31_536_000, source: "sy:updatePeriod yearly/1")], random: 0)
        #expect(yearly.due.timeIntervalSince1970 == 86_400)
        #expect(yearly.reason == "sy:updatePeriod yearly/1, capped at max_backoff")
        #expect(schedule.nextAfterSuccess(now: now, hints: [], random: 0.5).due.timeIntervalSince1970 == 945)
    }

    @Test func retentionRemovesOldTextButKeepsEntitiesStoriesAndCounts() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "old", count: 4, seedBase: 700, on: server)
        server.set("/old.xml", .text(SiteFixture.rss(items, server: server), type: "application/rss+xml"))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "old", url: server.url("/old.xml"))]) { config in
            config.retention.articleText = .seconds(180 * 86_400)
            config.retention.versions = .seconds(365 * 86_400)
            config.retention.changes = .seconds(90 * 86_400)
            config.retention.mentionSentences = .seconds(365 * 86_400)
        }
        _ = try await FetchCycle(context: context).run()
        await server.stop()
        let store = context.store
        var all = ArticleQuery()
        all.limit = 100
        let articlesBefore = try store.articles(all)
        let entitiesBefore = try store.entities(Self.everyEntity)
        let storiesBefore = try store.stories(since: nil, limit: 100)
        try #require(articlesBefore.count == 4)
        try #require(!entitiesBefore.isEmpty)
        #expect(try store.article(id: articlesBefore[0].id)?.versions.last?.text.isEmpty == false)

        // Four hundred days on, everything stored today is past every retention age.
        let later = Date().addingTimeInterval(400 * 86_400)
        let report = try StoreUpkeep(store: store, config: context.config).run(now: later)

        #expect(report.retention.textsBlanked == 4)
        #expect(report.retention.changesDeleted > 0)
        #expect(try store.articles(all).map(\.id) == articlesBefore.map(\.id))
        #expect(try store.article(id: articlesBefore[0].id)?.versions.last?.text == "")
        let entitiesAfter = try store.entities(Self.everyEntity)
        #expect(entitiesAfter.map(\.name) == entitiesBefore.map(\.name))
        #expect(entitiesAfter.map(\.mentions) == entitiesBefore.map(\.mentions))
        #expect(entitiesAfter.map(\.articles) == entitiesBefore.map(\.articles))
        #expect(try store.stories(since: nil, limit: 100).count == storiesBefore.count)
        #expect(try store.check().healthy)
        #expect(try Self.seconds(store.lastUpkeep(), after: later) == 0)
        #expect(try !StoreUpkeep(store: store, config: context.config).isDue(now: later.addingTimeInterval(3600)))
    }

    @Test func aNewStoreVacuumsIncrementallyAndNamesItself() throws {
        let folder = try TemporaryFolder()
        let context = try Self.context(folder, feeds: [])
        let report = try context.store.check()
        #expect(report.autoVacuum == "incremental")
        #expect(report.healthy)
    }
}
