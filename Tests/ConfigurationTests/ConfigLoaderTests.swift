import Configuration
import Foundation
import Testing

@Suite struct ConfigLoaderTests {
    let loader = ConfigLoader()

    func problems(_ yaml: String) -> [ConfigProblem] {
        do {
            _ = try loader.parse(yaml, file: "test.yaml")
            return []
        } catch {
            guard case .invalid(let problems) = error else { return [] }
            return problems
        }
    }

    @Test func aMinimalConfigGetsDefaultsForEverythingButFeeds() throws {
        let config = try loader.parse("feeds:\n  - name: a\n    url: https://example.org/feed.xml\n", file: "test.yaml")
        #expect(config.feeds == [FeedConfig(name: "a", url: "https://example.org/feed.xml")])
        #expect(config.fetch.concurrency == 16)
        #expect(config.fetch.perHost == 2)
        #expect(config.fetch.maxBody == 10 * 1024 * 1024)
        #expect(config.schedule.interval == .seconds(900))
        #expect(config.recheck.window == .seconds(48 * 3600))
    }

    @Test func aDurationInWordsIsRejectedWithItsLineAndKey() {
        let found = problems("schedule:\n  interval: 15 minutes\nfeeds: []\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.keyPath == "schedule.interval")
        #expect(
            found.first?.description
                == "test.yaml:2: schedule.interval: expected a duration such as 500ms, 30s, 15m, 24h or 7d (between 1s and 30d), got \"15 minutes\"")
    }

    @Test func anUnknownKeyIsRejected() {
        let found = problems("fetch:\n  concurency: 4\nfeeds: []\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.keyPath == "fetch.concurency")
        #expect(found.first?.message.hasPrefix("unknown key; expected one of: concurrency") == true)
    }

    @Test func aDuplicateFeedNameIsRejected() {
        let found = problems(
            """
            feeds:
              - name: wire
                url: https://a.example/rss
              - name: wire
                url: https://b.example/rss
            """)
        #expect(found.map(\.description) == ["test.yaml:4: feeds[1].name: duplicate feed name \"wire\" (first used by feeds[0])"])
    }

    @Test func aFeedURLThatIsNotHTTPIsRejected() {
        let found = problems("feeds:\n  - name: local\n    url: file:///etc/passwd\n  - name: ftp\n    url: ftp://example.org/feed\n")
        #expect(found.map(\.keyPath) == ["feeds[0].url", "feeds[1].url"])
        #expect(found.map(\.line) == [3, 5])
        #expect(found.first?.message == "expected an http:// or https:// URL, got \"file:///etc/passwd\"")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = problems(
            """
            database: x.db
            colour: blue
            fetch:
              max_body: lots
              per_host: -1
            feeds:
              - name: "bad name!"
                url: https://example.org/
              - url: https://example.org/2
            """)
        #expect(found.map(\.keyPath) == ["colour", "fetch.max_body", "fetch.per_host", "feeds[0].name", "feeds[1].name"])
    }

    @Test func missingFeedsAndBrokenYAMLAreReported() {
        #expect(problems("database: x.db\n").map(\.keyPath) == ["feeds"])
        let broken = problems("feeds:\n  - name: [unclosed\n")
        #expect(broken.count == 1)
        #expect(broken.first?.message.hasPrefix("not valid YAML") == true)
        #expect(broken.first?.line != nil)
    }

    @Test func theDemoConfigPasses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Deploy/demo/summitwatch.yaml").standardized.path
        let config = try loader.load(path: path)
        #expect(config.feeds.map(\.name) == ["wire", "europe", "analysis"])
        #expect(config.database.hasSuffix("/.demo/summitwatch.db"))
        #expect(config.database.hasPrefix("/"))
        #expect(config.watchlist.first?.type == .person)
        #expect(config.reportDir?.hasSuffix("/.demo/reports") == true && config.reportDir?.hasPrefix("/") == true)
    }

    @Test(arguments: [("500ms", 500), ("30s", 30_000), ("15m", 900_000), ("24h", 86_400_000), ("7d", 604_800_000)])
    func durationsParse(text: String, milliseconds: Int64) {
        #expect(DurationText.parse(text) == .milliseconds(milliseconds))
    }

    @Test func badDurationsAndSizesDoNotParse() {
        for text in ["15 minutes", "m", "1.5h", "-3s", "", "10"] { #expect(DurationText.parse(text) == nil, "\(text)") }
        #expect(ByteSizeText.parse("512KiB") == 524_288)
        #expect(ByteSizeText.parse("10MiB") == 10_485_760)
        #expect(ByteSizeText.parse("ten") == nil)
    }
}
