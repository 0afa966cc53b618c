import FeedParsing
import Foundation
import Testing

/// The reader builds fields from parser events, without a tree: these pin down what a tree used to give for free.
@Suite struct StreamingReaderTests {
    func parse(_ text: String, with parser: FeedParser = FeedParser(), base: String? = nil) throws -> ParsedFeed {
        try parser.parse(Data(text.utf8), source: "test", baseURL: base)
    }

    @Test func xhtmlIsWrittenBackOutTheWayFeedparserWritesIt() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>urn:1</id>
            <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b z="2" a="1">bold</b><br/><!-- c -->&amp; <span></span><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></div></title>
            <content type="xhtml">  <div xmlns="http://www.w3.org/1999/xhtml">one</div> <div xmlns="http://www.w3.org/1999/xhtml">two</div></content>
            <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"></div></summary></entry></feed>
            """)
        let item = try #require(feed.items.first)
        #expect(item.title == #"A <b a="1" z="2">bold</b><br />&amp; <span></span><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"></circle></svg>"#)
        #expect(item.content == ["<div>one</div> <div>two</div>"], "two divs: neither is a wrapper")
        #expect(item.summary == "")
    }

    @Test func xmlBaseNestsAndAttributeReferencesAreDecoded() throws {
        let feed = try parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/x/"><title>T</title>
            <entry xml:base="/y/"><id>urn:1</id><link href="p?a=1&amp;b=2&#38;c=3"/></entry>
            <entry xml:base="https://b.example/z/"><id>urn:2</id><link href="q"/></entry>
            <entry><id>urn:3</id><link href="r"/></entry></feed>
            """, base: "https://doc.example/feed")
        #expect(feed.items.map(\.link) == ["http://a.example/y/p?a=1&b=2&c=3", "https://b.example/z/q", "http://a.example/x/r"])
    }

    @Test func declaredEntitiesStayUnexpandedAndTheirContentNeverBecomesItems() throws {
        let feed = try parse(
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY who "Putin"><!ENTITY blk "<item><title>injected</title></item>">]>
            <rss version="2.0"><channel><title>&who; meets</title>
            <item><title>x &who; y</title><description>a <b>&who;</b> b</description></item>
            &blk;</channel></rss>
            """)
        #expect(feed.title == "meets")
        #expect(feed.items.count == 1)
        #expect(feed.items.first?.title == "x  y")
        #expect(feed.items.first?.summary == "a <b>&who;</b> b")
    }

    @Test func itemsBesideTheChannelComeFirstAndOnlyTheFirstChannelCounts() throws {
        let feed = try parse(
            """
            <rss version="2.0"><item><title>root1</title></item><channel><title>c1</title><item><title>ch1</title></item></channel>
            <item><title>root2</title></item><channel><title>c2</title><item><title>ch2</title></item></channel></rss>
            """)
        #expect(feed.title == "c1")
        #expect(feed.items.map(\.title) == ["root1", "root2", "ch1"])
    }

    @Test func aCutOffDocumentKeepsWhatItReadAndSaysWhy() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>cut</title><item><title>kept</title></item><item><title>half")
        #expect(feed.bozo)
        #expect(feed.items.map(\.title) == ["kept", "half"])
        #expect(feed.bozoReason?.contains("document ends before") == true, "\(feed.bozoReason ?? "nil")")
    }

    /// One parser lends its libxml2 contexts to document after document: nothing may carry over from one to the next.
    @Test func aReusedParserCarriesNothingOverBetweenDocuments() throws {
        let documents: [Data] = [
            Data("<rss version=\"2.0\"><channel><title>broken &nbsp; <item>".utf8),
            Data("<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss version=\"2.0\"><channel><title>".utf8) + Data([0xED, 0xC9, 0xD2])
                + Data("</title></channel></rss>".utf8),
            Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ünïcode</title></channel></rss>".utf8),
            Data(
                "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"x\"><rss version=\"0.91\"><channel><title>n</title></channel></rss>"
                    .utf8),
            Data("<rss version=\"0.91\"><channel><title>u</title></channel></rss>".utf8),
            Data("<rss version=\"2.0\"><item><title>r</title></item><channel><title>c</title><item><title>i</title></item></channel></rss>".utf8),
            Data("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://b.example/\"><entry><id>1</id><link href=\"x\"/></entry></feed>".utf8),
        ]
        let shared = FeedParser()
        for round in 0..<3 {
            for (index, document) in documents.enumerated() {
                let reused = try shared.parse(document, source: "t", baseURL: nil)
                let fresh = try FeedParser().parse(document, source: "t", baseURL: nil)
                #expect(reused == fresh, "round \(round), document \(index)")
            }
        }
        #expect(try shared.parse(documents[1], source: "t", baseURL: nil).title == "Мир")
        #expect(try shared.parse(documents[3], source: "t", baseURL: nil).version == "rss091n")
        #expect(try shared.parse(documents[4], source: "t", baseURL: nil).version == "rss091u")
    }

    /// libxml2's push parser refuses to look ahead past 10 MB of input at once; a large feed must not be flagged for it.
    @Test func aFeedLargerThanTenMegabytesIsNotIllFormed() throws {
        let body = String(repeating: "x", count: 6_000)
        let items = (0..<2_000).map { "<item><title>t\($0)</title><description>\(body)</description></item>" }.joined()
        let xml = "<rss version=\"2.0\"><channel><title>big</title>" + items + "</channel></rss>"
        #expect(xml.utf8.count > 10_000_000)
        let feed = try parse(xml)
        // Plain values in the expectations: a failure must not print the 12 MB feed.
        let (bozo, reason, count, lastLength) = (feed.bozo, feed.bozoReason ?? "", feed.items.count, feed.items.last?.summary?.count)
        #expect(!bozo, "\(reason)")
        #expect(count == 2_000)
        #expect(lastLength == 6_000)
    }

    /// The push parser has no nesting limit of its own; ours stops at 256 levels and keeps what it read.
    @Test func nestingDeeperThanTheCapStopsTheParseAndKeepsWhatWasRead() throws {
        let depth = 200_000
        let xml =
            "<rss version=\"2.0\"><channel><title>n</title><item><title>kept</title><description>"
            + String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
            + "</description></item><item><title>after</title></item></channel></rss>"
        let feed = try parse(xml)
        let (bozo, reason, titles) = (feed.bozo, feed.bozoReason ?? "", feed.items.map(\.title))
        #expect(bozo)
        #expect(reason.contains("nest deeper than 256"), "\(reason)")
        #expect(titles == ["kept"])
    }

    /// libxml2 compares each attribute with every earlier one: a feed with an element of 20,000 attributes is refused
    /// before it is parsed, and a large ordinary feed is not.
    @Test func anElementWithThousandsOfAttributesIsRefused() throws {
        let attributes = (0..<20_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let hostile = "<rss version=\"2.0\"><channel><item><title " + attributes + ">x</title></item></channel></rss>"
        #expect {
            _ = try parse(hostile)
        } throws: { error in
            "\(error)".contains("more than 1000 attributes")
        }
        let ordinary =
            "<rss version=\"2.0\"><channel>" + String(repeating: "<item a=\"1\" b='>'><title c=\"=\">t</title></item>", count: 3_000) + "</channel></rss>"
        #expect(try parse(ordinary).items.count == 3_000)
    }

    @Test func oneParserServesManyTasksAtOnce() async throws {
        let parser = FeedParser()
        let results = await withTaskGroup(of: [String?].self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<200).map { round in
                        let xml = "<rss version=\"2.0\"><channel><item><title>t\(task)-\(round)</title></item></channel></rss>"
                        return (try? parser.parse(Data(xml.utf8), source: "t", baseURL: nil))?.items.first?.title
                    }
                }
            }
            return await group.reduce(into: [[String?]]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        for titles in results {
            let task = try #require(titles.first??.split(separator: "-").first)
            #expect(titles == (0..<200).map { "\(task)-\($0)" })
        }
    }
}
