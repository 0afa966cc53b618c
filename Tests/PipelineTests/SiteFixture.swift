import Foundation
import TestSupport

/// A small news site written for the tests: feeds in three formats and article pages with distinct prose
/// wrapped in the boilerplate real pages carry.
enum SiteFixture {
    private static let vocabulary = """
        delegation minister border harvest railway council treaty village river winter factory pipeline election harbour \
        mountain bridge parliament negotiator ceasefire convoy airport hospital school grain artillery drone refinery \
        embassy summit envoy sanction reactor corridor frontline volunteer bakery museum orchestra vineyard orchard \
        glacier lighthouse archive monastery tramway stadium laboratory observatory satellite pharmacy granary quarry \
        festival ferry tunnel garrison customs courier telegram ledger charter compass lantern meadow canyon delta
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Prose unique to `seed`: different enough from every other seed that no two texts are near-duplicates.
    static func paragraphs(seed: Int, count: Int = 5) -> [String] {
        var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            let words = (0..<(28 + next() % 12)).map { _ in vocabulary[next() % vocabulary.count] }
            return "Officials said the " + words.joined(separator: " ") + ", according to people familiar with the matter."
        }
    }

    static func articlePage(title: String, paragraphs: [String], canonical: String? = nil) -> String {
        let body = paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>\(title) | Test Daily</title>
            \(canonical.map { "<link rel=\"canonical\" href=\"\($0)\">" } ?? "")
            <meta property="og:title" content="\(title)"></head>
            <body><div class="cookie-banner">By continuing to browse our site you agree to our use of cookies.</div>
            <nav class="menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <div class="language-picker">CHOOSE YOUR LANGUAGE</div>
            <article><h1>\(title)</h1><div class="share-bar"><a href="#">Share</a></div>
            <div class="article-body">\(body)</div></article>
            <aside class="related"><a href="/a">Other story one</a><a href="/b">Other story two</a></aside>
            <footer>Disinformation report hotline: 010-00000000. All rights reserved.</footer></body></html>
            """
    }

    struct Item {
        var id: String
        var title: String
        var path: String
    }

    static func rss(_ items: [Item], server: LocalHTTPServer) -> String {
        let entries = items.map {
            """
            <item><title>\($0.title)</title><link>\(server.url($0.path))?utm_source=rss</link><guid isPermaLink="false">\($0.id)</guid>
            <pubDate>Fri, 15 Aug 2025 10:00:00 GMT</pubDate></item>
            """
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>RSS test</title><link>\(server.url("/"))</link>\(entries)</channel></rss>"
    }

    static func atom(_ items: [Item], server: LocalHTTPServer) -> String {
        let entries = items.map {
            """
            <entry><title>\($0.title)</title><link href="\($0.path)"/><id>urn:test:\($0.id)</id><updated>2025-08-15T10:00:00Z</updated></entry>
            """
        }.joined()
        return "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom test</title><id>urn:test</id>\(entries)</feed>"
    }

    static func jsonFeed(_ items: [Item], server: LocalHTTPServer) -> String {
        let entries = items.map { "{\"id\":\"\($0.id)\",\"url\":\"\(server.url($0.path))\",\"title\":\"\($0.title)\"}" }.joined(separator: ",")
        return "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"JSON test\",\"items\":[\(entries)]}"
    }

    /// Serves `count` articles under `/prefix/N.html` and returns their feed items.
    static func serveArticles(prefix: String, count: Int, seedBase: Int, on server: LocalHTTPServer) -> [Item] {
        (0..<count).map { index in
            let path = "/\(prefix)/\(index).html"
            let title = "\(prefix.capitalized) report number \(index)"
            server.set(path, .text(articlePage(title: title, paragraphs: paragraphs(seed: seedBase + index)), type: "text/html; charset=utf-8"))
            return Item(id: "\(prefix)-\(index)", title: title, path: path)
        }
    }
}
