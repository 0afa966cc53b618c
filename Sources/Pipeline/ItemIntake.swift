import ChangeLog
import Dedup
import FeedParsing
import Fetching
import Foundation
import Store

/// Takes a feed's new items: pages are fetched and read concurrently, then decided and stored one at a time
/// in feed order; the change log gets the feed's lines at the end.
struct ItemIntake {
    let run: FeedRun
    let document: FetchedDocument

    private var context: PipelineContext { run.cycle.context }

    /// The key an item is remembered by in its feed: its GUID, else its link, else its title.
    static func key(_ item: ParsedItem) -> String? {
        if let id = item.id, !id.isEmpty { return "guid:" + id }
        if let link = item.link, !link.isEmpty { return "link:" + URLCanonicalizer.canonical(link) }
        if let title = item.title, !title.isEmpty { return "title:" + title }
        return nil
    }

    func take(_ items: [ParsedItem], into line: inout CycleReport.FeedLine) async throws {
        line.items = items.count
        let known = try context.store.knownItemKeys(feedID: run.state.id)
        var seen: Set<String> = []
        let fresh = items.filter { item in
            guard let key = Self.key(item), !known.contains(key) else { return false }
            return seen.insert(key).inserted
        }
        line.newItems = fresh.count
        let taken = withinBudget(fresh)
        line.deferredItems = fresh.count - taken.count
        if line.deferredItems > 0 {
            context.logger.notice(
                "feed \(run.feed.name): \(line.deferredItems) new item(s) left for later cycles (fetch.max_items_per_feed \(context.config.fetch.maxItemsPerFeed), fetch.max_pages_per_cycle \(context.config.fetch.maxPagesPerCycle))"
            )
        }
        guard !taken.isEmpty else { return }
        let outcomes = await prepareAll(taken)
        var remembered: [SeenItem] = []
        var logLines: [ChangeLine] = []
        defer { context.log(logLines) }
        for (item, outcome) in zip(taken, outcomes) {
            let key = Self.key(item)!
            var articleID: Int64?
            switch outcome {
            case .noLink:
                break
            case .knownArticle(let id, let link):
                articleID = id
                let added = try context.store.addSource(articleID: id, feedID: run.state.id, feedName: run.feed.name, url: link, time: run.now)
                if !added.isEmpty { line.duplicates += 1 }
                logLines += added
            case .page(.prepared(let prepared)):
                let (result, lines) = try await run.cycle.committer.commit(prepared, feedID: run.state.id, feedName: run.feed.name, now: run.now)
                logLines += lines
                articleID = result.articleID
                switch result {
                case .new: line.newArticles += 1
                case .joinedStory:
                    line.newArticles += 1
                    line.duplicates += 1
                case .updated: line.updatedArticles += 1
                case .duplicate: line.duplicates += 1
                case .unchanged: break
                }
            case .page(.unreadable(let reason)):
                line.pageErrors += 1
                context.logger.warning("feed \(run.feed.name): page \(item.link ?? "?"): \(reason)")
            case .page(.transientFailure(let error)):
                line.pageErrors += 1
                context.logger.warning("feed \(run.feed.name): page \(error.kind.rawValue): \(error.message) (\(error.url)); retried next cycle")
                continue  // not remembered: the next cycle tries the page again
            case .page(.notModified):
                break
            }
            remembered.append(SeenItem(key: key, link: item.link, title: item.title, published: item.bestDate, firstSeen: run.now, articleID: articleID))
        }
        try context.store.recordItems(feedID: run.state.id, items: remembered)
    }

    /// The newest new items, at most `fetch.max_items_per_feed` and what is left of the cycle's page budget,
    /// kept in feed order. The others are not remembered, so later cycles take them.
    private func withinBudget(_ fresh: [ParsedItem]) -> [ParsedItem] {
        let wanted = min(fresh.count, context.config.fetch.maxItemsPerFeed)
        let granted = run.pages.take(wanted)
        guard granted < fresh.count else { return fresh }
        // Undated items rank by feed position (feeds list newest first); dated ones by date.
        let newestFirst = fresh.indices.sorted { a, b in
            let (dateA, dateB) = (fresh[a].bestDate ?? .distantPast, fresh[b].bestDate ?? .distantPast)
            return dateA != dateB ? dateA > dateB : a < b
        }
        return newestFirst.prefix(granted).sorted().map { fresh[$0] }
    }

    private enum ItemOutcome: Sendable {
        case noLink
        case knownArticle(Int64, String)
        case page(ArticlePreparer.Outcome)
    }

    /// Fetch and read every page concurrently (the fetch engine enforces the global and per-host limits).
    private func prepareAll(_ items: [ParsedItem]) async -> [ItemOutcome] {
        let preparer = ArticlePreparer(context: context)
        let store = context.store
        let trusted: Set<String> = document.endpoint.map { [$0] } ?? []
        return await withTaskGroup(of: (Int, ItemOutcome).self) { group in
            for (index, item) in items.enumerated() {
                group.addTask {
                    guard let link = item.link, !link.isEmpty else { return (index, .noLink) }
                    if let known = try? store.article(identityKey: URLCanonicalizer.canonical(link)) { return (index, .knownArticle(known.id, link)) }
                    let outcome = await preparer.prepare(link: link, guid: item.id, itemPublished: item.bestDate, trustedEndpoints: trusted)
                    return (index, .page(outcome))
                }
            }
            var results = [ItemOutcome?](repeating: nil, count: items.count)
            for await (index, outcome) in group { results[index] = outcome }
            return results.map { $0! }
        }
    }
}
