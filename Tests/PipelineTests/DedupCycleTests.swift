import ChangeLog
import Configuration
import FlyingFox
import Foundation
import Pipeline
import Store
import TestSupport
import Testing

@Suite struct DedupCycleTests {
    static let wire = SiteFixture.paragraphs(seed: 4242, count: 8)

    static func site(_ name: String, headline: String, paragraphs: [String]) -> String {
        // Each site wraps the wire copy in boilerplate of its own.
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        return """
            <html><head><meta charset="utf-8"><title>\(headline) - \(name)</title></head><body>
            <div id="consent">\(name) uses cookies. By continuing to browse our site you agree to our use of cookies.</div>
            <ul class="nav-menu"><li><a href="/">\(name) home</a></li><li><a href="/politics">Politics</a></li></ul>
            <div class="main"><h1>\(headline)</h1><div class="entry-content">\(body)</div>
            <div class="social-share"><a href="#">Tweet this \(name) story</a></div></div>
            <div class="footer">© \(name) Media Group. Licence 4711.</div></body></html>
            """
    }

    @Test func oneWireStoryOnThreeSitesInTwoFeedsIsOneStoryWithThreeSources() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        server.set("/alpha/summit.html", .text(Self.site("Alpha Post", headline: "Leaders meet for summit talks", paragraphs: Self.wire), type: "text/html"))
        server.set("/beta/summit.html", .text(Self.site("Beta Daily", headline: "Summit talks: leaders meet", paragraphs: Self.wire), type: "text/html"))
        var retouched = Self.wire
        retouched[0] = "GENEVA (Wire) — " + retouched[0]
        retouched[5] = retouched[5].replacingOccurrences(of: "Officials said", with: "Diplomats said")
        retouched.append("Reporting by the wire desk; editing by the night team.")
        server.set(
            "/gamma/summit.html", .text(Self.site("Gamma Times", headline: "Leaders hold summit talks in Geneva", paragraphs: retouched), type: "text/html"))
        server.set(
            "/one.xml",
            .text(
                SiteFixture.rss(
                    [.init(id: "a", title: "A", path: "/alpha/summit.html"), .init(id: "b", title: "B", path: "/beta/summit.html")], server: server),
                type: "application/rss+xml"))
        server.set("/two.xml", .text(SiteFixture.atom([.init(id: "c", title: "C", path: "/gamma/summit.html")], server: server), type: "application/atom+xml"))
        let context = try FetchCycleTests.context(
            folder, feeds: [FeedConfig(name: "one", url: server.url("/one.xml")), FeedConfig(name: "two", url: server.url("/two.xml"))])
        let report = try await FetchCycle(context: context).run()
        await server.stop()

        #expect(report.failedFeeds == 0)
        let stories = try context.store.stories(since: nil, limit: 10)
        #expect(stories.count == 1)
        #expect(
            Set(stories.first?.sources.map(\.url) ?? []) == [
                server.url("/alpha/summit.html?utm_source=rss"), server.url("/beta/summit.html?utm_source=rss"), server.url("/gamma/summit.html"),
            ])
        #expect(Set(stories.first?.sources.map(\.feed) ?? []) == ["one", "two"])
        let duplicates = try context.store.changes(since: nil, kind: "article.duplicate", limit: 10)
        #expect(duplicates.count == 2, "\(duplicates)")
        // Alpha and Beta carry the same text (the later one is an exact duplicate); Gamma's copy is retouched, so it
        // and the Alpha/Beta text are near duplicates (by SimHash). Feeds run concurrently: either may come first.
        #expect(duplicates.filter { $0.contains("\"match\":\"exact\"") }.count == 1, "\(duplicates)")
        #expect(duplicates.filter { $0.contains("\"match\":\"near\"") }.count == 1, "\(duplicates)")
        #expect(try context.store.changes(since: nil, kind: "article.new", limit: 10).count == 1)
        // The log file has the same two duplicate events.
        let log = try String(contentsOfFile: ChangeLogWriter(directory: context.config.changelogDir).path(for: Date()), encoding: .utf8)
        #expect(log.split(separator: "\n").filter { $0.contains("\"kind\":\"article.duplicate\"") }.count == 2)
    }

    @Test func anEditedArticleGetsVersionTwoAndAWhitespaceChangeDoesNot() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let original = SiteFixture.paragraphs(seed: 77, count: 6)
        server.set("/story.html", .text(SiteFixture.articlePage(title: "Story", paragraphs: original), type: "text/html"))
        server.set("/feed.xml", .text(SiteFixture.rss([.init(id: "s", title: "Story", path: "/story.html")], server: server), type: "application/rss+xml"))
        let context = try FetchCycleTests.context(folder, feeds: [FeedConfig(name: "feed", url: server.url("/feed.xml"))])
        let cycle = FetchCycle(context: context)
        _ = try await cycle.run()

        // Reformatted only: whitespace inside paragraphs, a trailing space. Not a new version.
        let reformatted = original.map { $0.replacingOccurrences(of: " ", with: "  \n ") + " " }
        server.set("/story.html", .text(SiteFixture.articlePage(title: "Story", paragraphs: reformatted), type: "text/html"))
        let quiet = try await cycle.run(.init(recheckAll: true))
        #expect(quiet.rechecked == 1)
        #expect(quiet.recheckUpdated == 0)
        #expect(try context.store.changes(since: nil, kind: "article.updated", limit: 10).isEmpty)

        // A real edit: a sentence added, a number changed.
        var edited = original
        edited[2] = "Seven delegations arrived on Tuesday. " + edited[2]
        server.set("/story.html", .text(SiteFixture.articlePage(title: "Story", paragraphs: edited), type: "text/html"))
        let loud = try await cycle.run(.init(recheckAll: true))
        await server.stop()
        #expect(loud.recheckUpdated == 1)
        let articles = try context.store.articles(ArticleQuery())
        #expect(articles.count == 1)
        let detail = try #require(try context.store.article(id: articles[0].id))
        #expect(detail.versions.map(\.version) == [1, 2])
        #expect(detail.versions[1].diff?.contains("{+Seven delegations arrived on Tuesday.+}") == true)
        let updates = try context.store.changes(since: nil, kind: "article.updated", limit: 10)
        #expect(updates.count == 1)
        #expect(updates.first?.contains("\"version\":2") == true)
        #expect(updates.first?.contains("{+Seven delegations arrived on Tuesday.+}") == true)
    }

    @Test func urlVariantsOfOneArticleAreOneArticle() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let text = SiteFixture.paragraphs(seed: 9, count: 5)
        let canonical = "https://news.example/world/story"
        server.set("/world/story", .text(SiteFixture.articlePage(title: "Story", paragraphs: text, canonical: canonical), type: "text/html"))
        server.set(
            "/amp/world/story",
            .text(SiteFixture.articlePage(title: "Story (AMP)", paragraphs: text + ["Read more on our site."], canonical: canonical), type: "text/html"))
        let items = """
            <rss version="2.0"><channel><title>Variants</title>
            <item><title>1</title><link>\(server.url("/world/story"))?utm_source=rss&amp;utm_medium=feed</link><guid>g1</guid></item>
            <item><title>2</title><link>\(server.url("/world/story"))#comments</link><guid>g2</guid></item>
            <item><title>3</title><link>\(server.url("/amp/world/story"))</link><guid>g3</guid></item>
            </channel></rss>
            """
        server.set("/feed.xml", .text(items, type: "application/rss+xml"))
        let context = try FetchCycleTests.context(folder, feeds: [FeedConfig(name: "feed", url: server.url("/feed.xml"))])
        _ = try await FetchCycle(context: context).run()
        await server.stop()

        let articles = try context.store.articles(ArticleQuery())
        #expect(articles.count == 1)
        #expect(articles.first?.canonicalURL == canonical)
        let detail = try #require(try context.store.article(id: articles[0].id))
        #expect(detail.sources.count == 3)
    }
}

@Suite struct PageRecheckTests {
    @Test func aRecheckSendsThePagesValidatorsAndA304StoresNothing() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let page = SiteFixture.articlePage(title: "Validators", paragraphs: SiteFixture.paragraphs(seed: 5150, count: 5))
        server.set("/page.html") { request in
            if request.headers[HTTPHeader("If-None-Match")] == "\"v1\"" {
                return HTTPResponse(statusCode: .notModified, headers: [HTTPHeader("ETag"): "\"v1\""])
            }
            return HTTPResponse(statusCode: .ok, headers: [HTTPHeader("ETag"): "\"v1\"", HTTPHeader("Content-Type"): "text/html"], body: Data(page.utf8))
        }
        server.set("/feed.xml", .text(SiteFixture.rss([.init(id: "v", title: "Validators", path: "/page.html")], server: server), type: "application/rss+xml"))
        let context = try FetchCycleTests.context(folder, feeds: [FeedConfig(name: "feed", url: server.url("/feed.xml"))])
        let cycle = FetchCycle(context: context)
        _ = try await cycle.run()
        let report = try await cycle.run(.init(recheckAll: true))
        await server.stop()

        #expect(report.rechecked == 1)
        #expect(report.recheckUpdated == 0)
        let requests = server.requests(to: "/page.html")
        #expect(requests.count == 2)
        #expect(requests.last?.headers["if-none-match"] == "\"v1\"")
        let articles = try context.store.articles(ArticleQuery())
        #expect(try context.store.article(id: articles[0].id)?.versions.count == 1)
    }
}
