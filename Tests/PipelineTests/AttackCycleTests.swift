import Configuration
import FlyingFox
import Foundation
import Logging
import Pipeline
import Store
import TestSupport
import Testing

/// Whole cycles against the holes an attacker found: each test fails on the code before its fix.
@Suite struct AttackCycleTests {
    /// The store and log in `folder`, private addresses guarded; limits generous, so a loaded machine slows
    /// these tests down but never fails them.
    static func context(_ folder: borrowing TemporaryFolder, feeds: [FeedConfig], tune: (inout Config) -> Void = { _ in }) throws -> PipelineContext {
        var config = Config(database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"), feeds: feeds)
        config.schedule.minInterval = .seconds(1)
        tune(&config)
        return try PipelineContext.make(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// A configured feed on an internal server leaves a keep-alive connection in the fetcher's cache; another
    /// feed's link to that server must still be refused, and its page never requested or stored.
    @Test func aLinkInAnotherFeedDoesNotRideAConnectionOpenedForAConfiguredInternalFeed() async throws {
        let inside = try await LocalHTTPServer.start()
        let outside = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let ownItems = SiteFixture.serveArticles(prefix: "inside", count: 2, seedBase: 7_100, on: inside)
        inside.set("/feed.xml", .text(SiteFixture.rss(ownItems, server: inside), type: "application/rss+xml"))
        inside.set(
            "/secret.html",
            .text(
                SiteFixture.articlePage(title: "Internal only", paragraphs: SiteFixture.paragraphs(seed: 7_200)),
                type: "text/html; charset=utf-8"))
        let probe = SiteFixture.Item(id: "probe", title: "Probe", path: "/secret.html")
        outside.set("/feed.xml", .text(SiteFixture.rss([probe], server: inside), type: "application/rss+xml"))
        let context = try Self.context(
            folder,
            feeds: [
                FeedConfig(name: "inside", url: inside.url("/feed.xml")),
                FeedConfig(name: "outside", url: outside.url("/feed.xml")),
            ])
        let cycle = FetchCycle(context: context)
        let first = try await cycle.run(FetchCycle.Options(feedNames: ["inside"]))
        #expect(first.feeds.first?.newArticles == 2)
        let second = try await cycle.run(FetchCycle.Options(feedNames: ["outside"]))
        #expect(second.feeds.first?.newArticles == 0)
        #expect(second.feeds.first?.pageErrors == 1)
        #expect(inside.requests(to: "/secret.html").isEmpty, "the internal page was requested through a reused connection")
        #expect(try context.store.articles(ArticleQuery()).count == 2)
        await inside.stop()
        await outside.stop()
    }

    /// The operator configured the feed's URL, not where it points: its redirect to another internal endpoint
    /// fails the feed, so that endpoint's pages are never fetched as the feed's own.
    @Test func aConfiguredFeedRedirectingToAnotherInternalServerIsRefused() async throws {
        let front = try await LocalHTTPServer.start()
        let hidden = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "hidden", count: 2, seedBase: 7_300, on: hidden)
        hidden.set("/feed.xml", .text(SiteFixture.rss(items, server: hidden), type: "application/rss+xml"))
        front.set("/feed.xml", LocalHTTPServer.Reply(status: 302, headers: ["Location": hidden.url("/feed.xml")]))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "front", url: front.url("/feed.xml"))])
        let report = try await FetchCycle(context: context).run()
        #expect(report.feeds.first?.errorKind == .blockedAddress)
        #expect(hidden.requestCount == 0)

        let openFolder = try TemporaryFolder()
        let open = try Self.context(openFolder, feeds: [FeedConfig(name: "front", url: front.url("/feed.xml"))]) {
            $0.fetch.allowPrivate = true
        }
        let allowed = try await FetchCycle(context: open).run()
        #expect(allowed.feeds.first?.newArticles == 2, "with fetch.allow_private the redirect is followed")
        await front.stop()
        await hidden.stop()
    }

    /// A feed listing many items (oldest first here, so order alone would pick wrong) costs at most
    /// `fetch.max_items_per_feed` page fetches per cycle, the newest; the rest are reported and come later.
    @Test func aHugeFeedCostsAtMostItsItemBudgetPerCycleNewestFirst() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "flood", count: 30, seedBase: 7_500, on: server)
        let entries = items.enumerated().map { index, item -> String in
            let day = String(format: "%02d", index + 1)  // item N was published on day N+1: the last is the newest
            return
                "<item><title>\(item.title)</title><link>\(server.url(item.path))</link><guid>\(item.id)</guid><pubDate>\(day) Aug 2025 10:00:00 GMT</pubDate></item>"
        }.joined()
        server.set("/flood.xml", .text("<rss version=\"2.0\"><channel><title>flood</title>\(entries)</channel></rss>", type: "application/rss+xml"))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "flood", url: server.url("/flood.xml"))]) {
            $0.fetch.maxItemsPerFeed = 5
        }
        let cycle = FetchCycle(context: context)
        let first = try await cycle.run()
        #expect(first.feeds.first?.newArticles == 5, "\(first.feeds)")
        #expect(first.feeds.first?.deferredItems == 25)
        let fetched = (0..<30).filter { !server.requests(to: "/flood/\($0).html").isEmpty }
        #expect(fetched == Array(25..<30), "the newest five are taken first")
        let second = try await cycle.run()
        #expect(second.feeds.first?.newArticles == 5)
        #expect(second.feeds.first?.deferredItems == 20)
        await server.stop()
    }

    /// `fetch.max_pages_per_cycle` is shared by every feed of the cycle.
    @Test func aCycleFetchesAtMostItsPageBudgetOverAllFeeds() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let north = SiteFixture.serveArticles(prefix: "north", count: 3, seedBase: 7_600, on: server)
        let south = SiteFixture.serveArticles(prefix: "south", count: 3, seedBase: 7_700, on: server)
        server.set("/north.xml", .text(SiteFixture.rss(north, server: server), type: "application/rss+xml"))
        server.set("/south.xml", .text(SiteFixture.rss(south, server: server), type: "application/rss+xml"))
        let context = try Self.context(
            folder,
            feeds: [
                FeedConfig(name: "north", url: server.url("/north.xml")),
                FeedConfig(name: "south", url: server.url("/south.xml")),
            ]
        ) {
            $0.fetch.maxPagesPerCycle = 4
        }
        let report = try await FetchCycle(context: context).run()
        #expect(report.newArticles == 4)
        #expect(report.feeds.reduce(0) { $0 + $1.deferredItems } == 2)
        #expect(try context.store.articles(ArticleQuery()).count == 4)
        await server.stop()
    }

    /// Values no loader accepts, set in code: the cycle clamps them instead of trapping converting or multiplying.
    @Test func absurdNumbersInACodeBuiltConfigDoNotTrapACycle() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "calm", count: 1, seedBase: 7_800, on: server)
        server.set("/calm.xml", .text(SiteFixture.rss(items, server: server), type: "application/rss+xml"))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "calm", url: server.url("/calm.xml"), interval: .milliseconds(Int64.max))]) {
            $0.fetch.timeout = .milliseconds(Int64.max)
            $0.fetch.connectTimeout = .milliseconds(Int64.max)
            $0.fetch.lowSpeedTime = .milliseconds(Int64.max)
            $0.recheck.perCycle = 4_611_686_018_427_387_904
            $0.recheck.window = .milliseconds(Int64.max)
            $0.schedule.maxBackoff = .milliseconds(Int64.max)
        }
        let report = try await FetchCycle(context: context).run()
        #expect(report.newArticles == 1)
        await server.stop()
    }

    /// One paragraph without a full stop naming someone every 50 words: each mention used to store the whole
    /// paragraph (a 200 KB page made a 119 MB store). Contexts are windows now, each stored once.
    @Test func aLongSentenceRepeatingANameCostsAboutItsSizeInTheStore() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let words = SiteFixture.paragraphs(seed: 7_900, count: 400).joined(separator: " ").replacingOccurrences(of: ".", with: "")
            .split(separator: " ")
        var paragraph: [Substring] = []
        for (index, word) in words.enumerated() {
            if index % 50 == 0 { paragraph.append("Vladimir Putin") }
            paragraph.append(word)
        }
        let text = paragraph.joined(separator: " ")
        let page = SiteFixture.articlePage(title: "A very long sentence", paragraphs: [text])
        server.set("/long.html", .text(page, type: "text/html; charset=utf-8"))
        server.set(
            "/long.xml",
            .text(
                SiteFixture.rss([SiteFixture.Item(id: "long", title: "Long", path: "/long.html")], server: server),
                type: "application/rss+xml"))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "long", url: server.url("/long.xml"))])
        let emptySize = try context.store.fileSize()
        let report = try await FetchCycle(context: context).run()
        #expect(report.newArticles == 1)
        let growth = try context.store.fileSize() - emptySize
        guard case .found(let putin) = try context.store.resolveEntity("Vladimir Putin") else {
            Issue.record("Putin not stored")
            return
        }
        let timeline = try context.store.timeline(entityID: putin.id, since: nil, limit: 10_000)
        #expect(timeline.count > 100, "the name is found throughout: \(timeline.count) contexts")
        #expect(timeline.allSatisfy { $0.sentence.count <= 500 && $0.sentence.contains("Putin") })
        // The text is stored about four times (version, full-text index, contexts up to twice); the old layout took 300×.
        #expect(growth < 8 * text.utf8.count, "\(text.utf8.count) bytes of text grew the store by \(growth) bytes")
        await server.stop()
    }
}
