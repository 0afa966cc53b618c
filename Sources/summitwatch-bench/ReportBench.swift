import ArgumentParser
import ChangeLog
import Dedup
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
                try SyntheticNewsStore(path: database, articles: articles, days: days, now: now).build()
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

/// A store that looks like months of summit coverage, written through the store's public write API: twenty feeds
/// (three failing), articles of ~80 words naming five entities each, one in five joining an earlier story, one in
/// seven carried by a second feed, one in fifty edited an hour later, one in forty reporting a summit.
struct SyntheticNewsStore {
    let path: String
    let articles: Int
    let days: Int
    let now: Date

    private static let words =
        "summit talks leaders ceasefire territory guarantees sanctions envoy meeting delegation officials said the of and to in a on for with agreed rejected proposal border prisoners exchange energy grain corridor"
        .split(separator: " ").map(String.init)

    func build() throws {
        let store = try SummitStore(path: path)
        let feeds = try store.syncFeeds((0..<20).map { (name: "feed\($0)", url: "https://site\($0).example/rss") })
        // Three feeds worked until two days ago and have failed every half hour since, as the change log records.
        for feed in feeds.prefix(3) {
            let lastSuccess = now.addingTimeInterval(-2 * 86_400)
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
        var generator = SplitMix(seed: 15)
        let span = Double(days) * 86_400
        var previous: (id: Int64, story: Int64)?
        for index in 0..<articles {
            let fetched = now.addingTimeInterval(-span + span * Double(index) / Double(articles))
            let feed = feeds[Int(generator.next() % UInt64(feeds.count))]
            let text = (0..<80).map { _ in Self.words[Int(generator.next() % UInt64(Self.words.count))] }.joined(separator: " ") + " number \(index)."
            let write = article(index, text: text, feedID: feed.id, fetched: fetched, generator: &generator)
            let joining = index % 5 == 4 ? previous?.story : nil
            let stored = try store.store(write, as: .new(joiningStory: joining), feedName: feed.name)
            let story = try joining ?? store.articleIdentity(id: stored.articleID)?.storyID ?? 0
            previous = (stored.articleID, story)
            if index % 7 == 3 {
                let other = feeds[(Int(feed.id) + 1) % feeds.count]
                _ = try store.addSource(
                    articleID: stored.articleID, feedID: other.id, feedName: other.name, url: write.url + "?via=\(other.name)", time: fetched)
            }
            if index % 50 == 10 {
                var edited = write
                edited.text = text.replacingOccurrences(of: "agreed", with: "refused")
                edited.title = (write.title ?? "") + " (updated)"
                edited.fetched = fetched.addingTimeInterval(3600)
                edited.textHash += "-2"
                let diff = WordDiff(old: text, new: edited.text)
                _ = try store.store(
                    edited, as: .newVersion(articleID: stored.articleID, diff: diff.text, diffStats: DiffStats(added: diff.added, removed: diff.removed)),
                    feedName: feed.name)
            }
        }
    }

    private func article(_ index: Int, text: String, feedID: Int64, fetched: Date, generator: inout SplitMix) -> ArticleWrite {
        // Squaring a uniform draw favours the first names of each pool, as coverage favours a few leaders.
        func pick(_ count: Int) -> Int {
            let u = Double(generator.next() % 10_000) / 10_000
            return Int(u * u * Double(count))
        }
        let types: [(EntityType, String, Int)] = [(.person, "Person", 120), (.place, "Place", 80), (.org, "Organisation", 60), (.issue, "issue", 40)]
        var entities: [EntityWrite] = []
        for slot in 0..<5 {
            let (type, prefix, pool) = types[slot % types.count]
            let name = "\(prefix) \(pick(pool))"
            guard !entities.contains(where: { $0.type == type && $0.name == name }) else { continue }
            let mentions = (0..<(1 + Int(generator.next() % 3))).map { MentionWrite(offset: $0 * 40, surface: name, sentence: String(text.prefix(120))) }
            entities.append(EntityWrite(type: type, name: name, origin: .gazetteer, role: type == .person ? "minister" : nil, mentions: mentions))
        }
        let summits =
            index % 40 == 7 ? [SummitWrite(participants: ["Person \(pick(12))", "Person \(12 + pick(12))"], place: "Place \(pick(10))", date: nil)] : []
        let url = "https://site\(feedID).example/news/\(index)"
        return ArticleWrite(
            url: url, identityKey: url, canonicalURL: nil, feedID: feedID, title: "Synthetic report \(index) on the talks",
            byline: nil, siteName: "Site \(feedID)", language: "en", published: fetched, modified: nil, fetched: fetched, text: text,
            textHash: "synthetic-\(index)", simhashes: (0..<TextFingerprint.simhashCount).map { _ in generator.next() }, words: 82,
            etag: nil, lastModified: nil, relevant: index % 3 == 0, relevanceScore: Double(generator.next() % 100) / 10,
            entities: entities, summits: summits)
    }
}
