import ArticleExtraction
import Foundation
import Testing

/// One page per failure class seen on sites the rules were never tuned for: each is written here, not taken
/// from a corpus, so that it tests the rule and not a page.
@Suite struct FailureClassTests {
    static let story = [
        "The council voted on Tuesday to rebuild the old harbour wall, a project that has been delayed for nine years by lawsuits, floods and budget cuts.",
        "Engineers said the new wall would be two metres higher than the old one, and that work could begin in the spring if the contracts are signed in time.",
        "Residents who had campaigned for the repairs welcomed the vote, although several said they would believe it when they saw the first lorries arrive.",
        "The mayor said the cost, estimated at forty million euros, would be shared between the city, the region and a European fund for coastal towns.",
        "Opponents argued that the money would be better spent on housing, and promised to raise the question again at the next meeting of the council.",
    ]

    static func extract(_ html: String, charset: String? = nil) throws -> ExtractedArticle {
        try ArticleExtractor().extract(Data(html.utf8), url: "https://town.example/news/harbour", charset: charset)
    }

    static func expectWholeStory(_ article: ExtractedArticle, _ comment: Comment? = nil) {
        for sentence in story { #expect(article.text.contains(sentence), comment ?? "missing: \(sentence.prefix(40))") }
    }

    static let navigation = "<ul>" + (1...8).map { "<li><a href=\"/s\($0)\">Section \($0)</a></li>" }.joined() + "</ul>"

    // MARK: a page-wide form

    @Test func aFormAroundTheWholePageIsNotBoilerplate() throws {
        let html = """
            <html><body><form name="aspnetForm" method="post" action="./harbour.aspx" id="aspnetForm">
            <input type="hidden" name="__VIEWSTATE" value="abc"><div id="top">\(Self.navigation)</div>
            <div id="ctl00_main"><h1>Harbour wall to be rebuilt</h1>\(Self.story.map { "<p>\($0)</p>" }.joined())</div>
            <div id="side"><form action="/search"><input name="q"><button>Search the site</button></form></div>
            </form></body></html>
            """
        let article = try Self.extract(html)
        Self.expectWholeStory(article)
        #expect(!article.text.contains("Search the site"))
    }

    @Test func aSmallFormBesideTheStoryIsStillDropped() throws {
        let html = """
            <html><body><article>\(Self.story.map { "<p>\($0)</p>" }.joined())
            <form action="/subscribe"><p>Get the morning briefing in your inbox, every day, free of charge.</p><input name="email"></form>
            </article></body></html>
            """
        let article = try Self.extract(html)
        Self.expectWholeStory(article)
        #expect(!article.text.contains("morning briefing"))
    }

    // MARK: charset labels that lie

    @Test func utf8BytesUnderALatin1MetaLabelAreReadAsUTF8() throws {
        let line = "Zürich’s mayor — «nous verrons» — said the Straße would reopen, officials said, in a long sentence."
        let html = "<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>\(line)</p><p>\(line)</p></article></body></html>"
        #expect(try Self.extract(html).paragraphs.first == line)
    }

    @Test func utf8BytesUnderAWindows1252HTTPLabelAreReadAsUTF8() throws {
        let line = "Kraków and Malmö signed the accord — «enfin», said the négociateur, after three long days of talks."
        let html = "<html><body><article><p>\(line)</p><p>\(line)</p></article></body></html>"
        #expect(try Self.extract(html, charset: "windows-1252").paragraphs.first == line)
    }

    @Test func bytesWindows1252LeavesUndefinedDecodeToC1AndDoNotCutTheText() throws {
        // 0x81, 0x8D, 0x8F, 0x90, 0x9D map to U+0081… (WHATWG index-windows-1252); 0x80 is the euro sign, 0xE9 é.
        var bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body><article><p>Caf".utf8)
        bytes += [0xE9, 0x20, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x20, 0x80]
        bytes += Array("5 for a coffee, the owner said, and the rest of this sentence must survive the odd bytes.</p></article></body></html>".utf8)
        let article = try ArticleExtractor().extract(Data(bytes), url: nil)
        #expect(
            article.paragraphs.first
                == "Café \u{81}\u{8D}\u{8F}\u{90}\u{9D} €5 for a coffee, the owner said, and the rest of this sentence must survive the odd bytes.")
    }

    // MARK: scripts that end early

    @Test func noScriptTextReachesTheOutput() throws {
        let scripts = [
            "document.write(\"</p></div><div class='ad'>\"); leakAlpha();",
            "<!-- document.write('<script>x()</script>'); leakBravo(); -->",
            "var closing = '</div>'; leakCharlie(window.location);",
            "if (a < b && c </ d) { leakDelta(); }",
        ]
        let body = Self.story.enumerated().map { index, sentence in
            "<p>\(sentence)</p>" + (index < scripts.count ? "<script>\(scripts[index])</script>" : "")
        }.joined()
        let article = try Self.extract("<html><head><meta charset=\"utf-8\"></head><body><article>\(body)</article></body></html>")
        Self.expectWholeStory(article)
        for word in ["leak", "ipt", "document", "window", "');"] { #expect(!article.text.contains(word), "script text: \(word)") }
    }

    @Test func jsonLDSurvivesTheScriptCleaning() throws {
        let head =
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Harbour </b> wall\",\"author\":{\"name\":\"Ana Lind\"}}</script>"
        let article = try Self.extract("<html><head>\(head)</head><body><article>\(Self.story.map { "<p>\($0)</p>" }.joined())</article></body></html>")
        #expect(article.byline == "Ana Lind")
    }

    // MARK: story bodies without <p>

    @Test func aStoryInABareDivSeparatedByBreaks() throws {
        let html =
            "<html><body><div id=\"wrap\"><div id=\"top\">\(Self.navigation)</div><div>\(Self.story.joined(separator: "<br><br>"))</div><div>\(Self.navigation)</div></div></body></html>"
        let article = try Self.extract(html)
        Self.expectWholeStory(article)
        #expect(!article.text.contains("Section 3"))
    }

    @Test func aStoryInALayoutTableCell() throws {
        let html = """
            <html><body><table width="100%"><tr><td colspan="2"><img src="/logo.gif"></td></tr>
            <tr><td width="150">\(Self.navigation)</td><td valign="top"><font size="2"><b>Harbour wall</b><br>\(Self.story.joined(separator: "<br><br>"))</font></td></tr>
            <tr><td colspan="2">\(Self.navigation)</td></tr></table></body></html>
            """
        let article = try Self.extract(html)
        Self.expectWholeStory(article)
        #expect(!article.text.contains("Section 3"))
    }

    @Test func aStoryInASpanWithAnID() throws {
        let html =
            "<html><body><div class=\"page\">\(Self.navigation)<div class=\"col\"><h1>Harbour</h1><span id=\"lblStory\">\(Self.story.joined(separator: "<br /><br />"))</span></div></div></body></html>"
        let article = try Self.extract(html)
        Self.expectWholeStory(article)
        #expect(!article.text.contains("Section 3"))
    }

    // MARK: link lists that look like text

    @Test func relatedHeadlinesAndTeasersAreNotTheStory() throws {
        let headlines = [
            "Floods close the coastal road for the third time this winter, and drivers are told to expect long delays",
            "The region approves a new budget for schools, roads and hospitals after a long and bitter debate",
            "A fishing fleet returns with a record catch as prices at the market fall to their lowest level in years",
            "Ferry services are cut back for the season as the company blames rising fuel costs and fewer tourists",
            "The old lighthouse is sold to a private buyer who promises to open it to visitors in the summer",
            "Students protest against the closure of the town library, which has served the harbour district since 1921",
        ]
        let related = "<div><h3>More news</h3><ul>" + headlines.map { "<li><a href=\"/n\">\($0)</a></li>" }.joined() + "</ul></div>"
        let teasers =
            "<div>" + headlines.map { "<div class=\"card\"><a href=\"/t\"><p>\($0), with a teaser sentence that runs on for a while.</p></a></div>" }.joined()
            + "</div>"
        let html = "<html><body><div>\(related)<div>\(Self.story.prefix(3).map { "<p>\($0)</p>" }.joined())</div>\(teasers)</div></body></html>"
        let article = try Self.extract(html)
        for sentence in Self.story.prefix(3) { #expect(article.text.contains(sentence)) }
        for headline in headlines { #expect(!article.text.contains(headline.prefix(30)), "link text kept: \(headline.prefix(30))") }
    }

    @Test func aLinkThatReadsLikeATailHeadingDoesNotEndTheStory() throws {
        let first = Self.story.prefix(3).map { "<p>\($0)</p>" }.joined()
        let rest = Self.story.suffix(2).map { "<p>\($0)</p>" }.joined()
        let linked = try Self.extract("<html><body><div class=\"text\">\(first)<p><a href=\"#c\">Comments (5 posted)</a></p>\(rest)</div></body></html>")
        Self.expectWholeStory(linked)
        let heading = try Self.extract("<html><body><div class=\"text\">\(first)<h3>Comments</h3>\(rest)</div></body></html>")
        #expect(!heading.text.contains(Self.story[4]))
    }

    @Test func aSectionAnchoredByItsHeadingsWordsIsNotFurniture() throws {
        // Documentation generators name sections after their headings: "sharing" here is a topic, not a share bar.
        let sections = [("why-the-harbour-wall-matters", Self.story.prefix(4)), ("sharing-the-cost-with-the-region", Self.story.suffix(1))]
        let body = sections.map { id, text in "<div class=\"section\" id=\"\(id)\"><h2>\(id)</h2>" + text.map { "<p>\($0)</p>" }.joined() + "</div>" }.joined()
        let article = try Self.extract(
            "<html><body><div class=\"document\">\(body)</div><div id=\"share-bar\"><p>Share this page with your friends and family, on any network you like.</p></div></body></html>"
        )
        Self.expectWholeStory(article)
        #expect(!article.text.contains("Share this page"))
    }

    // MARK: pages that would come out empty

    @Test(arguments: ["<div id=\"app\" style=\"display: none\">", "<div class=\"page\" aria-hidden=\"true\">", "<div role=\"dialog\">", "<div hidden>"])
    func aWrapperHiddenUntilScriptsRunDoesNotEmptyThePage(wrapper: String) throws {
        let html =
            "<html><body>\(wrapper)<div class=\"story\">\(Self.story.map { "<p>\($0)</p>" }.joined())</div></div><div class=\"modal\"><p>Sign in</p></div></body></html>"
        Self.expectWholeStory(try Self.extract(html))
    }

    @Test func aTeaserListOfLinkedHeadlinesWithSummariesIsNotTheStory() throws {
        let teasers = (1...10).map { index in
            "<div class=\"item\"><h3><a href=\"/story/\(index)\">Headline number \(index) about the region and its towns</a></h3>"
                + "<p>A summary of story \(index), which tells of floods, budgets and ferries, and runs on for a line or two, like teasers do.</p></div>"
        }.joined()
        let html =
            "<html><body><div class=\"layout\"><div class=\"main\">\(Self.story.prefix(4).map { "<p>\($0)</p>" }.joined())</div><div class=\"list\">\(teasers)</div></div></body></html>"
        let article = try Self.extract(html)
        for sentence in Self.story.prefix(4) { #expect(article.text.contains(sentence)) }
        #expect(!article.text.contains("A summary of story"))
    }
}
