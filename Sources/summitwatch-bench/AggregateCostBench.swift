import ArgumentParser
import BenchSupport
import Foundation
import Store

/// What the triggers keeping `entity_pairs` and `entity_days` cost at ingest: the same synthetic year written
/// into a store with them and into one without, alternately, in one run (this VM's speed drifts).
struct AggregateCostBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate-cost", abstract: "Ingest time and store size with and without the query-aggregate triggers.")
    @Option(help: "Articles written into each store (the query-latency year's shape).") var articles = 5_000
    @Option(help: "Rounds; the fastest of each kind is kept.") var runs = 2
    @Option(help: "Folder for the two stores (removed after).") var folder = "/tmp/summitwatch-aggregate-cost"

    func run() async throws {
        var best: [Bool: (seconds: Double, bytes: Int)] = [:]
        for _ in 0..<max(runs, 1) {
            for withTriggers in [true, false] {
                let measured = try build(withTriggers: withTriggers)
                if measured.seconds < best[withTriggers]?.seconds ?? .infinity { best[withTriggers] = measured }
            }
        }
        let with = best[true]!
        let without = best[false]!
        print(
            String(
                format: "%d articles × 10 entities: with aggregate triggers %.2f ms/article, without %.2f ms/article (× %.2f); store %.1f MiB vs %.1f MiB",
                articles, with.seconds * 1000 / Double(articles), without.seconds * 1000 / Double(articles), with.seconds / without.seconds,
                Double(with.bytes) / 1_048_576, Double(without.bytes) / 1_048_576))
    }

    private func build(withTriggers: Bool) throws -> (seconds: Double, bytes: Int) {
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/summitwatch.db"
        _ = try SummitStore(path: path)
        if !withTriggers { try AggregateTriggers.drop(path: path) }
        let clock = ContinuousClock()
        let start = clock.now
        let store = try SyntheticStore.year(articles: articles).build(at: path)
        let seconds = (clock.now - start).seconds
        return (seconds, try store.fileSize())
    }
}
