import Configuration
import Foundation
import Testing

/// Values an attacker (or a typo) put in a config that passed `config check` and then trapped every cycle:
/// every number now has a range, and the error names it.
@Suite struct ConfigRangeTests {
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

    @Test func theValuesThatCrashedEveryCycleAreRefusedWithTheirRange() {
        let found = problems(
            """
            fetch:
              timeout: 9223372036854775807ms
            recheck:
              per_cycle: 4611686018427387904
            feeds: []
            """)
        #expect(
            found.map(\.description) == [
                "test.yaml:2: fetch.timeout: expected a duration between 1s and 1h, got \"9223372036854775807ms\"",
                "test.yaml:4: recheck.per_cycle: expected a whole number between 1 and 100000, got \"4611686018427387904\"",
            ])
    }

    @Test(arguments: [
        ("fetch:\n  concurrency: 100000\n", "fetch.concurrency", "between 1 and 1024"),
        ("fetch:\n  per_host: 0\n", "fetch.per_host", "between 1 and 64"),
        ("fetch:\n  connect_timeout: 1ms\n", "fetch.connect_timeout", "between 100ms and 5m"),
        ("fetch:\n  max_body: 2GiB\n", "fetch.max_body", "between 1KiB and 1GiB"),
        ("fetch:\n  low_speed_limit: 1000000000\n", "fetch.low_speed_limit", "between 1 and 100000000"),
        ("fetch:\n  low_speed_time: 2h\n", "fetch.low_speed_time", "between 1s and 1h"),
        ("fetch:\n  max_items_per_feed: 0\n", "fetch.max_items_per_feed", "between 1 and 100000"),
        ("fetch:\n  max_pages_per_cycle: 9999999999\n", "fetch.max_pages_per_cycle", "between 1 and 1000000"),
        ("schedule:\n  interval: 999999d\n", "schedule.interval", "between 1s and 30d"),
        ("schedule:\n  min_interval: 31d\n", "schedule.min_interval", "between 1s and 30d"),
        ("schedule:\n  max_backoff: 9223372036854775807ms\n", "schedule.max_backoff", "between 1s and 365d"),
        ("recheck:\n  window: 400d\n", "recheck.window", "between 1s and 365d"),
    ])
    func everyNumberHasARangeAndTheErrorSaysIt(yaml: String, keyPath: String, range: String) {
        let found = problems(yaml + "feeds: []\n")
        #expect(found.map(\.keyPath) == [keyPath])
        #expect(found.first?.message.contains(range) == true, "\(found)")
    }

    @Test func aFeedIntervalOutsideItsRangeIsRefused() {
        let found = problems("feeds:\n  - name: a\n    url: https://a.example/rss\n    interval: 0ms\n")
        #expect(found.map(\.keyPath) == ["feeds[0].interval"])
        #expect(found.first?.message.contains("between 1s and 30d") == true)
    }

    @Test func valuesAtTheEdgesOfTheirRangesPass() throws {
        let config = try loader.parse(
            """
            fetch:
              concurrency: 1024
              timeout: 1h
              max_body: 1GiB
              max_items_per_feed: 100000
              max_pages_per_cycle: 1
            recheck:
              per_cycle: 100000
              window: 365d
            feeds: []
            """, file: "test.yaml")
        #expect(config.fetch.timeout == .seconds(3_600))
        #expect(config.fetch.maxPagesPerCycle == 1)
        #expect(config.recheck.perCycle == 100_000)
    }

    @Test(arguments: [
        "https://a.example/feed .xml", "https://a.example/\tfeed.xml", "https://a.example/feed.xml\r\nX-Injected: 1",
        "https://a.example/feed\u{0B}.xml", "https://a.example/feed\u{00A0}.xml",
    ])
    func aFeedURLWithWhitespaceOrControlCharactersIsRefused(url: String) {
        let quoted = url.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\u{0B}", with: "\\v").replacingOccurrences(of: "\u{00A0}", with: "\\_")
        let found = problems("feeds:\n  - name: a\n    url: \"\(quoted)\"\n")
        #expect(found.map(\.keyPath) == ["feeds[0].url"])
        #expect(found.first?.message.hasPrefix("a feed URL may not contain spaces, tabs, line breaks or control characters") == true, "\(found)")
    }

    @Test func aDuplicateKeyNamesTheKeyAndItsLineNotTheWholeFile() {
        let filler = (0..<200).map { "# filler comment line \($0) that must not be printed back" }.joined(separator: "\n")
        let found = problems("\(filler)\nfetch:\n  timeout: 5s\n  timeout: 6s\nfeeds: []\n")
        #expect(found.count == 1)
        let text = found.first?.description ?? ""
        #expect(text.contains("duplicate key(s) 'timeout'"), "\(text)")
        #expect(!text.contains("filler comment"), "the error quotes the whole file")
        #expect(text.count < 300, "\(text.count) characters: \(text)")
        #expect(found.first?.line != nil)
    }
}
