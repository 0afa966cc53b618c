import Configuration
import Foundation
import Testing

/// The `retention:` section and `schedule.jitter`: read when in range, refused with the range named when not.
@Suite struct RetentionConfigTests {
    let loader = ConfigLoader()

    func problems(_ yaml: String) -> [String] {
        do {
            _ = try loader.parse(yaml, file: "test.yaml")
            return []
        } catch {
            guard case .invalid(let problems) = error else { return [] }
            return problems.map(\.description)
        }
    }

    @Test func retentionAgesAreReadAndDefaultToKeepingEverything() throws {
        let plain = try loader.parse("feeds: []\n", file: "test.yaml")
        #expect(plain.retention == RetentionSettings())
        let config = try loader.parse(
            """
            retention:
              article_text: 180d
              versions: 365d
              changes: 90d
              mentions_sentences: 365d
            feeds: []
            """, file: "test.yaml")
        #expect(config.retention.articleText == .seconds(180 * 86_400))
        #expect(config.retention.versions == .seconds(365 * 86_400))
        #expect(config.retention.changes == .seconds(90 * 86_400))
        #expect(config.retention.mentionSentences == .seconds(365 * 86_400))
    }

    @Test func anAgeOutsideItsRangeIsRefusedNamingTheRange() {
        let found = problems("retention:\n  article_text: 1d\n  keep_all: yes\nfeeds: []\n")
        #expect(found.count == 2)
        #expect(found.contains { $0.contains("test.yaml:2: retention.article_text: expected a duration between 7d and 36500d, got \"1d\"") })
        #expect(found.contains { $0.contains("retention.keep_all: unknown key") })
    }

    @Test func jitterIsAShareFromZeroToAHalf() throws {
        #expect(try loader.parse("schedule:\n  jitter: 0.25\nfeeds: []\n", file: "test.yaml").schedule.jitter == 0.25)
        #expect(try loader.parse("feeds: []\n", file: "test.yaml").schedule.jitter == 0.1)
        #expect(problems("schedule:\n  jitter: 2\nfeeds: []\n") == ["test.yaml:2: schedule.jitter: expected a number between 0.0 and 0.5, got \"2\""])
    }
}
