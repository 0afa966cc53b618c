import ArticleExtraction
import Foundation
import Testing

@Suite struct MetadataTests {
    static func extract(head: String, body: String = "") throws -> ExtractedArticle {
        let story = FailureClassTests.story.map { "<p>\($0)</p>" }.joined()
        return try ArticleExtractor().extract(Data("<html><head>\(head)</head><body>\(body)<article>\(story)</article></body></html>".utf8), url: nil)
    }

    @Test func jsonLDInACDATASectionIsRead() throws {
        let head =
            "<script type=\"application/ld+json\">\n<![CDATA[\n{\"@type\":\"Article\",\"author\":{\"name\":\"Contributors\"},\"datePublished\":\"2003-02-28T21:51:08Z\"}\n]]>\n</script>"
        let article = try Self.extract(head: head)
        #expect(article.byline == "Contributors")
        #expect(article.published.map { Int($0.timeIntervalSince1970) } == 1_046_469_068)
    }

    @Test func socialMediaPostingsAreArticles() throws {
        let head = "<script type=\"application/ld+json\">{\"@type\":\"SocialMediaPosting\",\"headline\":\"Update 1.8\",\"author\":\"mcupdate\"}</script>"
        #expect(try Self.extract(head: head).byline == "mcupdate")
    }

    @Test func jsonLDNameWinsOverAHeadlineThatIsNotTheTitle() throws {
        let head =
            "<title>List of harbour walls - Encyclopedia</title><script type=\"application/ld+json\">{\"@type\":\"Article\",\"name\":\"List of harbour walls\",\"headline\":\"Encyclopedia list article\"}</script>"
        #expect(try Self.extract(head: head).title == "List of harbour walls")
    }

    @Test func theDocumentTitleLosesItsSiteNameAndBeatsASectionH1() throws {
        let article = try Self.extract(head: "<title>Harbour wall to be rebuilt after nine years | Town Gazette</title>", body: "<h1>Local news</h1>")
        #expect(article.title == "Harbour wall to be rebuilt after nine years")
        #expect(try Self.extract(head: "<title>Mozilla - Wikipedia</title>").title == "Mozilla - Wikipedia")
    }

    @Test func aMicrodataBylineGivesTheAuthorsNameNotTheDateBesideIt() throws {
        let byline =
            "<p class=\"byline\" itemprop=\"author creator\"><a rel=\"author\" href=\"/a\"><span itemprop=\"name\">Dan Goodin</span></a> - <time>Apr 16, 2015 8:02 pm UTC</time></p>"
        #expect(try Self.extract(head: "", body: byline).byline == "Dan Goodin")
    }
}
