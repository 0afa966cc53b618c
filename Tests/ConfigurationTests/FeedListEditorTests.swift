import Configuration
import Testing

@Suite struct FeedListEditorTests {
    let new = [
        FeedListEditor.NewFeed(name: "kyiv-independent", url: "https://kyiv.example/rss", tags: ["ukraine", "news"]),
        FeedListEditor.NewFeed(name: "tass", url: "https://tass.example/rss?lang=en&x=\"1\""),
    ]

    @Test func newFeedsGoAtTheEndOfTheListAndEverythingElseStaysAsWritten() throws {
        let text = """
            # production config
            database: /var/lib/summitwatch/db.sqlite
            feeds:
                - name: wire   # the agency feed
                  url: https://wire.example/rss
                  tags: [wire]

                # kept for the record
                - name: europe
                  url: https://europe.example/atom

            # people we follow
            watchlist:
              - name: Steve Witkoff
                type: PERSON

            """
        let edited = try FeedListEditor.adding(new, to: text, file: "c.yaml")
        #expect(
            edited == """
                # production config
                database: /var/lib/summitwatch/db.sqlite
                feeds:
                    - name: wire   # the agency feed
                      url: https://wire.example/rss
                      tags: [wire]

                    # kept for the record
                    - name: europe
                      url: https://europe.example/atom
                    - name: "kyiv-independent"
                      url: "https://kyiv.example/rss"
                      tags: ["ukraine", "news"]
                    - name: "tass"
                      url: "https://tass.example/rss?lang=en&x=\\"1\\""

                # people we follow
                watchlist:
                  - name: Steve Witkoff
                    type: PERSON

                """)
        let config = try ConfigLoader().parse(edited, file: "c.yaml")
        #expect(
            config.feeds.map(\.url) == [
                "https://wire.example/rss", "https://europe.example/atom", "https://kyiv.example/rss", "https://tass.example/rss?lang=en&x=\"1\"",
            ])
        #expect(config.feeds[2].tags == ["ukraine", "news"])
        #expect(config.watchlist.count == 1)
    }

    @Test func aConfigWithoutFeedsOrWithAnEmptyListGetsOne() throws {
        for text in ["database: ./s.db\n", "database: ./s.db\nfeeds: []\nschedule:\n  interval: 5m\n", "feeds:\nschedule:\n  interval: 5m\n"] {
            let edited = try FeedListEditor.adding(new, to: text, file: "c.yaml")
            let config = try ConfigLoader().parse(edited, file: "c.yaml")
            #expect(config.feeds.map(\.name) == ["kyiv-independent", "tass"], "\(text)")
        }
    }

    @Test func aFlowListOrABrokenConfigIsNotEdited() {
        #expect(throws: ConfigError.self) {
            try FeedListEditor.adding(new, to: "feeds: [{name: a, url: \"https://a.example/rss\"}]\n", file: "c.yaml")
        }
        #expect(throws: ConfigError.self) {
            try FeedListEditor.adding(new, to: "schedule:\n  interval: 15 minutes\n", file: "c.yaml")
        }
    }
}
