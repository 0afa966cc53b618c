import FeedParsing
import Foundation
import Testing

/// What feedparser reads, we read: broken encodings and broken document ends give a bozo feed, not a refusal.
@Suite struct FeedLeniencyTests {
    static func rss(declaring encoding: String?, title: [UInt8]) -> Data {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? ""
        return Data((declaration + "<rss version=\"2.0\"><channel><title>").utf8) + Data(title)
            + Data("</title><item><title>Only item</title></item></channel></rss>".utf8)
    }

    func parse(_ data: Data, contentType: String? = nil) throws -> ParsedFeed {
        try FeedParser().parse(data, source: "test", baseURL: nil, contentType: contentType)
    }

    @Test func aDeclaredEncodingNoConverterKnowsFallsBackToUTF8() throws {
        let feed = try parse(Self.rss(declaring: "x-summit-8", title: Array("Gipfel in Zürich".utf8)))
        #expect(feed.title == "Gipfel in Zürich")
        #expect(feed.items.map(\.title) == ["Only item"])
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("x-summit-8") == true, "\(feed.bozoReason ?? "nil")")
        #expect(feed.bozoReason?.hasSuffix("read as utf-8") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test func aDeclaredEncodingNoConverterKnowsFallsBackToWindows1252WhenTheBytesAreNotUTF8() throws {
        // "Zürich – “talks”" in windows-1252: ü, en dash and curly quotes are single bytes, invalid as UTF-8.
        let title = Array("Z".utf8) + [0xFC] + Array("rich ".utf8) + [0x96, 0x20, 0x93] + Array("talks".utf8) + [0x94]
        let feed = try parse(Self.rss(declaring: "klingon", title: title))
        #expect(feed.title == "Zürich – “talks”")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.hasSuffix("read as windows-1252") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test func aMadeUpHTTPCharsetFallsBackToo() throws {
        let feed = try parse(Self.rss(declaring: nil, title: Array("Genève".utf8)), contentType: "application/rss+xml; charset=x-none-such")
        #expect(feed.title == "Genève")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("x-none-such") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test func aMadeUpHTTPCharsetGivesWayToTheXMLDeclaration() throws {
        let feed = try parse(Self.rss(declaring: "koi8-r", title: [0xED, 0xC9, 0xD2]), contentType: "text/xml; charset=x-none-such")
        #expect(feed.title == "Мир")
        #expect(feed.bozo)
        #expect(feed.bozoReason?.hasPrefix("unknown encoding x-none-such in Content-Type") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test func aByteInvalidInAKnownEncodingBecomesAReplacementCharacterAndTheRestIsRead() throws {
        let tokyo: [UInt8] = [0x93, 0x8C, 0x8B, 0x9E]  // 東京 in Shift_JIS
        let text =
            Data("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss version=\"2.0\"><channel><title>".utf8) + Data(tokyo)
            + Data("</title><item><title>bad ".utf8) + Data([0xFF]) + Data("</title></item><item><title>after</title></item></channel></rss>".utf8)
        let feed = try parse(text)
        #expect(feed.title == "東京")
        #expect(feed.items.map(\.title) == ["bad \u{FFFD}", "after"])
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("Shift_JIS") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test func contentAfterTheRootElementKeepsWhatWasRead() throws {
        let text = """
            <rss version="2.0"><channel><title>Talks</title><item><title>Day one</title></item></channel></rss>
            <rss version="2.0"><channel><title>Second document</title></channel></rss>
            stray text
            """
        let feed = try parse(Data(text.utf8))
        #expect(feed.title == "Talks")
        #expect(feed.items.map(\.title) == ["Day one"])
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("Extra content") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test(arguments: [
        "  \n\t \n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
        "<?xml version=\"1.0\"?>\n<!-- the feed is being regenerated -->\n<?xml-stylesheet href=\"feed.xsl\"?>\n",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n",
    ])
    func aDocumentEndingBeforeItsRootIsAnEmptyBozoFeed(text: String) throws {
        let feed = try parse(Data(text.utf8))
        #expect(feed.bozo)
        #expect(feed.bozoReason == "the document ends before its root element")
        #expect(feed.version == "")
        #expect(feed.items.isEmpty)
    }

    @Test func anEmptyChannelIsAFeed() throws {
        let bare = try parse(Data("<channel></channel>".utf8))
        #expect(bare.version == "")
        #expect(bare.items.isEmpty)
        #expect(!bare.bozo)
        let cut = try parse(Data("<channel><title>Summits</title>".utf8))
        #expect(cut.title == "Summits")
        #expect(cut.bozo)
        let empty = try parse(Data("<rss version=\"2.0\"><channel/></rss>\n<junk/>".utf8))
        #expect(empty.version == "rss20")
        #expect(empty.bozo)
    }

    @Test(arguments: [
        "\n<br />\n<b>Warning</b>:  date(): timezone not set in <b>/srv/feed.php</b> on line <b>12</b><br />\n<?xml version=\"1.0\"?>\n",
        "oops ",
        "\u{FEFF}",  // a second byte-order mark, left by concatenating files
    ])
    func aFeedAfterJunkIsReadFromItsRoot(junk: String) throws {
        let rss = "<rss version=\"2.0\"><channel><title>Summits</title><item><title>Day one</title></item></channel></rss>"
        let feed = try parse(Data([0xEF, 0xBB, 0xBF]) + Data((junk + rss).utf8))
        #expect(feed.title == "Summits")
        #expect(feed.items.map(\.title) == ["Day one"])
        #expect(feed.bozo)
        #expect(feed.bozoReason?.contains("before the feed's root element skipped") == true, "\(feed.bozoReason ?? "nil")")
    }

    @Test func onlyADocumentWithNothingReadableIsRefused() {
        for text in ["plain words, no markup", "<?xml version=\"1.0\"?>\nnot markup", "<html><body><p>A web page</p></body></html>"] {
            #expect(throws: FeedParseError.self, "\(text)") { try parse(Data(text.utf8)) }
        }
        #expect(throws: FeedParseError.self) { try parse(Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00])) }  // gzip bytes
    }
}
