import Configuration
import FlyingFox
import Foundation
import Logging
import Pipeline
import Store
import TestSupport
import Testing

/// The pipe as a whole (issue 17): each page fetched once however many feeds and address variants link it, and
/// the same store for the same input however the network interleaves.
@Suite struct StreamingCycleTests {
    /// Feeds that link the same six pages through every kind of variant: tracking parameters, fragments, relative
    /// links, two items of one feed.
    static func variantFeeds(on server: LocalHTTPServer, pages: Int = 6) -> [FeedConfig] {
        let items = SiteFixture.serveArticles(prefix: "p", count: pages, seedBase: 700, on: server)
        server.set("/rss.xml", .text(SiteFixture.rss(items, server: server), type: "application/rss+xml"))
        server.set("/atom.xml", .text(SiteFixture.atom(items, server: server), type: "application/atom+xml"))
        server.set("/feed.json", .text(SiteFixture.jsonFeed(items, server: server), type: "application/feed+json"))
        let variants = items.flatMap { item in
            [
                "<item><title>\(item.title)</title><link>\(server.url(item.path))#comments</link><guid>a-\(item.id)</guid></item>",
                "<item><title>\(item.title)</title><link>\(server.url(item.path))?utm_medium=social&amp;fbclid=1</link><guid>b-\(item.id)</guid></item>",
            ]
        }.joined()
        server.set("/social.xml", .text("<rss version=\"2.0\"><channel><title>Social</title>\(variants)</channel></rss>", type: "application/rss+xml"))
        return [
            FeedConfig(name: "rss", url: server.url("/rss.xml")), FeedConfig(name: "atom", url: server.url("/atom.xml")),
            FeedConfig(name: "json", url: server.url("/feed.json")), FeedConfig(name: "social", url: server.url("/social.xml")),
        ]
    }

    @Test func everyPageIsRequestedOnceAcrossFeedsVariantsAndCycles() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let feeds = Self.variantFeeds(on: server)
        let report = try await FetchCycle(context: try FetchCycleTests.context(folder, feeds: feeds)).run()
        #expect(report.failedFeeds == 0)
        #expect(report.newArticles == 6)
        #expect(report.duplicates == 6 * 4, "every other link of a page is a source of its article")
        let requests = (0..<6).map { server.requests(to: "/p/\($0).html").count }
        #expect(requests == Array(repeating: 1, count: 6), "page requests: \(requests)")

        // A feed added later that links known pages under new variants: sources, no request.
        let late = (0..<6).map { "<item><title>Late \($0)</title><link>\(server.url("/p/\($0).html"))?ref=late</link></item>" }.joined()
        server.set("/late.xml", .text("<rss version=\"2.0\"><channel><title>Late</title>\(late)</channel></rss>", type: "application/rss+xml"))
        let context = try FetchCycleTests.context(folder, feeds: feeds + [FeedConfig(name: "late", url: server.url("/late.xml"))])
        let second = try await FetchCycle(context: context).run()
        await server.stop()
        #expect(second.feeds.first { $0.feed == "late" }?.duplicates == 6)
        #expect((0..<6).map { server.requests(to: "/p/\($0).html").count } == Array(repeating: 1, count: 6))
        let stories = try context.store.stories(since: nil, limit: 10)
        #expect(stories.count == 6)
        #expect(stories.allSatisfy { story in story.sources.contains { $0.feed == "late" } })
    }

    /// Two runs over the same input into fresh stores write the same rows and the same change lines (ids, story
    /// assignments, order), although pages arrive in whatever order the network and the two cores give them.
    @Test func theSameInputGivesTheSameStore() async throws {
        let server = try await LocalHTTPServer.start()
        var feeds = Self.variantFeeds(on: server, pages: 12)
        // Wire copies of one story on three sites, in different feeds: which becomes the story's first article
        // must not depend on which page arrives first.
        let wire = DedupCycleTests.wire
        for (index, site) in ["Alpha Post", "Beta Daily", "Gamma Times"].enumerated() {
            server.set("/wire/\(index).html", .text(DedupCycleTests.site(site, headline: "Leaders meet for summit talks", paragraphs: wire), type: "text/html"))
            server.set(
                "/wire\(index).xml",
                .text(SiteFixture.rss([.init(id: "w\(index)", title: "W", path: "/wire/\(index).html")], server: server), type: "application/rss+xml"))
            feeds.insert(FeedConfig(name: "wire\(index)", url: server.url("/wire\(index).xml")), at: index)
        }
        let now = Date(timeIntervalSince1970: 1_755_300_000)
        var runs: [([String], [String])] = []
        for _ in 0..<2 {
            let folder = try TemporaryFolder()
            let context = try FetchCycleTests.context(folder, feeds: feeds)
            _ = try await FetchCycle(context: context).run(now: now)
            let changes = try context.store.changes(since: nil, kind: nil, limit: 10_000)
            let stories = try context.store.stories(since: nil, limit: 100).map { story in
                "\(story.id) \(story.articles) " + story.sources.map { "\($0.feed) \($0.url)" }.sorted().joined(separator: ", ")
            }
            runs.append((changes, stories))
        }
        await server.stop()
        #expect(runs[0].0.count > 30)
        #expect(runs[0].0 == runs[1].0)
        #expect(runs[0].1 == runs[1].1)
    }
}
