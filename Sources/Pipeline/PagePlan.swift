import Configuration
import FeedParsing
import Foundation
import Logging
import Model

/// A unit of the page stage, in cycle order: one new item of a feed, or the end of a feed's items (where the
/// feed's row and items are recorded, after everything it linked).
struct PageUnit: Sendable {
    enum Work: Sendable {
        /// Fetch and read the page: the first time this cycle that its address comes up.
        case fetch(link: String, trustedEndpoints: Set<String>)
        /// An address an earlier unit of this cycle fetches (another feed, a tracking-parameter variant): it
        /// becomes a source of whatever that unit stored, and is never fetched twice.
        case sameAs(link: String)
        case noLink
        case feedEnd
    }

    var slot: Int
    var item: ParsedItem?
    var work: Work
}

/// What the page stage made of a unit, for the writer.
enum PageResult: Sendable {
    case nothing
    /// The address was already known (any URL an article was ever reached through): not fetched.
    case known(Int64)
    case page(ArticlePreparer.Outcome)
}

/// Turns each feed's new items into page units, in feed order and one feed at a time, so the page budget and
/// which unit fetches a shared address are decided the same way on every run.
struct PagePlan {
    private var pagesLeft: Int
    private let maxItemsPerFeed: Int
    private let maxPagesPerCycle: Int
    /// Normalised addresses fetched by a unit of this cycle.
    private var claimed: Set<String> = []

    init(fetch: FetchSettings) {
        pagesLeft = max(0, fetch.maxPagesPerCycle)
        maxItemsPerFeed = fetch.maxItemsPerFeed
        maxPagesPerCycle = fetch.maxPagesPerCycle
    }

    mutating func units(for take: inout FeedTake, slot: Int, logger: Logger) -> [PageUnit] {
        let taken = withinBudget(take.fresh)
        take.line.deferredItems = take.fresh.count - taken.count
        take.fresh = []
        if take.line.deferredItems > 0 {
            logger.notice(
                "feed \(take.feed.name): \(take.line.deferredItems) new item(s) left for later cycles (fetch.max_items_per_feed \(maxItemsPerFeed), fetch.max_pages_per_cycle \(maxPagesPerCycle))"
            )
            // Items wait for a later cycle: that cycle must parse this body again, unchanged or not.
            take.outcome.bodyHash = nil
            take.outcome.etag = nil
            take.outcome.lastModified = nil
        }
        var units = taken.map { item -> PageUnit in
            guard let link = item.link, !link.isEmpty else { return PageUnit(slot: slot, item: item, work: .noLink) }
            let first = claimed.insert(URLCanonicalizer.canonical(link)).inserted
            return PageUnit(slot: slot, item: item, work: first ? .fetch(link: link, trustedEndpoints: take.trustedEndpoints) : .sameAs(link: link))
        }
        units.append(PageUnit(slot: slot, item: nil, work: .feedEnd))
        return units
    }

    /// The newest new items, at most `fetch.max_items_per_feed` and what is left of the cycle's page budget,
    /// kept in feed order. The others are not remembered, so later cycles take them.
    private mutating func withinBudget(_ fresh: [ParsedItem]) -> [ParsedItem] {
        let granted = min(fresh.count, maxItemsPerFeed, pagesLeft)
        pagesLeft -= granted
        guard granted < fresh.count else { return fresh }
        // Undated items rank by feed position (feeds list newest first); dated ones by date.
        let newestFirst = fresh.indices.sorted { a, b in
            let (dateA, dateB) = (fresh[a].bestDate ?? .distantPast, fresh[b].bestDate ?? .distantPast)
            return dateA != dateB ? dateA > dateB : a < b
        }
        return newestFirst.prefix(granted).sorted().map { fresh[$0] }
    }
}
