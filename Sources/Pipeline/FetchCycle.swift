import ChangeLog
import Configuration
import FeedParsing
import Fetching
import Foundation
import Logging
import Model
import Store

/// One walk down the pipe: due feeds are fetched and parsed, their new items' pages fetched, extracted, read
/// for entities, deduplicated and stored, recent articles re-checked, and the change log appended.
/// Used by both `summitwatch fetch` and the daemon.
///
/// The pipe streams: feeds are fetched a window ahead, their items become page units in feed order, a bounded
/// window of pages is fetched and read concurrently (the CPU work on the cooperative pool, one thread per core,
/// beside libcurl's thread), and one writer stores the results in that order, a batch per transaction. Memory
/// is bounded by the windows, not by the number of feeds or items; the store is the same for the same input.
public struct FetchCycle: Sendable {
    public struct UnknownFeed: Error, CustomStringConvertible {
        public var names: [String]
        public var description: String { "no feed named \(names.joined(separator: ", ")) in the config" }
    }

    public struct Options: Sendable {
        /// Only these feeds (by name); nil for all.
        public var feedNames: [String]?
        /// Only feeds whose next attempt is due (the daemon); `fetch` takes every selected feed.
        public var onlyDue = false
        /// Re-check every article inside the recheck window now, ignoring the decaying schedule and budget.
        public var recheckAll = false
        /// Called after each stored batch (from the cycle's task): a status line for a person watching.
        public var progress: (@Sendable (CycleProgress) -> Void)?
        public init(
            feedNames: [String]? = nil, onlyDue: Bool = false, recheckAll: Bool = false, progress: (@Sendable (CycleProgress) -> Void)? = nil
        ) {
            self.feedNames = feedNames
            self.onlyDue = onlyDue
            self.recheckAll = recheckAll
            self.progress = progress
        }
    }

    let context: PipelineContext
    /// One for the whole cycle, so its feeds share the parser's libxml2 contexts.
    let feedParser = FeedParser()

    public init(context: PipelineContext) {
        self.context = context
    }

    /// Feeds fetched and parsed ahead of the page stage: enough to keep the fetch engine busy between feeds.
    var feedsAhead: Int { max(2, context.config.fetch.concurrency) }
    /// Pages fetched and read ahead of the writer: four per fetch slot keeps the network and both cores busy
    /// while the writer commits; each waiting page holds its text and entities (tens of KB), not its bytes.
    var pagesAhead: Int { max(8, 4 * context.config.fetch.concurrency) }

    public func run(_ options: Options = Options(), now: Date = Date()) async throws -> CycleReport {
        let configured = context.config.feeds
        if let names = options.feedNames {
            let unknown = names.filter { name in !configured.contains { $0.name == name } }
            if !unknown.isEmpty { throw UnknownFeed(names: unknown) }
        }
        try replayUnloggedChanges()
        let states = Dictionary(try context.store.syncFeeds(configured.map { ($0.name, $0.url) }).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let selected = configured.filter { feed in
            guard options.feedNames?.contains(feed.name) ?? true, let state = states[feed.name] else { return false }
            guard options.onlyDue, let due = state.nextDue else { return true }
            return due <= now
        }
        let clock = StageClock()
        let lines = await streamFeeds(selected.map { ($0, states[$0.name]!) }, clock: clock, now: now, progress: options.progress)
        var report = CycleReport(started: now, finished: Date(), feeds: lines.sorted { $0.feed < $1.feed })
        let recheck = await RecheckRun(context: context, clock: clock, now: now, all: options.recheckAll).run()
        report.rechecked = recheck.checked
        report.recheckUpdated = recheck.updated
        report.stageCPU = clock.seconds
        report.finished = Date()
        return report
    }

    private func streamFeeds(
        _ feeds: [(FeedConfig, FeedState)], clock: StageClock, now: Date, progress: (@Sendable (CycleProgress) -> Void)?
    ) async -> [CycleReport.FeedLine] {
        let (context, parser) = (context, feedParser)
        let feedTasks = OrderedTasks<FeedRun, FeedTake>(window: feedsAhead) { run in await run.fetch() }
        feedTasks.append(contentsOf: feeds.map { FeedRun(context: context, feedParser: parser, clock: clock, feed: $0.0, state: $0.1, now: now) })
        let preparer = ArticlePreparer(context: context, clock: clock)
        let pageTasks = OrderedTasks<PageUnit, PageResult>(window: pagesAhead) { unit in await Self.work(unit, preparer: preparer) }
        var plan = PagePlan(fetch: context.config.fetch)
        var writer = CycleWriter(context: context, clock: clock, now: now, feeds: feeds.count, onProgress: progress)
        var slot = 0
        while true {
            while pageTasks.backlog < pagesAhead, var (_, take) = await feedTasks.next() {
                let units = plan.units(for: &take, slot: slot, logger: context.logger)
                writer.open(take, slot: slot)
                pageTasks.append(contentsOf: units)
                slot += 1
            }
            guard let (unit, result) = await pageTasks.next() else { break }
            writer.add(unit, result)
        }
        writer.finish()
        return writer.lines
    }

    /// The page stage of one unit: an address any article was ever reached through is not fetched again.
    private static func work(_ unit: PageUnit, preparer: ArticlePreparer) async -> PageResult {
        guard case .fetch(let link, let trusted) = unit.work else { return .nothing }
        if let known = try? preparer.context.store.articleID(urlKey: URLCanonicalizer.canonical(link)) { return .known(known) }
        return .page(await preparer.prepare(link: link, itemPublished: unit.item?.bestDate, trustedEndpoints: trusted))
    }

    /// Changes a crash left stored but unwritten go to the log first (the writer skips ids already there).
    private func replayUnloggedChanges() throws {
        let pending = try context.store.unloggedChanges()
        if !pending.isEmpty {
            context.logger.notice("change log: writing \(pending.count) change(s) left from an interrupted cycle")
            context.log(pending, replay: true)
        }
    }
}
