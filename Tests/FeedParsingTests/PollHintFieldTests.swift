import FeedParsing
import Foundation
import Testing

/// The channel's own word on how often to poll it: RSS `<ttl>` and the syndication module.
@Suite struct PollHintFieldTests {
    func parse(_ text: String) throws -> ParsedFeed {
        try FeedParser().parse(Data(text.utf8), source: "test", baseURL: "https://news.example/feed", contentType: nil)
    }

    @Test func rssTTLIsReadFromTheChannelOnly() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><title>t</title><ttl> 60 </ttl><item><title>i</title><ttl>5</ttl></item></channel></rss>")
        #expect(feed.ttlMinutes == 60)
        #expect(feed.items.count == 1)
    }

    @Test func theSyndicationModuleIsReadInRSS1AndRSS2() throws {
        let rss1 = try parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
              xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
            <channel rdf:about="https://news.example/"><title>t</title><sy:updatePeriod>Hourly</sy:updatePeriod>
            <sy:updateFrequency>2</sy:updateFrequency></channel></rdf:RDF>
            """)
        #expect(rss1.updatePeriod == "hourly")
        #expect(rss1.updateFrequency == 2)
        let rss2 = try parse(
            """
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>
            <sy:updatePeriod>daily</sy:updatePeriod></channel></rss>
            """)
        #expect(rss2.updatePeriod == "daily")
        #expect(rss2.updateFrequency == nil)
        #expect(rss2.ttlMinutes == nil)
    }

    @Test func anElementOfAnotherNamespaceNamedLikeOneIsIgnored() throws {
        let feed = try parse("<rss version=\"2.0\" xmlns:x=\"urn:other\"><channel><title>t</title><x:updatePeriod>daily</x:updatePeriod></channel></rss>")
        #expect(feed.updatePeriod == nil)
    }
}
