import ChangeLog
import Configuration
import Dedup
import FeedParsing
import Fetching
import Foundation
import Logging
import Model
import Store

/// What fetching and parsing one feed gave: the row update and events to record when the feed's items are
/// stored, and its new items (not yet shown by the feed) for the page stage.
struct FeedTake: Sendable {
    var feed: FeedConfig
    var state: FeedState
    var line: CycleReport.FeedLine
    var outcome: FeedFetchOutcome
    var events: [ChangeEvent]
    var fresh: [ParsedItem] = []
    /// The feed's own server (address it answered from): its pages may live there too, even on a private network.
    var trustedEndpoints: Set<String> = []
}

/// One feed's fetch and parse, run concurrently with the others' and with the page stage.
struct FeedRun: Sendable {
    let context: PipelineContext
    let feedParser: FeedParser
    let clock: StageClock
    let feed: FeedConfig
    let state: FeedState
    let now: Date

    /// The key an item is remembered by in its feed: its GUID, else its link, else its title.
    static func key(_ item: ParsedItem) -> String? {
        if let id = item.id, !id.isEmpty { return "guid:" + id }
        if let link = item.link, !link.isEmpty { return "link:" + URLCanonicalizer.canonical(link) }
        if let title = item.title, !title.isEmpty { return "title:" + title }
        return nil
    }

    func fetch() async -> FeedTake {
        let request = FetchRequest(url: state.url, purpose: .feed, etag: state.etag, lastModified: state.lastModified)
        switch await context.fetcher.fetch(request) {
        case .failure(let error): return failed(error)
        case .success(let document): return fetched(document)
        }
    }

    private func failed(_ error: FetchError) -> FeedTake {
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
        var outcome = FeedFetchOutcome(
            status: error.status, error: error.message, errorKind: error.kind, nextDue: nextDue, fetched: now,
            redirectStreak: state.redirectStreak, redirectTarget: state.redirectTarget)
        outcome.dueReason = error.retryAfter.map { "Retry-After \(ISOTime.format($0)) after failure \(failures)" } ?? "backoff after \(failures) failure(s)"
        return FeedTake(feed: feed, state: state, line: line, outcome: outcome, events: [event])
    }

    private func fetched(_ document: FetchedDocument) -> FeedTake {
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
        // nextDue is set once the hints are known.
        var outcome = FeedFetchOutcome(
            status: document.status, etag: document.etag ?? (document.notModified ? state.etag : nil),
            lastModified: document.lastModified ?? (document.notModified ? state.lastModified : nil),
            bodyHash: bodyHash, nextDue: now, fetched: now, redirectStreak: streak, redirectTarget: target, movedTo: movedTo)
        var fresh: [ParsedItem] = []
        if document.notModified {
            line.outcome = .notModified
        } else if bodyHash == state.bodyHash {
            line.outcome = .unchanged
        } else {
            do {
                let parsed = try clock.measure(.feedParse) {
                    try feedParser.parse(document.body, source: feed.name, baseURL: document.finalURL, contentType: document.contentType)
                }
                if parsed.bozo { context.logger.info("feed \(feed.name): recovered from ill-formed feed: \(parsed.bozoReason ?? "?")") }
                declared = PollHint.declared(by: parsed)
                outcome.feedHint = declared?.seconds ?? 0
                line.items = parsed.items.count
                fresh = try newItems(parsed.items)
                line.newItems = fresh.count
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
        return FeedTake(
            feed: feed, state: state, line: line, outcome: outcome, events: events, fresh: fresh,
            trustedEndpoints: document.endpoint.map { [$0] } ?? [])
    }

    /// Items the feed has not shown before (by key), each once, in feed order.
    private func newItems(_ items: [ParsedItem]) throws(StoreError) -> [ParsedItem] {
        let known = try context.store.knownItemKeys(feedID: state.id)
        var seen: Set<String> = []
        return items.filter { item in
            guard let key = Self.key(item), !known.contains(key) else { return false }
            return seen.insert(key).inserted
        }
    }

    /// Counts consecutive cycles that answered with the same permanent redirect; three in a row move the feed.
    private func redirectState(_ document: FetchedDocument) -> (Int, String?, String?) {
        guard document.movedPermanently, document.finalURL != state.url else { return (0, nil, nil) }
        let streak = (state.redirectTarget == document.finalURL ? state.redirectStreak : 0) + 1
        return streak >= 3 ? (0, nil, document.finalURL) : (streak, document.finalURL, nil)
    }
}
