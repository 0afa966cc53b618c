import ChangeLog
import Foundation
import Logging
import Model
import Store

/// The cycle's one writer: takes the page stage's results in cycle order and stores them in batches, one
/// transaction each, with each feed's row and items recorded after everything it linked. A failure of one
/// article undoes only that article (a savepoint); a failed batch (a full disk) stores nothing of it, and its
/// feeds are read again next cycle, so nothing is lost.
struct CycleWriter {
    /// Page units per transaction: enough that SQLite's commit (a WAL sync) is paid rarely, few enough that
    /// pages waiting for it stay a few megabytes.
    static let batchSize = 256

    private let context: PipelineContext
    private let clock: StageClock
    private let now: Date
    private let onProgress: (@Sendable (CycleProgress) -> Void)?
    private var state: WriterState
    private var pending: [(unit: PageUnit, result: PageResult)] = []
    private var pendingPages = 0

    init(context: PipelineContext, clock: StageClock, now: Date, feeds: Int, onProgress: (@Sendable (CycleProgress) -> Void)?) {
        self.context = context
        self.clock = clock
        self.now = now
        self.onProgress = onProgress
        state = WriterState(now: now)
        state.progress.feedsTotal = feeds
    }

    /// The finished feeds' lines.
    var lines: [CycleReport.FeedLine] { state.finished }

    mutating func open(_ take: FeedTake, slot: Int) {
        state.feeds[slot] = FeedProgress(take: take)
    }

    mutating func add(_ unit: PageUnit, _ result: PageResult) {
        pending.append((unit, result))
        if case .page = result { state.progress.pagesFetched += 1 }
        if case .feedEnd = unit.work {} else { pendingPages += 1 }
        if pendingPages >= Self.batchSize { commit() }
    }

    mutating func finish() { commit() }

    private mutating func commit() {
        guard !pending.isEmpty else { return }
        let units = pending
        pending = []
        pendingPages = 0
        var draft = state
        do {
            let lines = try clock.measure(.store) { () throws(StoreError) -> [ChangeLine] in
                try context.store.batch { batch throws(StoreError) in
                    var lines: [ChangeLine] = []
                    for (unit, result) in units { lines += try draft.apply(unit, result, batch, context: context) }
                    return lines
                }
            }
            state = draft
            clock.measure(.changeLog) { context.log(lines) }
        } catch {
            context.logger.error("store: \(error) (\(units.count) item(s) not stored; their feeds are read again next cycle)")
            state.failBatch(units.map(\.unit), reason: error.description)
        }
        onProgress?(state.progress)
    }
}

/// One feed's part of the cycle while its items go through the writer.
struct FeedProgress {
    var take: FeedTake
    var remembered: [SeenItem] = []
    /// An item of the feed could not be stored: the feed's body is parsed again next cycle.
    var storeFailed = false
}

/// What the writer knows, copied per batch so a failed batch leaves it as it was.
struct WriterState {
    let now: Date
    var feeds: [Int: FeedProgress] = [:]
    var finished: [CycleReport.FeedLine] = []
    /// Addresses found unreadable this cycle: their other links are remembered as such, not fetched.
    var unreadable: Set<String> = []
    var progress = CycleProgress()

    init(now: Date) { self.now = now }

    mutating func apply(_ unit: PageUnit, _ result: PageResult, _ batch: ArticleBatch, context: PipelineContext) throws(StoreError) -> [ChangeLine] {
        guard var feed = feeds[unit.slot] else { return [] }
        if case .feedEnd = unit.work { return finish(&feed, slot: unit.slot, batch, logger: context.logger) }
        defer { feeds[unit.slot] = feed }
        let name = feed.take.feed.name
        let link: String
        switch unit.work {
        case .feedEnd: return []
        case .noLink:
            remember(unit, articleID: nil, in: &feed)
            return []
        case .fetch(let fetched, _): link = fetched
        case .sameAs(let same): link = same
        }
        let key = URLCanonicalizer.canonical(link)
        switch result {
        case .page(.transientFailure(let error)):
            feed.take.line.pageErrors += 1
            progress.failures += 1
            context.logger.warning("feed \(name): page \(error.kind.rawValue): \(error.message) (\(error.url)); retried next cycle")
            return []  // not remembered: the next cycle tries the page again
        case .page(.unreadable(let reason)):
            feed.take.line.pageErrors += 1
            progress.failures += 1
            unreadable.insert(key)
            context.logger.warning("feed \(name): page \(link): \(reason)")
            remember(unit, articleID: nil, in: &feed)
            return []
        case .page(.notModified):
            remember(unit, articleID: nil, in: &feed)
            return []
        case .nothing, .known, .page(.prepared):
            break
        }
        do {
            let stored = try batch.isolated { () throws(StoreError) -> StoredUnit? in try Self.store(link, key, result, feed.take, batch, now: now) }
            guard let stored else {
                // Another link of this cycle's that failed or was unreadable.
                if unreadable.contains(key) { remember(unit, articleID: nil, in: &feed) }
                return []
            }
            count(stored.result, in: &feed.take.line)
            remember(unit, articleID: stored.result.articleID, in: &feed)
            return stored.lines
        } catch {
            context.logger.error("feed \(name): store: \(link): \(error)")
            feed.storeFailed = true
            progress.failures += 1
            return []
        }
    }

    private struct StoredUnit {
        var result: ArticleDecision.Result
        var lines: [ChangeLine]
    }

    /// An address known to the store (stored before, or by an earlier unit of this cycle) only gains a source;
    /// a page read now is decided and stored.
    private static func store(
        _ link: String, _ key: String, _ result: PageResult, _ take: FeedTake, _ batch: ArticleBatch, now: Date
    ) throws(StoreError) -> StoredUnit? {
        let feedID = take.state.id
        if let known = try batch.articleID(urlKey: key) {
            let lines = try batch.addSource(articleID: known, feedID: feedID, feedName: take.feed.name, url: link, time: now)
            return StoredUnit(result: lines.isEmpty ? .unchanged(articleID: known) : .duplicate(articleID: known), lines: lines)
        }
        guard case .page(.prepared(let prepared)) = result else { return nil }
        let (decided, lines) = try ArticleDecision.commit(prepared, in: batch, feedID: feedID, feedName: take.feed.name, now: now)
        return StoredUnit(result: decided, lines: lines)
    }

    private mutating func count(_ result: ArticleDecision.Result, in line: inout CycleReport.FeedLine) {
        switch result {
        case .new:
            line.newArticles += 1
            progress.articlesStored += 1
        case .joinedStory:
            line.newArticles += 1
            line.duplicates += 1
            progress.articlesStored += 1
        case .updated:
            line.updatedArticles += 1
            progress.articlesStored += 1
        case .duplicate: line.duplicates += 1
        case .unchanged: break
        }
    }

    private func remember(_ unit: PageUnit, articleID: Int64?, in feed: inout FeedProgress) {
        guard let item = unit.item, let key = FeedRun.key(item) else { return }
        feed.remembered.append(SeenItem(key: key, link: item.link, title: item.title, published: item.bestDate, firstSeen: now, articleID: articleID))
    }

    /// The feed's items and row, after everything it linked; its line is done.
    private mutating func finish(_ feed: inout FeedProgress, slot: Int, _ batch: ArticleBatch, logger: Logger) -> [ChangeLine] {
        if feed.storeFailed { Self.markStoreFailure(&feed.take, reason: "some items could not be stored; the feed is read again next cycle") }
        var lines: [ChangeLine] = []
        do {
            lines = try batch.isolated { () throws(StoreError) -> [ChangeLine] in
                try batch.recordItems(feedID: feed.take.state.id, items: feed.remembered)
                return try batch.recordFetch(feedID: feed.take.state.id, outcome: feed.take.outcome, events: feed.take.events)
            }
        } catch {
            logger.error("feed \(feed.take.feed.name): cannot record fetch state: \(error)")
        }
        close(feed.take.line, slot: slot)
        return lines
    }

    private mutating func close(_ line: CycleReport.FeedLine, slot: Int) {
        finished.append(line)
        if line.outcome == .failed { progress.failures += 1 }
        progress.feedsDone += 1
        feeds[slot] = nil
    }

    /// After a failed batch: the feeds it touched are read again next cycle; those it would have closed are closed
    /// as failed (their rows could not be written either).
    mutating func failBatch(_ units: [PageUnit], reason: String) {
        for unit in units {
            guard var feed = feeds[unit.slot] else { continue }
            feed.storeFailed = true
            if case .feedEnd = unit.work {
                Self.markStoreFailure(&feed.take, reason: reason)
                close(feed.take.line, slot: unit.slot)
            } else {
                feeds[unit.slot] = feed
            }
        }
    }

    private static func markStoreFailure(_ take: inout FeedTake, reason: String) {
        take.line.outcome = .failed
        take.line.errorKind = .store
        take.line.error = reason
        take.outcome.bodyHash = nil
        take.outcome.etag = nil
        take.outcome.lastModified = nil
    }
}
