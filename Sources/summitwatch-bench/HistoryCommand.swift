import ArgumentParser
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
        let store = try SyntheticStore.history(days: days, perDay: perDay).build(at: database)
        let statistics = try store.statistics()
        print(
            "history: \(days) days × \(perDay) articles → \(statistics.bytes) bytes; "
                + statistics.rows.map { "\($0.table) \($0.count)" }.joined(separator: ", "))
    }
}

extension SyntheticStore {
    /// Long articles (600 words, twelve entities) from one feed, one in five given a second version that names
    /// no entity, every change marked written to the log: the bulk retention and `maintain` work on.
    static func history(days: Int, perDay: Int) -> SyntheticStore {
        SyntheticStore(
            shape: Shape(
                articles: days * perDay, days: days, words: 600, entitiesPerArticle: 12, feeds: 1, editEvery: 5, editDropsEntities: true,
                markLogged: true))
    }
}
