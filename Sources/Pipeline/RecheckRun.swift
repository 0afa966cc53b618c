import ChangeLog
import Configuration
import Fetching
import Foundation
import Store

/// Re-fetches recent articles to catch edits: often while young, rarely after a day, never after
/// `recheck.window`, and at most `recheck.per_cycle` per cycle (least recently checked first), so the queue
/// can never outgrow the cycle. `fetch --recheck` checks every article inside the window, now.
struct RecheckRun {
    let cycle: FetchCycle
    let now: Date
    let all: Bool

    /// The gap between checks grows with age: a quarter of the article's age, between 10 minutes and 6 hours.
    static func gap(forAge age: TimeInterval) -> TimeInterval { min(max(age / 4, 600), 6 * 3600) }

    func run() async -> (checked: Int, updated: Int) {
        let context = cycle.context
        let window = context.config.recheck.window.clamped(to: ConfigRanges.recheckWindow).seconds
        let budget = all ? Int.max : context.config.recheck.perCycle.clamped(to: ConfigRanges.recheckPerCycle)
        let candidates: [RecheckCandidate]
        do {
            candidates = try context.store.recheckCandidates(
                firstSeenAfter: now.addingTimeInterval(-window),
                checkedBefore: all ? now : now.addingTimeInterval(-600),
                limit: all ? 100_000 : budget * 4)
        } catch {
            context.logger.error("recheck: \(error)")
            return (0, 0)
        }
        let due = candidates.filter { all || now.timeIntervalSince($0.lastChecked) >= Self.gap(forAge: now.timeIntervalSince($0.firstSeen)) }
            .prefix(budget)
        guard !due.isEmpty else { return (0, 0) }
        let preparer = ArticlePreparer(context: context)
        // A page on its feed's configured host and port may reach it again, as the feed itself may.
        let feedAuthorities = Dictionary(context.config.feeds.map { ($0.name, FetchRequest.authority(of: $0.url)) }, uniquingKeysWith: { a, _ in a })
        let outcomes = await withTaskGroup(of: (RecheckCandidate, ArticlePreparer.Outcome).self) { group in
            for candidate in due {
                group.addTask {
                    let trusted: Set<String> = feedAuthorities[candidate.feedName].map { [$0] } ?? []
                    return (
                        candidate,
                        await preparer.prepare(
                            link: candidate.url, guid: nil, itemPublished: nil, trustedEndpoints: [], trustedAuthorities: trusted,
                            etag: candidate.etag, lastModified: candidate.lastModified, bodyHash: candidate.bodyHash)
                    )
                }
            }
            var results: [(RecheckCandidate, ArticlePreparer.Outcome)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0.articleID < $1.0.articleID }
        }
        var updated = 0
        var lines: [ChangeLine] = []
        for (candidate, outcome) in outcomes {
            do {
                switch outcome {
                case .prepared(let prepared):
                    let (result, newLines) = try await cycle.committer.commit(
                        prepared, feedID: candidate.feedID, feedName: candidate.feedName,
                        now: now, knownArticleID: candidate.articleID)
                    lines += newLines
                    if case .updated = result { updated += 1 }
                case .notModified(let document):
                    try context.store.touch(articleID: candidate.articleID, checked: now, etag: document.etag, lastModified: document.lastModified)
                case .transientFailure(let error):
                    context.logger.info("feed \(candidate.feedName): recheck \(candidate.url): \(error.kind.rawValue): \(error.message)")
                    try context.store.touch(articleID: candidate.articleID, checked: now, etag: nil, lastModified: nil)
                case .unreadable(let reason):
                    context.logger.info("feed \(candidate.feedName): recheck \(candidate.url): \(reason)")
                    try context.store.touch(articleID: candidate.articleID, checked: now, etag: nil, lastModified: nil)
                }
            } catch {
                context.logger.error("feed \(candidate.feedName): recheck \(candidate.url): \(error)")
            }
        }
        context.log(lines)
        return (due.count, updated)
    }
}
