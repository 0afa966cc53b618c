import Foundation
import Model

/// What one cycle did, feed by feed: the CLI prints it, the daemon logs it and exports it as metrics.
public struct CycleReport: Sendable {
    public struct FeedLine: Sendable {
        public enum Outcome: String, Sendable {
            case fetched = "ok"
            case notModified = "not-modified"
            case unchanged
            case failed = "error"
            case skipped
        }
        public var feed: String
        public var outcome: Outcome
        public var status: Int?
        public var items = 0
        public var newItems = 0
        public var newArticles = 0
        public var updatedArticles = 0
        public var duplicates = 0
        public var pageErrors = 0
        /// New items left for a later cycle by `fetch.max_items_per_feed` or `fetch.max_pages_per_cycle`.
        public var deferredItems = 0
        public var error: String?
        public var errorKind: FailureKind?
        public var nextDue: Date?

        public init(feed: String, outcome: Outcome, status: Int? = nil) {
            self.feed = feed
            self.outcome = outcome
            self.status = status
        }
    }

    public var started: Date
    public var finished: Date
    public var feeds: [FeedLine]
    public var rechecked = 0
    public var recheckUpdated = 0
    public var changes = 0
    /// CPU seconds per stage (summed over threads); the rest of the process's CPU is libcurl, scheduling and I/O.
    public var stageCPU: [PipelineStage: Double] = [:]

    public var failedFeeds: Int { feeds.filter { $0.outcome == .failed }.count }
    public var newArticles: Int { feeds.reduce(0) { $0 + $1.newArticles } }
    public var updatedArticles: Int { feeds.reduce(0) { $0 + $1.updatedArticles } + recheckUpdated }
    public var duplicates: Int { feeds.reduce(0) { $0 + $1.duplicates } }
    public var storedNothing: Bool { newArticles == 0 && updatedArticles == 0 && duplicates == 0 }
}
