import ArgumentParser
import Dedup
import Foundation
import Model
import Store

/// A store with a year of synthetic history (articles of 600 words with entities, a second version for one in
/// five, every change marked written to the log), to measure what `summitwatch maintain` gives back.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Write a store holding DAYS of synthetic history, dated back from now (for measuring retention and maintain).")
    @Option(help: "Database file to create (removed first).") var database = "/tmp/summitwatch-history.db"
    @Option var days = 365
    @Option(help: "New articles a day.") var perDay = 60

    func run() async throws {
        try? FileManager.default.removeItem(atPath: database)
        let store = try SummitStore(path: database)
        let feed = try store.syncFeeds([("history", "https://history.example/rss")])[0].id
        var generator = SplitMix(seed: 11)
        let vocabulary =
            "summit talks leaders ceasefire territory guarantees sanctions envoy meeting delegation Alaska Geneva Kremlin Washington Kyiv Moscow officials said the of and to in a on for with"
            .split(separator: " ").map(String.init)
        let now = Date()
        for day in 0..<days {
            let fetched = now.addingTimeInterval(-Double(days - day) * 86_400)
            for index in 0..<perDay {
                let serial = day * perDay + index
                let text = (0..<600).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(separator: " ") + " \(serial)"
                let write = Self.article(serial: serial, text: text, feed: feed, fetched: fetched)
                let (id, lines) = try store.store(write, as: .new(joiningStory: nil), feedName: "history")
                try store.markLogged(lines)
                if index % 5 == 0 {
                    var edited = Self.article(serial: serial, text: text + " Updated with a correction.", feed: feed, fetched: fetched.addingTimeInterval(3600))
                    edited.entities = []
                    let (_, more) = try store.store(
                        edited, as: .newVersion(articleID: id, diff: "+ Updated with a correction.", diffStats: DiffStats(added: 4, removed: 0)),
                        feedName: "history")
                    try store.markLogged(more)
                }
            }
        }
        let statistics = try store.statistics()
        print(
            "history: \(days) days × \(perDay) articles → \(statistics.bytes) bytes; "
                + statistics.rows.map { "\($0.table) \($0.count)" }.joined(separator: ", "))
    }

    static func article(serial: Int, text: String, feed: Int64, fetched: Date) -> ArticleWrite {
        let fingerprint = TextFingerprint(text: text)
        let entities = (0..<12).map { entity in
            EntityWrite(
                type: .person, name: "Person \(entity)", origin: .gazetteer,
                mentions: (0..<3).map { MentionWrite(offset: $0 * 100, surface: "Person", sentence: String(text.prefix(160))) })
        }
        return ArticleWrite(
            url: "https://history.example/\(serial)", identityKey: "https://history.example/\(serial)", canonicalURL: nil, feedID: feed,
            title: "Article \(serial)", byline: nil, siteName: nil, language: "en", published: fetched, modified: nil,
            fetched: fetched, text: text, textHash: fingerprint.exactHash, simhashes: fingerprint.simhashes, words: 601,
            etag: nil, lastModified: nil, relevant: true, relevanceScore: 3, entities: entities, summits: [])
    }
}
