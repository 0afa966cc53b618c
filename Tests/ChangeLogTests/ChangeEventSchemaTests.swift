import ChangeLog
import Foundation
import Model
import Testing

/// Every kind of change event against the exact line the change log gets for it: the schema, by example.
@Suite struct ChangeEventSchemaTests {
    static let time = Date(timeIntervalSince1970: 1_755_302_399)  // 2025-08-15T23:59:59Z
    static let due = Date(timeIntervalSince1970: 1_755_303_299)  // 2025-08-16T00:14:59Z

    static let examples: [(ChangeEvent.Payload, String)] = [
        (
            .articleNew(ArticleNew(article: 3, story: 2, url: "https://x.example/a", title: "Leaders meet", words: 120)),
            #"{"article":3,"feed":"wire","id":7,"kind":"article.new","story":2,"time":"2025-08-15T23:59:59Z","title":"Leaders meet","url":"https://x.example/a","words":120}"#
        ),
        (
            .articleUpdated(
                ArticleUpdated(article: 3, story: 2, url: "https://x.example/a", title: nil, version: 2, added: 4, removed: 1, diff: "[-a-] {+b+}")),
            #"{"added":4,"article":3,"diff":"[-a-] {+b+}","feed":"wire","id":7,"kind":"article.updated","removed":1,"story":2,"time":"2025-08-15T23:59:59Z","title":null,"url":"https://x.example/a","version":2}"#
        ),
        (
            .articleDuplicate(ArticleDuplicate(article: 3, story: nil, url: "https://y.example/b?x=1", title: "T", match: .canonical)),
            #"{"article":3,"feed":"wire","id":7,"kind":"article.duplicate","match":"canonical","story":null,"time":"2025-08-15T23:59:59Z","title":"T","url":"https://y.example/b?x=1"}"#
        ),
        (
            .feedError(FeedError(url: "https://x.example/rss", error: .http5xx, message: "HTTP 503", status: 503, consecutiveFailures: 2, nextDue: due)),
            #"{"consecutive_failures":2,"error":"http_5xx","feed":"wire","id":7,"kind":"feed.error","message":"HTTP 503","next_due":"2025-08-16T00:14:59Z","status":503,"time":"2025-08-15T23:59:59Z","url":"https://x.example/rss"}"#
        ),
        (
            .feedError(FeedError(url: "https://x.example/rss", error: .parse, message: "no feed")),
            #"{"consecutive_failures":null,"error":"parse","feed":"wire","id":7,"kind":"feed.error","message":"no feed","next_due":null,"status":null,"time":"2025-08-15T23:59:59Z","url":"https://x.example/rss"}"#
        ),
        (
            .feedRecovered(FeedRecovered(url: "https://x.example/rss", afterFailures: 3)),
            #"{"after_failures":3,"feed":"wire","id":7,"kind":"feed.recovered","time":"2025-08-15T23:59:59Z","url":"https://x.example/rss"}"#
        ),
        (
            .feedMoved(FeedMoved(from: "http://x.example/rss", to: "https://x.example/rss")),
            #"{"feed":"wire","from":"http://x.example/rss","id":7,"kind":"feed.moved","time":"2025-08-15T23:59:59Z","to":"https://x.example/rss"}"#
        ),
        (
            .entityFirstSeen(EntityFirstSeen(article: 3, entity: 11, type: .person, name: "Steve Witkoff", origin: .watchlist)),
            #"{"article":3,"entity":11,"feed":"wire","id":7,"kind":"entity.first_seen","name":"Steve Witkoff","origin":"watchlist","time":"2025-08-15T23:59:59Z","type":"PERSON"}"#
        ),
        (
            .summitDetected(SummitDetected(article: 3, summit: 5, participants: ["Donald Trump", "Vladimir Putin"], place: "Anchorage", date: "2025-08-15")),
            #"{"article":3,"date":"2025-08-15","feed":"wire","id":7,"kind":"summit.detected","participants":["Donald Trump","Vladimir Putin"],"place":"Anchorage","summit":5,"time":"2025-08-15T23:59:59Z"}"#
        ),
    ]

    @Test func everyKindHasAnExample() {
        let covered = Set(Self.examples.map { ChangeEvent(time: Self.time, feed: nil, $0.0).kind })
        #expect(covered == Set(ChangeEvent.Kind.allCases))
    }

    @Test(arguments: examples.indices)
    func eachKindWritesItsExampleLine(index: Int) throws {
        let (payload, expected) = Self.examples[index]
        let event = ChangeEvent(id: 7, time: Self.time, feed: "wire", payload)
        #expect(event.line == expected)
        // And the line is one whole JSON object whose kind is the event's.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(event.line.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == event.kind.rawValue)
        #expect(!event.line.contains("\n"))
    }

    @Test func controlCharactersInTextStayInsideTheLine() {
        let title = "Break\nhere\r\u{1B}[2J\u{2028}"
        let event = ChangeEvent(
            id: 1, time: Self.time, feed: "wire",
            .articleNew(ArticleNew(article: 1, story: 1, url: "https://x.example/a", title: title, words: 1)))
        #expect(!event.line.contains("\n") && !event.line.contains("\r") && !event.line.contains("\u{1B}"))
        let object = try? JSONSerialization.jsonObject(with: Data(event.line.utf8)) as? [String: Any]
        #expect(object?["title"] as? String == title)
    }
}
