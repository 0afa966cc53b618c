import Configuration
import FlyingFox
import Foundation
import Logging
import Pipeline
import Store
import Testing
import TestSupport

/// Whole cycles against the holes an attacker found: each test fails on the code before its fix.
@Suite struct AttackCycleTests {
    /// A configured feed on an internal server leaves a keep-alive connection in the fetcher's cache; another
    /// feed's link to that server must still be refused, and its page never requested or stored.
    @Test func aLinkInAnotherFeedDoesNotRideAConnectionOpenedForAConfiguredInternalFeed() async throws {
        let inside = try await LocalHTTPServer.start()
        let outside = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let ownItems = SiteFixture.serveArticles(prefix: "inside", count: 2, seedBase: 7_100, on: inside)
        inside.set("/feed.xml", .text(SiteFixture.rss(ownItems, server: inside), type: "application/rss+xml"))
        inside.set("/secret.html", .text(SiteFixture.articlePage(title: "Internal only", paragraphs: SiteFixture.paragraphs(seed: 7_200)),
                                         type: "text/html; charset=utf-8"))
        let probe = SiteFixture.Item(id: "probe", title: "Probe", path: "/secret.html")
        outside.set("/feed.xml", .text(SiteFixture.rss([probe], server: inside), type: "application/rss+xml"))
        let context = try FetchPolicyCycleTests.context(folder, feeds: [FeedConfig(name: "inside", url: inside.url("/feed.xml")),
                                                                        FeedConfig(name: "outside", url: outside.url("/feed.xml"))])
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
        let context = try FetchPolicyCycleTests.context(folder, feeds: [FeedConfig(name: "front", url: front.url("/feed.xml"))])
        let report = try await FetchCycle(context: context).run()
        #expect(report.feeds.first?.errorKind == "blocked_address")
        #expect(hidden.requestCount == 0)

        let openFolder = try TemporaryFolder()
        let open = try FetchPolicyCycleTests.context(openFolder, feeds: [FeedConfig(name: "front", url: front.url("/feed.xml"))]) {
            $0.fetch.allowPrivate = true
        }
        let allowed = try await FetchCycle(context: open).run()
        #expect(allowed.feeds.first?.newArticles == 2, "with fetch.allow_private the redirect is followed")
        await front.stop()
        await hidden.stop()
    }
}
