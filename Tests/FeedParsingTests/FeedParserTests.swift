import FeedParsing
import Foundation
import Model
import Testing

@Suite struct FeedParserTests {
    func parse(_ text: String, base: String? = "https://news.example/feed", contentType: String? = nil) throws -> ParsedFeed {
        try FeedParser().parse(Data(text.utf8), source: "test", baseURL: base, contentType: contentType)
    }

    @Test func rss20ItemsWithNamespaces() throws {
        let feed = try parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>World</title><link>https://news.example/</link><lastBuildDate>Fri, 15 Aug 2025 12:00:00 GMT</lastBuildDate>
            <item><title>Leaders meet in Alaska</title><link>/2025/08/15/alaska.html</link><guid isPermaLink="false">id-1</guid>
              <dc:creator>A. Writer</dc:creator><description>Short &amp; sweet</description>
              <content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded>
              <pubDate>Fri, 15 Aug 2025 10:00:00 +0200</pubDate>
              <enclosure url="https://cdn.example/a.jpg" type="image/jpeg" length="1234"/></item>
            </channel></rss>
            """)
        #expect(feed.version == "rss20")
        #expect(!feed.bozo)
        #expect(feed.title == "World")
        #expect(feed.updated?.date.map(ISOTime.format) == "2025-08-15T12:00:00Z")
        let item = try #require(feed.items.first)
        #expect(item.title == "Leaders meet in Alaska")
        #expect(item.link == "https://news.example/2025/08/15/alaska.html")
        #expect(item.id == "id-1")
        #expect(item.author == "A. Writer")
        #expect(item.summary == "Short & sweet")
        #expect(item.content == ["<p>Full <b>text</b></p>"])
        #expect(item.published?.date.map(ISOTime.format) == "2025-08-15T08:00:00Z")
        #expect(item.enclosures == [Enclosure(href: "https://cdn.example/a.jpg", type: "image/jpeg", length: "1234")])
    }

    @Test func atomResolvesRelativeLinksAgainstXMLBase() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/news/">
              <title type="text">Atom news</title><id>urn:feed</id>
              <entry xml:base="world/"><title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title>
                <link rel="alternate" href="summit.html"/><id>urn:1</id>
                <author><name>Writer</name><email>w@atom.example</email></author>
                <published>2025-08-15T10:00:00+02:00</published><updated>2025-08-16T00:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content></entry>
            </feed>
            """)
        #expect(feed.version == "atom10")
        let item = try #require(feed.items.first)
        #expect(item.link == "https://atom.example/news/world/summit.html")
        #expect(item.title == "A <b>bold</b> move")
        #expect(item.author == "Writer (w@atom.example)")
        #expect(item.content == ["<p>Body</p>"])
        #expect(item.published?.date.map(ISOTime.format) == "2025-08-15T08:00:00Z")
        #expect(item.updated?.date.map(ISOTime.format) == "2025-08-16T00:00:00Z")
    }

    @Test func rss10AndJSONFeed() throws {
        let rdf = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="x"><title>RDF</title><link>https://rdf.example/</link></channel>
              <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link><dc:date>2025-08-15T10:00:00Z</dc:date></item>
            </rdf:RDF>
            """)
        #expect(rdf.version == "rss10")
        #expect(rdf.items.first?.updated?.date.map(ISOTime.format) == "2025-08-15T10:00:00Z")
        let json = try parse(
            """
            {"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://j.example/",
             "items": [{"id": "1", "url": "/a", "title": "A", "content_html": "<p>x</p>", "date_published": "2025-08-15T10:00:00Z"}]}
            """, base: "https://j.example/feed.json")
        #expect(json.version == "json11")
        #expect(json.items.first?.link == "https://j.example/a")
        #expect(json.items.first?.summary == "<p>x</p>")
    }

    @Test func illFormedFeedsAreRecoveredAndFlagged() throws {
        let feed = try parse(
            "<rss version=\"2.0\"><channel><title>Broken &eacute;dition</title><item><title>One</title></item><item><title>Two & more</title></channel></rss>")
        #expect(feed.bozo)
        #expect(feed.title == "Broken édition")
        #expect(feed.items.count >= 1)
        #expect(feed.items.first?.title == "One")
    }

    @Test func notAFeedIsAClearError() {
        #expect(throws: FeedParseError.self) { try parse("<html><body>hello</body></html>") }
        #expect(throws: FeedParseError.self) { try parse("") }
        #expect(throws: FeedParseError.self) { try parse("{not json") }
    }

    @Test func billionLaughsIsNotExpanded() throws {
        var entities = "<!ENTITY lol0 \"lollollollollollollollollollol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        let text =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [\(entities)]><rss version=\"2.0\"><channel><title>&lol9;</title><item><title>x</title></item></channel></rss>"
        let feed = try parse(text)
        // Unexpanded, the title is empty; expanded it would be 3 GB.
        #expect((feed.title ?? "").count < 1000)
        #expect(feed.items.count == 1)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let text =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><rss version=\"2.0\"><channel><title>t&xxe;</title></channel></rss>"
        let feed = try parse(text)
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "never-matches"
        #expect(!(feed.title ?? "").contains(hostname))
    }

    @Test func theHTTPCharsetDecidesWhenTheDocumentDoesNot() throws {
        var bytes = Data("<rss version=\"2.0\"><channel><title>Caf".utf8)
        bytes.append(0xE9)  // é in windows-1252
        bytes.append(Data("</title></channel></rss>".utf8))
        let declared = try FeedParser().parse(bytes, source: "t", baseURL: nil, contentType: "application/rss+xml; charset=windows-1252")
        #expect(declared.title == "Café")
        let sniffed = try FeedParser().parse(bytes, source: "t", baseURL: nil, contentType: nil)
        #expect(sniffed.title == "Café")
    }
}

@Suite struct FeedDateParserTests {
    @Test(arguments: [
        ("Fri, 15 Aug 2025 10:00:00 GMT", "2025-08-15T10:00:00Z"),
        ("Fri, 15 Aug 25 10:00 EDT", "2025-08-15T14:00:00Z"),
        ("15 Aug 2025 10:00:00 +0530", "2025-08-15T04:30:00Z"),
        ("Friday, 15 August 2025 10:00:00 Z", "2025-08-15T10:00:00Z"),
        ("2025-08-15T10:00:00.123-04:00", "2025-08-15T14:00:00Z"),
        ("2025-08-15", "2025-08-15T00:00:00Z"),
        ("2025-08-15 10:00:00", "2025-08-15T10:00:00Z"),
        ("Fri Aug 15 10:00:00 2025", "2025-08-15T10:00:00Z"),
        ("Thu, 01 Jan 2004 19:48:21 A", "2004-01-01T20:48:21Z"),
    ])
    func readsRealWorldForms(text: String, expected: String) {
        #expect(FeedDateParser.parse(text).map(ISOTime.format) == expected)
    }

    /// One date of each family feedparser documents or has a `_parse_date_*` reader for, read whole.
    @Test(arguments: [
        ("Tue, 03 Jun 2025 08:15:00 GMT", "2025-06-03T08:15:00Z"),  // RFC 822
        ("Tue, 03 Jun 25 08:15:00 +0200", "2025-06-03T06:15:00Z"),  // RFC 822, two-digit year
        ("3 Jun 2025 08:15 EDT", "2025-06-03T12:15:00Z"),  // RFC 822 without weekday and seconds
        ("Tuesday, 3 June 2025 08:15:00 PT", "2025-06-03T16:15:00Z"),  // long names, PT read as PST (UTC-8)
        ("Tue,3 Jun, 2025 08:15:00 UT", "2025-06-03T08:15:00Z"),  // commas in odd places
        ("Tue, 03 Jun 2025 08:15:00 N", "2025-06-03T07:15:00Z"),  // military zone
        ("Tue Jun 03 2025 08:15:00 -0330", "2025-06-03T11:45:00Z"),  // month before day
        ("Tue, 03 Jun 2025 08:15:00 Etc/UTC", "2025-06-03T08:15:00Z"),  // Etc/ zone
        ("Tue, 03 Jun 2025 08:15:00 -0400 (EDT)", "2025-06-03T12:15:00Z"),  // RFC 2822 comment after the zone
        ("Tue Jun  3 08:15:00 2025", "2025-06-03T08:15:00Z"),  // asctime
        ("Tue Jun  3 08:15:00 CEST 2025", "2025-06-03T06:15:00Z"),  // asctime with a zone
        ("Tue, 2025/06/03 08:15:00 PDT", "2025-06-03T15:15:00Z"),  // Perforce
        ("Τρι, 03 Ιούν 2025 08:15:00 GMT", "2025-06-03T08:15:00Z"),  // Greek
        ("2025-06-03T08:15:00.250+05:45", "2025-06-03T02:30:00Z"),  // W3CDTF
        ("2025-06", "2025-06-01T00:00:00Z"),  // W3CDTF year and month
        ("2025-06-03 08:15:00.0", "2025-06-03T08:15:00Z"),  // MSSQL
        ("20250603", "2025-06-03T00:00:00Z"),  // ISO 8601 basic
        ("25-06-03", "2025-06-03T00:00:00Z"),  // ISO 8601 two-digit year
        ("2025-154", "2025-06-03T00:00:00Z"),  // ISO 8601 ordinal day
        ("-2506", "2025-06-01T00:00:00Z"),  // ISO 8601 -YYMM
        ("-25-06-03", "2025-06-03T00:00:00Z"),  // ISO 8601 -YY-MM-DD, read whole
        ("2025년 06월 03일 17:15:00", "2025-06-03T08:15:00Z"),  // Korean, OnBlog (KST)
        ("2025-06-03 오후 5:15:00", "2025-06-03T08:15:00Z"),  // Korean, Nate, p.m.
        ("2025-06-03 오전 12:05:00", "2025-06-02T15:05:00Z"),  // Korean, Nate, 12 a.m. is midnight
        ("2025-június-3T8:15+02:00", "2025-06-03T06:15:00Z"),  // Hungarian
    ])
    func readsEveryFeedparserFamilyWhole(text: String, expected: String) {
        #expect(FeedDateParser.parse(text).map(ISOTime.format) == expected)
    }

    @Test(arguments: [
        ("Tue, 03 Jun 2025 08:15:00 GMT-02:30", "2025-06-03T10:45:00Z"),
        ("Tue, 03 Jun 2025 08:15:00 UTC+2", "2025-06-03T06:15:00Z"),
        ("Tue, 03 Jun 2025 08:15:00 GMT+05:30", "2025-06-03T02:45:00Z"),
        ("Tue, 03 Jun 2025 08:15:00 UT+0100", "2025-06-03T07:15:00Z"),
    ])
    func aZoneNameFollowedByAnOffsetIsTheOffset(text: String, expected: String) {
        #expect(FeedDateParser.parse(text).map(ISOTime.format) == expected)
    }

    @Test func aSpaceBeforeTheOffsetIsPartOfTheDate() {
        #expect(FeedDateParser.parse("2025-06-03 08:15:00 -01:30").map(ISOTime.format) == "2025-06-03T09:45:00Z")
        #expect(FeedDateParser.parse("2025-06-03T08:15:00 +0200").map(ISOTime.format) == "2025-06-03T06:15:00Z")
        #expect(FeedDateParser.parse("2025-06-03 08:15:00 UTC").map(ISOTime.format) == "2025-06-03T08:15:00Z")
    }

    /// Each of these has a readable start; reading only that would give a wrong instant.
    @Test(arguments: [
        "2025-06-03 08:15:00 -01:3x",
        "2025-06-03T08:xx:00Z",
        "2025-06-03T08:15:00Zjunk",
        "2025-06-03T08:15:00+02:00Textra",
        "2025-06-03-07",
        "2025-xx-03",
        "2025-06-03 오 5:15:00",
        "Tue, 03 Jun 2025 08:15:00 GMT and more",
        "Tue, 03 Jun 2025 08:15:00 +0100 +0200",
        "Tue, 03 Jun 2025 08:15:00 09:15:00",
        "Tue, 2025/06/03 08:15:00 EDT 17",
        "Tue, 03 Jun 2025 08:15:00 Etc/GMT+5",
        "Tue, 31 Dec 9999 23:59:59 -9999",
        "2025-június-3T8:15",
    ])
    func aDateReadableOnlyInPartIsUnparsed(text: String) {
        #expect(FeedDateParser.parse(text) == nil, "\(text)")
    }

    @Test func unreadableDatesAreNilNotNow() {
        for text in ["", "yesterday", "Sun, 16 zzz 2012 11:47:32 GMT", "13/13/2013", "Sun, 16 Dec 2012 1:2:3:4 GMT"] {
            #expect(FeedDateParser.parse(text) == nil, "\(text)")
        }
    }
}

@Suite struct OPMLTests {
    @Test func importsNestedOutlinesAndExportsThemBack() throws {
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
            <outline text="News"><outline text="Wire" type="rss" xmlUrl="https://wire.example/rss" htmlUrl="https://wire.example/"/></outline>
            <outline text="Solo" xmlurl="https://solo.example/atom"/></body></opml>
            """
        let outlines = try OPMLReader().read(Data(opml.utf8), source: "subs.opml")
        #expect(
            outlines == [
                OPMLOutline(title: "Wire", xmlURL: "https://wire.example/rss", htmlURL: "https://wire.example/", categories: ["News"]),
                OPMLOutline(title: "Solo", xmlURL: "https://solo.example/atom", htmlURL: nil),
            ])
        let written = OPMLWriter.write(outlines, title: "out & about")
        let again = try OPMLReader().read(Data(written.utf8), source: "out.opml")
        #expect(again.map(\.xmlURL) == outlines.map(\.xmlURL))
        #expect(written.contains("<title>out &amp; about</title>"))
        #expect(throws: FeedParseError.self) { try OPMLReader().read(Data("<rss/>".utf8), source: "x") }
    }
}

@Suite struct FeedEncodingTests {
    static let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ünïcode ‘feed’</title><item><title>x</title></item></channel></rss>"

    @Test func utf16And32WithoutABOMAreDetected() throws {
        for encoding: String.Encoding in [.utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian] {
            let data = try #require(Self.rss.data(using: encoding))
            let feed = try FeedParser().parse(data, source: "t", baseURL: nil)
            #expect(feed.title == "Ünïcode ‘feed’", "\(encoding)")
        }
    }

    @Test func theXMLDeclarationNamesTheEncoding() throws {
        func feed(_ encoding: String, _ title: [UInt8]) throws -> ParsedFeed {
            let head = Data("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><rss version=\"2.0\"><channel><title>".utf8)
            return try FeedParser().parse(head + Data(title) + Data("</title></channel></rss>".utf8), source: "t", baseURL: nil)
        }
        let russian = try feed("koi8-r", [0xED, 0xC9, 0xD2])
        #expect(russian.title == "Мир")
        #expect(!russian.bozo, "a declared encoding that reads the bytes is not a problem")
        let latin = try feed("ISO-8859-1", Array("Caf".utf8) + [0xE9])
        #expect(latin.title == "Café")
        #expect(!latin.bozo)
    }

    @Test func bytesInvalidAsUTF8AreReadAsWindows1252AndFlagged() throws {
        let bytes = Data("<rss version=\"2.0\"><channel><title>don".utf8) + Data([0x92]) + Data("t</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes, source: "t", baseURL: nil)
        #expect(feed.title == "don’t")
        #expect(feed.bozo)
    }

    @Test func c1CharacterReferencesAreDemoronizedAndDoubleEncodingRepaired() throws {
        let xml = "<rss version=\"2.0\"><channel><title>don&#146;t</title><item><title>wait&#226;&#128;&#166;</title></item></channel></rss>"
        let feed = try FeedParser().parse(Data(xml.utf8), source: "t", baseURL: nil)
        #expect(feed.title == "don’t")
        #expect(feed.items.first?.title == "wait…")
        #expect(!feed.bozo)
    }

    @Test func aFeedServedAsPlainTextIsFlagged() throws {
        let feed = try FeedParser().parse(Data(Self.rss.utf8), source: "t", baseURL: nil, contentType: "text/plain; charset=utf-8")
        #expect(feed.bozo)
        #expect(feed.title == "Ünïcode ‘feed’")
    }
}
