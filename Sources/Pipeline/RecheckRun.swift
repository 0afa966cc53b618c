import ChangeLog
import Configuration
import Fetching
import Foundation
import Store

/// Re-fetches recent articles to catch edits: often while young, rarely after a day, never after
/// `recheck.window`, and at most `recheck.per_cycle` per cycle (least recently checked first), so the queue
/// can never outgrow the cycle. `fetch --recheck` checks every article inside the window, now.
struct RecheckRun {
    let context: PipelineContext
    let clock: StageClock
    let now: Date
    let all: Bool

    /// The gap between checks grows with age: a quarter of the article's age, between 10 minutes and 6 hours.
    static func gap(forAge age: TimeInterval) -> TimeInterval { min(max(age / 4, 600), 6 * 3600) }

    func run() async -> (checked: Int, updated: Int) {
        let due = dueCandidates()
        guard !due.isEmpty else { return (0, 0) }
        let preparer = ArticlePreparer(context: context, clock: clock)
        // A page on its feed's configured host and port may reach it again, as the feed itself may.
        let feedAuthorities = Dictionary(context.config.feeds.map { ($0.name, FetchRequest.authority(of: $0.url)) }, uniquingKeysWith: { a, _ in a })
        let checks = OrderedTasks<RecheckCandidate, ArticlePreparer.Outcome>(window: max(8, 4 * context.config.fetch.concurrency)) { candidate in
            let trusted: Set<String> = feedAuthorities[candidate.feedName].map { [$0] } ?? []
            return await preparer.prepare(
                link: candidate.url, itemPublished: nil, trustedEndpoints: [], trustedAuthorities: trusted,
                etag: candidate.etag, lastModified: candidate.lastModified, bodyHash: candidate.bodyHash)
        }
        checks.append(contentsOf: due)
        var updated = 0
        var batch: [(RecheckCandidate, ArticlePreparer.Outcome)] = []
        while let result = await checks.next() {
            batch.append(result)
            if batch.count >= CycleWriter.batchSize {
                updated += store(batch)
                batch = []
            }
        }
        updated += store(batch)
        return (due.count, updated)
    }

    private func dueCandidates() -> [RecheckCandidate] {
        let window = context.config.recheck.window.clamped(to: ConfigRanges.recheckWindow).seconds
        let budget = all ? Int.max : context.config.recheck.perCycle.clamped(to: ConfigRanges.recheckPerCycle)
        do {
            let candidates = try context.store.recheckCandidates(
                firstSeenAfter: now.addingTimeInterval(-window),
                checkedBefore: all ? now : now.addingTimeInterval(-600),
                limit: all ? 100_000 : budget * 4)
            return Array(
                candidates.filter { all || now.timeIntervalSince($0.lastChecked) >= Self.gap(forAge: now.timeIntervalSince($0.firstSeen)) }.prefix(budget))
        } catch {
            context.logger.error("recheck: \(error)")
            return []
        }
    }

    /// Stores a batch of re-checks in one transaction; returns how many articles got a new version.
    private func store(_ outcomes: [(RecheckCandidate, ArticlePreparer.Outcome)]) -> Int {
        guard !outcomes.isEmpty else { return 0 }
        do {
            let (updated, lines) = try clock.measure(.store) { () throws(StoreError) -> (Int, [ChangeLine]) in
                try context.store.batch { batch throws(StoreError) in
                    var updated = 0
                    var lines: [ChangeLine] = []
                    for (candidate, outcome) in outcomes {
                        do {
                            let stored = try batch.isolated { () throws(StoreError) -> (Bool, [ChangeLine]) in try check(candidate, outcome, batch) }
                            if stored.0 { updated += 1 }
                            lines += stored.1
                        } catch {
                            context.logger.error("feed \(candidate.feedName): recheck \(candidate.url): \(error)")
                        }
                    }
                    return (updated, lines)
                }
            }
            clock.measure(.changeLog) { context.log(lines) }
            return updated
        } catch {
            context.logger.error("recheck: \(error)")
            return 0
        }
    }

    private func check(_ candidate: RecheckCandidate, _ outcome: ArticlePreparer.Outcome, _ batch: ArticleBatch) throws(StoreError) -> (Bool, [ChangeLine]) {
        switch outcome {
        case .prepared(let prepared):
            let (result, lines) = try ArticleDecision.commit(
                prepared, in: batch, feedID: candidate.feedID, feedName: candidate.feedName, now: now, knownArticleID: candidate.articleID)
            if case .updated = result { return (true, lines) }
            return (false, lines)
        case .notModified(let document):
            try batch.touch(articleID: candidate.articleID, checked: now, etag: document.etag, lastModified: document.lastModified)
        case .transientFailure(let error):
            context.logger.info("feed \(candidate.feedName): recheck \(candidate.url): \(error.kind.rawValue): \(error.message)")
            try batch.touch(articleID: candidate.articleID, checked: now, etag: nil, lastModified: nil)
        case .unreadable(let reason):
            context.logger.info("feed \(candidate.feedName): recheck \(candidate.url): \(reason)")
            try batch.touch(articleID: candidate.articleID, checked: now, etag: nil, lastModified: nil)
        }
        return (false, [])
    }
}
