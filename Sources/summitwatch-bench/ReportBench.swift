import ArgumentParser
import Dedup
import Foundation
import Model
import Report
import Store

extension BenchCommand {
    struct ReportBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report",
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
                let clock = ContinuousClock(), start = clock.now
                try SyntheticNewsStore(path: database, articles: articles, days: days, now: now).build()
                print(String(format: "built %d articles over %d days in %.1f s", articles, days, (clock.now - start).seconds))
            }
            let store = try SummitStore(path: database)
            var timings: [(read: Double, render: Double)] = []
            var html = ""
            for _ in 0..<max(runs, 1) {
                let clock = ContinuousClock(), start = clock.now
                let data = try store.reportData(since: now.addingTimeInterval(-86_400), until: now)
                let read = clock.now
                html = ReportPage.render(data, generated: now)
                timings.append(((read - start).seconds, (clock.now - read).seconds))
            }
            let best = timings.min { $0.read + $0.render < $1.read + $1.render }!
            print(String(format: "report over the last 24 h of %d articles: best of %d %.0f ms (store reads %.0f ms + HTML %.0f ms), first run %.0f ms; page %d bytes; store file %.0f MiB",
                         articles, timings.count, (best.read + best.render) * 1000, best.read * 1000, best.render * 1000,
                         (timings[0].read + timings[0].render) * 1000, html.utf8.count, Double(try store.fileSize()) / 1_048_576))
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

    private static let words = "summit talks leaders ceasefire territory guarantees sanctions envoy meeting delegation officials said the of and to in a on for with agreed rejected proposal border prisoners exchange energy grain corridor".split(separator: " ").map(String.init)

    func build() throws {
        let store = try SummitStore(path: path)
        let feeds = try store.syncFeeds((0..<20).map { (name: "feed\($0)", url: "https://site\($0).example/rss") })
        for feed in feeds.prefix(3) {
            _ = try store.recordFetch(feedID: feed.id, outcome: FeedFetchOutcome(status: 503, error: "HTTP 503", errorKind: .http5xx,
                                                                               nextDue: now.addingTimeInterval(1800), fetched: now), events: [])
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
                _ = try store.addSource(articleID: stored.articleID, feedID: other.id, feedName: other.name, url: write.url + "?via=\(other.name)", time: fetched)
            }
            if index % 50 == 10 {
                var edited = write
                edited.text = text.replacingOccurrences(of: "agreed", with: "refused")
                edited.title = (write.title ?? "") + " (updated)"
                edited.fetched = fetched.addingTimeInterval(3600)
                edited.textHash += "-2"
                let diff = WordDiff(old: text, new: edited.text)
                _ = try store.store(edited, as: .newVersion(articleID: stored.articleID, diff: diff.text, diffStats: DiffStats(added: diff.added, removed: diff.removed)),
                                    feedName: feed.name)
            }
        }
    }

    private func article(_ index: Int, text: String, feedID: Int64, fetched: Date, generator: inout SplitMix) -> ArticleWrite {
        // Squaring a uniform draw favours the first names of each pool, as coverage favours a few leaders.
        func pick(_ count: Int) -> Int { let u = Double(generator.next() % 10_000) / 10_000; return Int(u * u * Double(count)) }
        let types: [(EntityType, String, Int)] = [(.person, "Person", 120), (.place, "Place", 80), (.org, "Organisation", 60), (.issue, "issue", 40)]
        var entities: [EntityWrite] = []
        for slot in 0..<5 {
            let (type, prefix, pool) = types[slot % types.count]
            let name = "\(prefix) \(pick(pool))"
            guard !entities.contains(where: { $0.type == type && $0.name == name }) else { continue }
            let mentions = (0..<(1 + Int(generator.next() % 3))).map { MentionWrite(offset: $0 * 40, surface: name, sentence: String(text.prefix(120))) }
            entities.append(EntityWrite(type: type, name: name, origin: .gazetteer, role: type == .person ? "minister" : nil, mentions: mentions))
        }
        let summits = index % 40 == 7 ? [SummitWrite(participants: ["Person \(pick(12))", "Person \(12 + pick(12))"], place: "Place \(pick(10))", date: nil)] : []
        let url = "https://site\(feedID).example/news/\(index)"
        return ArticleWrite(url: url, identityKey: url, canonicalURL: nil, feedID: feedID, guid: nil, title: "Synthetic report \(index) on the talks",
                            byline: nil, siteName: "Site \(feedID)", language: "en", published: fetched, modified: nil, fetched: fetched, text: text,
                            textHash: "synthetic-\(index)", simhashes: (0..<TextFingerprint.simhashCount).map { _ in generator.next() }, words: 82,
                            etag: nil, lastModified: nil, relevant: index % 3 == 0, relevanceScore: Double(generator.next() % 100) / 10,
                            entities: entities, summits: summits)
    }
}
