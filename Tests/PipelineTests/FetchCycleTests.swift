import ChangeLog
import Configuration
import Foundation
import Logging
import Model
import Pipeline
import Store
import TestSupport
import Testing

@Suite struct FetchCycleTests {
    static func context(_ folder: borrowing TemporaryFolder, feeds: [FeedConfig]) throws -> PipelineContext {
        var config = Config(database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"), feeds: feeds)
        config.fetch.timeout = .seconds(10)
        return try PipelineContext.make(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    static func threeFeeds(on server: LocalHTTPServer) -> [FeedConfig] {
        let rssItems = SiteFixture.serveArticles(prefix: "rss", count: 10, seedBase: 100, on: server)
        let atomItems = SiteFixture.serveArticles(prefix: "atom", count: 10, seedBase: 200, on: server)
        let jsonItems = SiteFixture.serveArticles(prefix: "json", count: 10, seedBase: 300, on: server)
        server.set("/rss.xml", .text(SiteFixture.rss(rssItems, server: server), type: "application/rss+xml"))
        server.set("/atom.xml", .text(SiteFixture.atom(atomItems, server: server), type: "application/atom+xml"))
        server.set("/feed.json", .text(SiteFixture.jsonFeed(jsonItems, server: server), type: "application/feed+json"))
        return [
            FeedConfig(name: "rss", url: server.url("/rss.xml")), FeedConfig(name: "atom", url: server.url("/atom.xml")),
            FeedConfig(name: "json", url: server.url("/feed.json")),
        ]
    }

    @Test func threeFeedsOfTenItemsGiveThirtyArticlesWithText() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let context = try Self.context(folder, feeds: Self.threeFeeds(on: server))
        let report = try await FetchCycle(context: context).run()
        await server.stop()

        #expect(report.feeds.map(\.outcome) == [.fetched, .fetched, .fetched])
        #expect(report.newArticles == 30)
        #expect(report.failedFeeds == 0)
        var query = ArticleQuery()
        query.limit = 100
        let stored = try context.store.articles(query)
        #expect(stored.count == 30)
        for summary in stored {
            let detail = try #require(try context.store.article(id: summary.id))
            #expect(detail.text.split(separator: " ").count > 100, "article \(summary.url) has too little text")
            #expect(!detail.text.contains("CHOOSE YOUR LANGUAGE"))
            #expect(!detail.text.contains("cookies"))
        }
        // The change log has one article.new line per article.
        let log = try String(contentsOfFile: ChangeLogWriter(directory: context.config.changelogDir).path(for: Date()), encoding: .utf8)
        #expect(log.split(separator: "\n").filter { $0.contains("\"kind\":\"article.new\"") }.count == 30)
    }

    @Test func aPageWithoutMetaCharsetIsReadInTheCharsetItsServerNames() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let paragraphs = ["Делегация прибыла в Женеву в понедельник."] + SiteFixture.paragraphs(seed: 900)
        let page = SiteFixture.articlePage(title: "Delegation", paragraphs: paragraphs).replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "")
        let cyrillic = try #require(page.data(using: .windowsCP1251))
        server.set("/cyrillic/0.html", LocalHTTPServer.Reply(headers: ["Content-Type": "text/html; charset=windows-1251"], body: cyrillic))
        let items = [SiteFixture.Item(id: "cyrillic-0", title: "Delegation", path: "/cyrillic/0.html")]
        server.set("/rss.xml", .text(SiteFixture.rss(items, server: server), type: "application/rss+xml"))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "cyrillic", url: server.url("/rss.xml"))])
        let report = try await FetchCycle(context: context).run()
        await server.stop()

        #expect(report.newArticles == 1)
        let summary = try #require(try context.store.articles(ArticleQuery()).first)
        let detail = try #require(try context.store.article(id: summary.id))
        #expect(detail.text.contains("Делегация прибыла в Женеву в понедельник."))
    }

    @Test func aSecondCycleWithNothingNewStoresNothing() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let context = try Self.context(folder, feeds: Self.threeFeeds(on: server))
        let cycle = FetchCycle(context: context)
        let first = try await cycle.run()
        let changesAfterFirst = try context.store.changes(since: nil, kind: nil, limit: 10_000).count
        let pageRequests = server.requests(to: "/rss/0.html").count
        let second = try await cycle.run()
        await server.stop()

        #expect(first.newArticles == 30)
        #expect(second.newArticles == 0)
        #expect(second.storedNothing)
        #expect(second.feeds.allSatisfy { $0.outcome == .unchanged || $0.outcome == .notModified })
        #expect(try context.store.changes(since: nil, kind: nil, limit: 10_000).count == changesAfterFirst)
        #expect(server.requests(to: "/rss/0.html").count == pageRequests, "a known item's page was fetched again")
    }

    @Test func aFeedThatFailsIsReportedAndTheOthersStillLand() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        var feeds = Self.threeFeeds(on: server)
        feeds.append(FeedConfig(name: "gone", url: server.url("/missing.xml")))
        let context = try Self.context(folder, feeds: feeds)
        let report = try await FetchCycle(context: context).run()
        await server.stop()

        let gone = try #require(report.feeds.first { $0.feed == "gone" })
        #expect(gone.outcome == .failed)
        #expect(gone.errorKind == .http4xx)
        #expect(gone.status == 404)
        #expect(report.newArticles == 30)
        let state = try #require(try context.store.feedStates().first { $0.name == "gone" })
        #expect(state.consecutiveFailures == 1)
        #expect(state.lastStatus == 404)
        #expect(state.nextDue != nil)
        let errors = try context.store.changes(since: nil, kind: "feed.error", limit: 10)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("\"feed\":\"gone\"") == true)
    }
}
