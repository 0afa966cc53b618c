import ArgumentParser
import ArticleExtraction
import BenchSupport
import Configuration
import Dedup
import Entities
import FeedParsing
import Fetching
import Foundation
import Model
import Pipeline
import Store

/// Release-build benchmarks (`swift run -c release summitwatch-bench …`): what the issues ask to be measured,
/// printed as plain figures. Not tests: nothing here asserts.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summitwatch-bench", abstract: "SummitWatch benchmarks (release build).",
        subcommands: [
            Extract.self, Feeds.self, EntitiesBench.self, DedupBench.self, Fetch.self, QueryLatency.self, ReportBench.self, HistoryCommand.self,
            AggregateCostBench.self, PipelineBench.self,
        ])

    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract", abstract: "Article extraction: CPU ms/page beside a plain libxml2 parse + text walk.")
        @Argument(help: "Folder of .html pages.") var folder: String
        @Option(name: .customLong("repeat")) var rounds: Int = 5
        @Option(help: "Measure this many times and keep the fastest (this VM's speed drifts).") var runs: Int = 5

        func run() throws {
            let pages = try Pages.load(folder, suffix: ".html")
            var sink = 0
            let extractor = ArticleExtractor()
            var baseline = Double.infinity
            var extraction = Double.infinity
            for _ in 0..<max(runs, 1) {
                baseline = min(baseline, Measure.cpu { for _ in 0..<self.rounds { for page in pages { sink &+= ParseBaseline.parseAndWalk(page) } } })
                extraction = min(
                    extraction, Measure.cpu { for _ in 0..<self.rounds { for page in pages { sink &+= (try? extractor.extract(page, url: nil))?.words ?? 0 } } }
                )
            }
            let count = Double(pages.count * self.rounds)
            print(
                String(
                    format:
                        "pages %d × %d, best of %d runs  libxml2 parse+walk %.2f ms/page  extraction %.2f ms/page (%.1f× the parse)  peak RSS %.0f MiB  [%d]",
                    pages.count, self.rounds, runs, baseline * 1000 / count, extraction * 1000 / count, extraction / baseline, Measure.peakRSSMiB(), sink % 10))
        }
    }

    struct Feeds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "feeds", abstract: "Feed parsing throughput over a folder of feeds.")
        @Argument(help: "Folder of .xml feeds.") var folder: String
        @Option(name: .customLong("repeat")) var rounds: Int = 100
        @Flag(help: "Skip the libxml2 yardsticks (for profiling our parser alone).") var oursOnly = false
        @Flag(help: "Instead of timing, check that one parser reused over every file (shuffled, twice) gives what a fresh parser gives.")
        var checkReuse = false

        func run() throws {
            let feeds = try Pages.load(folder, suffix: ".xml")
            if checkReuse { return Self.checkReuse(feeds) }
            let bytes = feeds.reduce(0) { $0 + $1.count }
            var sink = 0
            let parser = FeedParser()
            let seconds = Measure.bestCPU(of: 3) {
                for _ in 0..<self.rounds {
                    for feed in feeds { sink &+= (try? parser.parse(feed, source: "bench", baseURL: "http://example.com/"))?.items.count ?? 0 }
                }
            }
            let megabytes = Double(bytes * self.rounds) / 1_048_576
            if !oursOnly {
                let tree = Measure.cpu { for _ in 0..<self.rounds { for feed in feeds { sink &+= FeedParseBaseline.parse(feed) } } }
                let scan = Measure.cpu { for _ in 0..<self.rounds { for feed in feeds { sink &+= FeedParseBaseline.scan(feed) } } }
                print(String(format: "  libxml2 alone: tree build+free %.1f MB/s, SAX scan building nothing %.1f MB/s", megabytes / tree, megabytes / scan))
            }
            print(
                String(
                    format: "feeds %d (%.1f KiB) × %d  %.3f s CPU  %.1f MB/s  %.0f feeds/s  peak RSS %.0f MiB  [%d]",
                    feeds.count, Double(bytes) / 1024, self.rounds, seconds, megabytes / seconds, Double(feeds.count * self.rounds) / seconds,
                    Measure.peakRSSMiB(), sink % 10))
        }

        /// Pooled contexts and handlers must carry nothing from one document to the next.
        static func checkReuse(_ feeds: [Data]) {
            func outcome(_ parser: FeedParser, _ feed: Data) -> String {
                do { return String(describing: try parser.parse(feed, source: "check", baseURL: "http://example.com/")) } catch { return "error: \(error)" }
            }
            let fresh = feeds.map { outcome(FeedParser(), $0) }
            let shared = FeedParser()
            var random = SplitMix(seed: 42)
            var mismatches = 0
            for pass in 0..<2 {
                for index in feeds.indices.shuffled(using: &random) where outcome(shared, feeds[index]) != fresh[index] {
                    mismatches += 1
                    print("pass \(pass): file #\(index) differs when the parser is reused")
                }
            }
            print("reuse check: \(feeds.count) files × 2 passes, \(mismatches) mismatches")
        }
    }

    struct EntitiesBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "entities", abstract: "Entity extraction alone, one core: articles/s.")
        @Argument(help: "Folder of .html pages (their text is extracted first, untimed).") var folder: String
        @Option(name: .customLong("repeat")) var rounds: Int = 50

        func run() throws {
            let pages = try Pages.load(folder, suffix: ".html")
            let articles = pages.compactMap { try? ArticleExtractor().extract($0, url: nil) }
            let extractor = EntityExtractor(gazetteer: try Gazetteer.load())
            var sink = 0
            let seconds = Measure.bestCPU(of: 3) {
                for _ in 0..<self.rounds { for article in articles { sink &+= extractor.extract(title: article.title, text: article.text).entities.count } }
            }
            let words = articles.reduce(0) { $0 + $1.words }
            let count = Double(articles.count * self.rounds)
            print(
                String(
                    format: "articles %d (mean %d words) × %d  %.3f s CPU  %.0f articles/s  %.2f ms/article  [%d]",
                    articles.count, words / max(articles.count, 1), self.rounds, seconds, count / seconds, seconds * 1000 / count, sink % 10))
        }
    }

    struct DedupBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dedup", abstract: "Near-duplicate lookup time as the store grows, and store size per article.")
        @Option(help: "Database file to create (removed first).") var database = "/tmp/summitwatch-bench.db"
        @Option(help: "Store sizes to measure at.") var sizes: String = "10000,100000,1000000"
        @Option var lookups: Int = 2000
        @Flag(help: "Only measure the store size per realistic article.") var onlySize = false

        func run() async throws {
            if onlySize { return try await realisticSize() }
            try? FileManager.default.removeItem(atPath: database)
            let store = try SummitStore(path: database)
            let feed = try store.syncFeeds([("bench", "https://bench.example/rss")])[0].id
            var generator = SplitMix(seed: 42)
            var inserted = 0
            var stored: [[UInt64]] = []
            for target in sizes.split(separator: ",").compactMap({ Int($0) }) {
                let clock = ContinuousClock()
                let start = clock.now
                while inserted < target {
                    let batch = (0..<min(50_000, target - inserted)).map { _ in (0..<TextFingerprint.simhashCount).map { _ in generator.next() } }
                    _ = try SyntheticFingerprints.insert(batch, feedID: feed, into: store)
                    stored.append(contentsOf: batch.prefix(100))
                    inserted += batch.count
                }
                let insertSeconds = (clock.now - start).seconds
                // Half the probes are near a stored fingerprint (2 bits flipped), half are random.
                var found = 0
                let probes: [[UInt64]] = (0..<lookups).map { index in
                    if index % 2 == 0, let near = stored.randomElement(using: &generator) { return near.map { $0 ^ 0b101 } }
                    return (0..<TextFingerprint.simhashCount).map { _ in generator.next() }
                }
                let lookupStart = clock.now
                for probe in probes { found += try store.nearDuplicates(of: probe).count }
                let perLookup = (clock.now - lookupStart).seconds / Double(lookups)
                print(
                    String(
                        format: "articles %8d  lookup %.3f ms (mean of %d, %d found)  inserting took %.1f s", inserted, perLookup * 1000, lookups, found,
                        insertSeconds))
            }
            print(
                String(format: "synthetic store: %.0f bytes per article (fingerprints, bands, minimal rows)", Double(try store.fileSize()) / Double(inserted)))
            try await realisticSize()
        }

        /// Store size per article with real-looking articles: those of `history` (600 words, twelve entities, FTS), unedited.
        private func realisticSize() async throws {
            let path = database + ".realistic"
            try? FileManager.default.removeItem(atPath: path)
            let count = 2000
            var shape = SyntheticStore.history(days: 1, perDay: count).shape
            (shape.editEvery, shape.markLogged) = (nil, false)
            let store = try SyntheticStore(shape: shape).build(at: path)
            let size = try store.fileSize()
            let textBytes = try (1...Int64(count)).reduce(0) { $0 + (try store.article(id: $1)?.text.utf8.count ?? 0) }
            print(
                String(
                    format: "realistic store: %d articles of 600 words with 12 entities × 1-3 mentions: %.1f KiB per article (text itself %.1f KiB)",
                    count, Double(size) / Double(count) / 1024, Double(textBytes) / Double(count) / 1024))
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fetch", abstract: "Fetch every URL of a list over the libcurl multi engine.")
        @Option(help: "File with one URL per line.") var urls: String
        @Option var concurrency: Int = 32
        @Option var perHost: Int = 32

        func run() async throws {
            let list = try String(contentsOfFile: urls, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            var options = PipelineContext.fetchOptions(FetchSettings())  // the config's defaults, then the bench's own
            (options.concurrency, options.perHost, options.allowPrivate, options.userAgent) = (concurrency, perHost, true, "summitwatch-bench")
            let fetcher = HTTPFetcher(options: options)
            let clock = ContinuousClock()
            let cpuStart = Measure.processCPU()
            let start = clock.now
            let outcomes = await withTaskGroup(of: Result<FetchedDocument, FetchError>.self) { group in
                for url in list { group.addTask { await fetcher.fetch(FetchRequest(url: url, purpose: .page)) } }
                return await group.reduce(into: [Result<FetchedDocument, FetchError>]()) { $0.append($1) }
            }
            let results = outcomes.map { (try? $0.get().body.count) ?? -1 }
            var errors: [String: Int] = [:]
            for case .failure(let error) in outcomes { errors["\(error.kind.rawValue): \(error.message)", default: 0] += 1 }
            for (error, count) in errors.sorted(by: { $0.value > $1.value }).prefix(3) { print("  \(count)× \(error)") }
            let wall = (clock.now - start).seconds
            let cpu = Measure.processCPU() - cpuStart
            fetcher.shutdown()
            let failures = results.filter { $0 < 0 }.count
            let bytes = results.filter { $0 > 0 }.reduce(0, +)
            print(
                String(
                    format: "documents %d (%d failed, %.1f MiB)  wall %.2f s  %.0f documents/s  CPU %.2f s  peak RSS %.1f MiB",
                    list.count, failures, Double(bytes) / 1_048_576, wall, Double(list.count) / wall, cpu, Measure.peakRSSMiB()))
        }
    }
}

enum Pages {
    static func load(_ folder: String, suffix: String) throws -> [Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(suffix) }.sorted()
        return names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0) }
    }
}

enum Measure {
    /// CPU seconds (user + system) of this process spent in `work`.
    static func cpu(_ work: () -> Void) -> Double {
        let start = processCPU()
        work()
        return processCPU() - start
    }

    /// The least CPU time of `runs` runs of `work`: the run the machine disturbed least.
    static func bestCPU(of runs: Int, _ work: () -> Void) -> Double {
        (0..<runs).map { _ in cpu(work) }.min() ?? 0
    }

    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// A small deterministic generator, so every run inserts the same fingerprints.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
