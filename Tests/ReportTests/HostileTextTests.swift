import Configuration
import Foundation
import Logging
import Model
import Pipeline
import TestSupport
import Testing

@testable import Report
@testable import Store

/// Titles, names and URLs come from feeds and pages: whatever they hold, the report shows them as text and links
/// only http(s) URLs.
@Suite struct HostileTextTests {
    static let scriptTitle = "<script>alert(\"t1\")</script> Leaders meet in Geneva"
    static let imageTitle = "\"><img src=x onerror=alert(2)> Ceasefire talks resume"
    static let javascriptURL = "javascript:alert(document.domain)"
    static let dataURL = "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg=="

    /// A feed whose item titles and pages carry markup, and one item linking `javascript:`, fetched for real; then,
    /// since the fetcher never stores a non-http URL, an article, a source and a feed with such URLs written
    /// through the store's API, as a future bug or an old row could leave them.
    static func hostileStore(_ folder: borrowing TemporaryFolder) async throws -> SummitStore {
        let server = try await LocalHTTPServer.start()
        let escapedScript = "&lt;script&gt;alert(&quot;t1&quot;)&lt;/script&gt; Leaders meet in Geneva"
        let escapedImage = "&quot;&gt;&lt;img src=x onerror=alert(2)&gt; Ceasefire talks resume"
        for (index, title) in [escapedScript, escapedImage].enumerated() {
            let prose =
                index == 0
                ? (0..<6).map {
                    "<p>Paragraph \($0): delegations from Kyiv and Moscow met in Geneva with Swiss mediators to discuss a ceasefire, prisoner exchanges and the security of the Zaporizhzhia nuclear plant, officials said.</p>"
                }.joined()
                : (0..<6).map {
                    "<p>Section \($0): grain shipments through the Black Sea corridor resumed on Tuesday after Turkish negotiators brokered a deal in Istanbul, harbour masters in Odesa reported.</p>"
                }.joined()
            server.set(
                "/\(index).html",
                .text(
                    "<!DOCTYPE html><html><head><title>\(title)</title><meta property=\"og:title\" content=\"\(title)\"></head><body><article><h1>\(title)</h1>\(prose)</article></body></html>",
                    type: "text/html; charset=utf-8"))
        }
        let items = [(escapedScript, server.url("/0.html")), (escapedImage, server.url("/1.html")), ("Click me", javascriptURL)].enumerated().map {
            index, item in
            "<item><title>\(item.0)</title><link>\(item.1)</link><guid>h\(index)</guid></item>"
        }.joined()
        server.set(
            "/feed.xml",
            .text("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>hostile</title>\(items)</channel></rss>", type: "application/rss+xml"))
        let config = Config(
            database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"),
            feeds: [FeedConfig(name: "hostile", url: server.url("/feed.xml"))])
        let context = try PipelineContext.make(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let report = try await FetchCycle(context: context).run()
        await server.stop()
        #expect(report.newArticles == 2)

        let store = context.store
        let feeds = try store.syncFeeds([(name: "hostile", url: server.url("/feed.xml")), (name: "evil\"><b>feed", url: javascriptURL)])
        let hostile = try require(feeds.first { $0.name == "hostile" })
        let evil = try require(feeds.first { $0.name != "hostile" })
        let now = Date()
        let write = ArticleWrite(
            url: javascriptURL, identityKey: javascriptURL, canonicalURL: nil, feedID: hostile.id,
            title: "<svg onload=alert(3)> Envoys arrive", byline: nil, siteName: "<i>site</i>", language: nil, published: nil,
            modified: nil, fetched: now, text: "Envoys arrive in Geneva.", textHash: "hostile-1", simhashes: [1], words: 4,
            etag: nil, lastModified: nil, relevant: true, relevanceScore: 1, entities: [], summits: [])
        let stored = try store.store(write, as: .new(joiningStory: nil), feedName: "hostile")
        _ = try store.addSource(articleID: stored.articleID, feedID: evil.id, feedName: evil.name, url: dataURL, time: now)
        _ = try store.recordFetch(
            feedID: evil.id,
            outcome: FeedFetchOutcome(
                status: nil, error: "<script>alert(5)</script>", errorKind: .parse,
                nextDue: now.addingTimeInterval(600), fetched: now), events: [])
        return store
    }

    @Test func markupAndNonHTTPLinksFromFeedsStayText() async throws {
        let folder = try TemporaryFolder()
        let store = try await Self.hostileStore(folder)
        let now = Date()
        let html = ReportPage.render(try store.reportData(since: now.addingTimeInterval(-3600), until: now.addingTimeInterval(60)))
        let page = try ParsedPage.parse(html)

        #expect(try ExternalTools.html5Errors(html) == [])
        #expect(page.elements(named: "script").isEmpty)
        #expect(page.elements(named: "img").isEmpty)
        #expect(page.elements(named: "i").isEmpty && page.elements(named: "b").isEmpty)
        #expect(page.elements(named: "svg").allSatisfy { $0.attribute("class") == "chart" })
        let handlers = page.all.flatMap { element in element.attributes.filter { $0.name.lowercased().hasPrefix("on") }.map { "\(element.name) \($0.name)" } }
        #expect(handlers == [])
        let hrefs = page.all.compactMap { $0.attribute("href") }
        #expect(!hrefs.isEmpty)
        #expect(hrefs.allSatisfy { $0.hasPrefix("http://") || $0.hasPrefix("https://") }, "\(hrefs)")
        let text = page.text
        for shown in [
            Self.scriptTitle, Self.imageTitle, "<svg onload=alert(3)> Envoys arrive", Self.javascriptURL, Self.dataURL,
            "evil\"><b>feed", "<script>alert(5)</script>",
        ] {
            #expect(text.contains(shown), "\(shown) is shown as text")
        }
    }

    @Test(arguments: [
        ("https://news.example/a?b=1", true), ("HTTP://NEWS.EXAMPLE/", true), ("javascript:alert(1)", false), ("JavaScript:alert(1)", false),
        (" javascript:alert(1)", false), ("java\tscript:alert(1)", false), ("data:text/html,x", false), ("vbscript:x", false),
        ("//news.example/a", false), ("/relative", false), ("https://", false), ("https://news.example/\na", false),
    ])
    func onlyAbsoluteHTTPURLsBecomeLinks(url: String, linked: Bool) throws {
        let article = ReportArticle(id: 1, title: "t", url: url, feed: "f", siteName: nil, firstSeen: Date())
        let data = ReportData(
            since: Date(), until: Date().addingTimeInterval(1), storeHasArticles: true,
            figures: ReportFigures(newArticles: 1, newStories: 0, updatedArticles: 0, failingFeeds: 0, newEntities: 0, summits: 1),
            summits: [
                ReportSummit(
                    id: 1, participants: ["A"], place: nil, date: nil, firstSeen: Date(), lastSeen: Date(), isNew: true,
                    articleCount: 1, articles: [article])
            ],
            stories: [], updates: [], newEntities: [], topEntities: [], failingFeeds: [], trendStart: Date())
        let page = try ParsedPage.parse(ReportPage.render(data))
        let links = try require(page.element(id: "summits")).elements(named: "a")
        #expect(links.map { $0.attribute("href") } == (linked ? [url] : []))
    }
}

/// The templates use only escaping tags: no `{{{raw}}}`, `{{&raw}}` or content-type pragma, which would let a
/// value through unescaped.
@Suite struct TemplateEscapingTests {
    @Test func theTemplatesHaveNoUnescapedTag() {
        for template in [ReportTemplate.page, ReportTemplate.article] {
            #expect(!template.contains("{{{") && !template.contains("{{&") && !template.contains("{{%") && !template.contains("{{="))
        }
    }
}
