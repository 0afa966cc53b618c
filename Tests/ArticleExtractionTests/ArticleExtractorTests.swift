import ArticleExtraction
import Foundation
import Testing

@Suite struct ArticleExtractorTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try Data(contentsOf: url)
    }

    @Test func theSeedPageKeepsItsEightParagraphsAndNoBoilerplate() throws {
        let article = try ArticleExtractor().extract(Self.fixture("seed-page.html"), url: "https://news.example/2025-08-15/trump-putin-alaska.html")
        let expected = String(decoding: try Self.fixture("seed-expected.txt"), as: UTF8.self)
            .components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(expected.count == 8)
        #expect(article.paragraphs == expected)
        for boilerplate in ["cookies", "CHOOSE YOUR LANGUAGE", "10120180008", "hotline", "Most read", "WeChat", "All rights reserved"] {
            #expect(!article.text.contains(boilerplate), "boilerplate kept: \(boilerplate)")
        }
        #expect(article.title == "Trump-Putin meeting in Alaska: what is on the table")
        #expect(article.canonicalURL == "https://news.example/2025-08-15/trump-putin-alaska.html")
        #expect(article.siteName == "World Broadcast")
        #expect(article.language == "en")
        #expect(article.published.map { Int($0.timeIntervalSince1970) } == 1_755_198_840)
    }

    static func page(_ body: String, head: String = "") -> Data {
        Data("<html><head>\(head)</head><body>\(body)</body></html>".utf8)
    }

    static let story = (1...5).map { "Paragraph \($0) of the story says something long enough to count as prose, with commas, clauses and a full stop." }

    @Test func theHeadlineIsNotRepeatedInTheBody() throws {
        let body = "<article><h1>Talks resume in Geneva</h1>" + Self.story.map { "<p>\($0)</p>" }.joined() + "</article>"
        let article = try ArticleExtractor().extract(
            Self.page(body, head: "<title>Talks resume in Geneva | Site</title><meta property=\"og:title\" content=\"Talks resume in Geneva\">"), url: nil)
        #expect(article.paragraphs == Self.story)
        #expect(article.title == "Talks resume in Geneva")
        #expect(article.words == Self.story.joined(separator: " ").split(separator: " ").count)
    }

    @Test func utf8WithoutAMetaCharsetIsNotMojibake() throws {
        let text = "Zelenskyy’s envoy met officials in Zaporizhzhia and Kyiv — «peace» is still far, the Erdoğan aide said, in a long sentence."
        let article = try ArticleExtractor().extract(Self.page("<article><p>\(text)</p><p>\(text)</p></article>"), url: nil)
        #expect(article.paragraphs.first == text)
    }

    @Test func theHTTPCharsetIsHonoured() throws {
        // "Délégation" in ISO-8859-1 bytes, no meta charset: only the HTTP header says how to read it.
        let bytes =
            Data("<html><body><article><p>".utf8) + Data([0x44, 0xE9, 0x6C, 0xE9, 0x67, 0x61, 0x74, 0x69, 0x6F, 0x6E])
            + Data(" arrived in Geneva for talks that are expected to last several days, officials said.</p></article></body></html>".utf8)
        let article = try ArticleExtractor().extract(bytes, url: nil, charset: "ISO-8859-1")
        #expect(article.paragraphs.first?.hasPrefix("Délégation arrived") == true)
    }

    @Test func metadataComesFromJSONLDFirst() throws {
        let head = """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"LD headline",
            "datePublished":"2025-08-15T10:00:00Z","dateModified":"2025-08-16T11:00:00Z","author":[{"@type":"Person","name":"Jane Roe"}],
            "publisher":{"@type":"Organization","name":"LD News"}}]}</script>
            <link rel="canonical" href="/canonical/path"><meta name="author" content="Meta Author">
            """
        let article = try ArticleExtractor().extract(
            Self.page("<article>" + Self.story.map { "<p>\($0)</p>" }.joined() + "</article>", head: head),
            url: "https://ld.example/amp/path?utm_source=x")
        #expect(article.title == "LD headline")
        #expect(article.byline == "Jane Roe")
        #expect(article.canonicalURL == "https://ld.example/canonical/path")
        #expect(article.published.map { Int($0.timeIntervalSince1970) } == 1_755_252_000)
        #expect(article.modified.map { Int($0.timeIntervalSince1970) } == 1_755_342_000)
        #expect(article.siteName == "LD News")
    }

    @Test func hostilePagesGetAnAnswerNotACrash() throws {
        let deep = String(repeating: "<div>", count: 100_000) + "<p>deep</p>" + String(repeating: "</div>", count: 100_000)
        _ = try ArticleExtractor().extract(Data(deep.utf8), url: nil)
        let broken = "<html><body><p>Unclosed <b>bold <i>italic <p>next paragraph with enough words to matter, really, it does.<table><tr><td>cell</body>"
        _ = try ArticleExtractor().extract(Data(broken.utf8), url: nil)
        #expect(throws: ExtractionError.self) { try ArticleExtractor().extract(Data(), url: "https://empty.example/") }
    }
}
