import ArgumentParser
import ChangeLog
import Foundation
import Model
import Report
import Store

extension BenchCommand {
    struct ReportBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Time to build the daily report (store reads + HTML) on a synthetic store, and the page's size.")
        @Option(help: "Articles in the synthetic store, spread evenly over --days days ending now.") var articles = 100_000
        @Option(help: "Days the articles span.") var days = 30
        @Option(help: "Database file (built anew unless --reuse).") var database = "/tmp/summitwatch-report-bench.db"
        @Flag(help: "Measure an existing database from an earlier run instead of building one.") var reuse = false
        @Option(help: "Measure this many times; the best and the first are printed.") var runs = 5

        func run() async throws {
            let now = Date()
            if !reuse || !FileManager.default.fileExists(atPath: database) {
                try? FileManager.default.removeItem(atPath: database)
                let clock = ContinuousClock()
                let start = clock.now
                let synthetic = SyntheticStore.weeks(articles: articles, days: days, end: now)
                try synthetic.recordFailingFeeds(in: synthetic.build(at: database))
                print(String(format: "built %d articles over %d days in %.1f s", articles, days, (clock.now - start).seconds))
            }
            let store = try SummitStore(path: database)
            var timings: [(read: Double, render: Double, cpu: Double)] = []
            var html = ""
            for _ in 0..<max(runs, 1) {
                let clock = ContinuousClock()
                let start = clock.now
                var failure: (any Error)?
                let cpu = Measure.cpu {
                    do { html = ReportPage.render(try store.reportData(since: now.addingTimeInterval(-86_400), until: now), generated: now) } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
                timings.append(((clock.now - start).seconds, 0, cpu))
            }
            // The split between reads and HTML, measured once more on its own.
            let clock = ContinuousClock()
            let start = clock.now
            let data = try store.reportData(since: now.addingTimeInterval(-86_400), until: now)
            let read = clock.now
            _ = ReportPage.render(data, generated: now)
            let split = ((read - start).seconds, (clock.now - read).seconds)
            let best = timings.min { $0.read < $1.read }!
            let bestCPU = timings.map(\.cpu).min()!
            print(
                String(
                    format:
                        "report over the last 24 h of %d articles: best of %d runs %.0f ms wall, %.0f ms CPU (first run %.0f ms wall); reads %.0f ms + HTML %.0f ms; page %d bytes; store file %.0f MiB",
                    articles, timings.count, best.read * 1000, bestCPU * 1000, timings[0].read * 1000, split.0 * 1000, split.1 * 1000,
                    html.utf8.count, Double(try store.fileSize()) / 1_048_576))
        }
    }
}

extension SyntheticStore {
    /// Weeks of coverage for the daily report: articles of ~80 words naming five entities, one in five joining an
    /// earlier story, one in seven carried by a second feed, one in fifty edited an hour later, one in forty
    /// reporting a summit; and three feeds failing for two days (`recordFailingFeeds`).
    static func weeks(articles: Int, days: Int, end: Date) -> SyntheticStore {
        SyntheticStore(
            shape: Shape(
                articles: articles, days: days, words: 80, entitiesPerArticle: 5, joinStoryEvery: 5, secondSourceEvery: 7, summitEvery: 40,
                editEvery: 50, seed: 15),
            end: end)
    }

    /// Three feeds worked until two days before `end` and have failed every half hour since, as the change log records.
    func recordFailingFeeds(in store: SummitStore) throws {
        for feed in try store.feedStates().prefix(3) {
            let lastSuccess = end.addingTimeInterval(-2 * 86_400)
            _ = try store.recordFetch(
                feedID: feed.id, outcome: FeedFetchOutcome(status: 200, nextDue: lastSuccess.addingTimeInterval(1800), fetched: lastSuccess), events: [])
            for attempt in 1...96 {
                let time = lastSuccess.addingTimeInterval(Double(attempt) * 1800)
                let error = FeedError(
                    url: feed.url, error: .http5xx, message: "HTTP 503", status: 503, consecutiveFailures: attempt, nextDue: time.addingTimeInterval(1800))
                _ = try store.recordFetch(
                    feedID: feed.id,
                    outcome: FeedFetchOutcome(
                        status: 503, error: "HTTP 503", errorKind: .http5xx,
                        nextDue: time.addingTimeInterval(1800), fetched: time),
                    events: [ChangeEvent(time: time, feed: feed.name, .feedError(error))])
            }
        }
    }
}
