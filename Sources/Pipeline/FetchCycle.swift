import ChangeLog
import Configuration
import Dedup
import FeedParsing
import Fetching
import Foundation
import Logging
import Model
import Store

/// One walk down the pipe: due feeds are fetched and parsed, their new items' pages fetched, extracted,
/// read for entities, deduplicated and stored, recent articles re-checked, and the change log appended.
/// Used by both `summitwatch fetch` and the daemon.
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
        public init(feedNames: [String]? = nil, onlyDue: Bool = false, recheckAll: Bool = false) {
            self.feedNames = feedNames
            self.onlyDue = onlyDue
            self.recheckAll = recheckAll
        }
    }

    let context: PipelineContext
    let committer: ArticleCommitter
    /// One for the whole cycle, so its feeds share the parser's libxml2 contexts.
    let feedParser = FeedParser()

    public init(context: PipelineContext) {
        self.context = context
        committer = ArticleCommitter(store: context.store)
    }

    public func run(_ options: Options = Options(), now: Date = Date()) async throws -> CycleReport {
        let configured = context.config.feeds
        if let names = options.feedNames {
            let unknown = names.filter { name in !configured.contains { $0.name == name } }
            if !unknown.isEmpty { throw UnknownFeed(names: unknown) }
        }
        try replayUnloggedChanges()
        let states = try context.store.syncFeeds(configured.map { ($0.name, $0.url) })
        let selected = configured.filter { feed in
            guard options.feedNames?.contains(feed.name) ?? true else { return false }
            guard options.onlyDue, let due = states.first(where: { $0.name == feed.name })?.nextDue else { return true }
            return due <= now
        }
        var lines: [CycleReport.FeedLine] = []
        let pages = PageBudget(context.config.fetch.maxPagesPerCycle)
        await withTaskGroup(of: CycleReport.FeedLine.self) { group in
            for feed in selected {
                guard let state = states.first(where: { $0.name == feed.name }) else { continue }
                group.addTask { await FeedRun(cycle: self, feed: feed, state: state, now: now, pages: pages).run() }
            }
            for await line in group { lines.append(line) }
        }
        lines.sort { $0.feed < $1.feed }
        var report = CycleReport(started: now, finished: Date(), feeds: lines)
        let recheck = await RecheckRun(cycle: self, now: now, all: options.recheckAll).run()
        report.rechecked = recheck.checked
        report.recheckUpdated = recheck.updated
        report.finished = Date()
        return report
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

/// One feed's part of a cycle.
struct FeedRun: Sendable {
    let cycle: FetchCycle
    let feed: FeedConfig
    let state: FeedState
    let now: Date
    /// The cycle's page fetches left, shared by its feeds.
    let pages: PageBudget

    private var context: PipelineContext { cycle.context }

    func run() async -> CycleReport.FeedLine {
        let request = FetchRequest(url: state.url, purpose: .feed, etag: state.etag, lastModified: state.lastModified)
        switch await context.fetcher.fetch(request) {
        case .failure(let error): return failed(error)
        case .success(let document): return await fetched(document)
        }
    }

    private func failed(_ error: FetchError) -> CycleReport.FeedLine {
        let failures = state.consecutiveFailures + 1
        let nextDue = context.schedule(for: feed).nextAfterFailure(now: now, failures: failures, retryAfter: error.retryAfter, jitter: Double.random(in: 0..<1))
        context.logger.warning(
            "feed \(feed.name): \(error.kind.rawValue): \(error.message) (\(error.url)); failure \(failures), next try \(ISOTime.format(nextDue))")
        var line = CycleReport.FeedLine(feed: feed.name, outcome: .failed, status: error.status)
        line.error = error.message
        line.errorKind = error.kind
        line.nextDue = nextDue
        let event = ChangeEvent(
            time: now, feed: feed.name,
            .feedError(
                FeedError(
                    url: state.url, error: error.kind, message: error.message,
                    status: error.status, consecutiveFailures: failures, nextDue: nextDue)))
        // nextDue is set once the hints are known.
        var outcome = FeedFetchOutcome(
            status: error.status, error: error.message, errorKind: error.kind, nextDue: nextDue, fetched: now,
            redirectStreak: state.redirectStreak, redirectTarget: state.redirectTarget)
        outcome.dueReason = error.retryAfter.map { "Retry-After \(ISOTime.format($0)) after failure \(failures)" } ?? "backoff after \(failures) failure(s)"
        record(outcome, events: [event])
        return line
    }

    private func fetched(_ document: FetchedDocument) async -> CycleReport.FeedLine {
        var events: [ChangeEvent] = []
        if state.consecutiveFailures > 0 {
            events.append(ChangeEvent(time: now, feed: feed.name, .feedRecovered(FeedRecovered(url: state.url, afterFailures: state.consecutiveFailures))))
        }
        let (streak, target, movedTo) = redirectState(document)
        if let movedTo {
            context.logger.notice("feed \(feed.name): moved permanently from \(state.url) to \(movedTo)")
            events.append(ChangeEvent(time: now, feed: feed.name, .feedMoved(FeedMoved(from: state.url, to: movedTo))))
        }
        var line = CycleReport.FeedLine(feed: feed.name, outcome: .fetched, status: document.status)
        // A body not parsed this time (304, unchanged) keeps the interval its feed declared when it was.
        var declared = state.feedHint.flatMap { $0 > 0 ? PollHint(seconds: $0, source: "the feed's declared interval") : nil }
        let bodyHash = document.notModified ? nil : ContentHash.hex(document.body)
        var outcome = FeedFetchOutcome(
            status: document.status, etag: document.etag ?? (document.notModified ? state.etag : nil),
            lastModified: document.lastModified ?? (document.notModified ? state.lastModified : nil),
            bodyHash: bodyHash, nextDue: now, fetched: now, redirectStreak: streak, redirectTarget: target, movedTo: movedTo)
        if document.notModified {
            line.outcome = .notModified
        } else if bodyHash == state.bodyHash {
            line.outcome = .unchanged
        } else {
            do {
                let parsed = try cycle.feedParser.parse(document.body, source: feed.name, baseURL: document.finalURL, contentType: document.contentType)
                if parsed.bozo { context.logger.info("feed \(feed.name): recovered from ill-formed feed: \(parsed.bozoReason ?? "?")") }
                declared = PollHint.declared(by: parsed)
                outcome.feedHint = declared?.seconds ?? 0
                try await ItemIntake(run: self, document: document).take(parsed.items, into: &line)
                if line.deferredItems > 0 {
                    // Items wait for a later cycle: that cycle must parse this body again, unchanged or not.
                    outcome.bodyHash = nil
                    outcome.etag = nil
                    outcome.lastModified = nil
                }
            } catch let error as FeedParseError {
                context.logger.warning("feed \(feed.name): \(error.reason) (\(document.finalURL))")
                line.outcome = .failed
                line.error = error.reason
                line.errorKind = .parse
                outcome.error = error.reason
                outcome.errorKind = .parse
                outcome.bodyHash = nil
                events.append(ChangeEvent(time: now, feed: feed.name, .feedError(FeedError(url: state.url, error: .parse, message: error.reason))))
            } catch {
                context.logger.error("feed \(feed.name): store: \(error)")
                line.outcome = .failed
                line.error = "\(error)"
                line.errorKind = .store
                outcome.bodyHash = nil  // parse again next time: nothing of this body may be lost
            }
        }
        let hints = [declared, PollHint.freshness(of: document, now: now)].compactMap { $0 }
        let (due, reason) = context.schedule(for: feed).nextAfterSuccess(now: now, hints: hints, random: Double.random(in: 0..<1))
        (line.nextDue, outcome.nextDue, outcome.dueReason) = (due, due, reason)
        context.logger.debug("feed \(feed.name): next due \(ISOTime.format(due)) (\(reason))")
        record(outcome, events: events)
        return line
    }

    /// Counts consecutive cycles that answered with the same permanent redirect; three in a row move the feed.
    private func redirectState(_ document: FetchedDocument) -> (Int, String?, String?) {
        guard document.movedPermanently, document.finalURL != state.url else { return (0, nil, nil) }
        let streak = (state.redirectTarget == document.finalURL ? state.redirectStreak : 0) + 1
        return streak >= 3 ? (0, nil, document.finalURL) : (streak, document.finalURL, nil)
    }

    func record(_ outcome: FeedFetchOutcome, events: [ChangeEvent]) {
        do {
            context.log(try context.store.recordFetch(feedID: state.id, outcome: outcome, events: events))
        } catch {
            context.logger.error("feed \(feed.name): cannot record fetch state: \(error)")
        }
    }
}
