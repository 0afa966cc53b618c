import Foundation
import Pipeline
import Store

/// Writes the Prometheus text exposition (for node_exporter's textfile collector) after every cycle,
/// atomically: a temporary file renamed over the old one, so a scrape never reads half a file.
public struct MetricsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Totals: Sendable {
        public var cycles = 0
        public var newArticles = 0
        public var updatedArticles = 0
        public var duplicates = 0
        public var feedFailures = 0
        public init() {}
        public mutating func add(_ report: CycleReport) {
            cycles += 1
            newArticles += report.newArticles
            updatedArticles += report.updatedArticles
            duplicates += report.duplicates
            feedFailures += report.failedFeeds
        }
    }

    public func write(report: CycleReport, totals: Totals, feeds: [FeedState], store: StoreStatistics? = nil) throws {
        var text = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(String, Double)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples { text += "\(name)\(labels) \(value)\n" }
        }
        metric("summitwatch_cycles_total", "counter", "Fetch cycles run since start.", [("", Double(totals.cycles))])
        metric("summitwatch_articles_new_total", "counter", "New articles stored since start.", [("", Double(totals.newArticles))])
        metric("summitwatch_articles_updated_total", "counter", "New article versions stored since start.", [("", Double(totals.updatedArticles))])
        metric("summitwatch_articles_duplicate_total", "counter", "Duplicates linked since start.", [("", Double(totals.duplicates))])
        metric("summitwatch_feed_failures_total", "counter", "Failed feed fetches since start.", [("", Double(totals.feedFailures))])
        metric(
            "summitwatch_last_cycle_duration_seconds", "gauge", "Wall time of the last cycle.",
            [("", report.finished.timeIntervalSince(report.started))])
        metric(
            "summitwatch_last_cycle_timestamp_seconds", "gauge", "When the last cycle finished (Unix time).",
            [("", report.finished.timeIntervalSince1970)])
        metric(
            "summitwatch_feed_consecutive_failures", "gauge", "Consecutive failed fetches per feed.",
            feeds.map { ("{feed=\"\(Self.escape($0.name))\"}", Double($0.consecutiveFailures)) })
        metric(
            "summitwatch_feed_next_due_timestamp_seconds", "gauge", "When each feed is due next (Unix time).",
            feeds.compactMap { feed in feed.nextDue.map { ("{feed=\"\(Self.escape(feed.name))\"}", $0.timeIntervalSince1970) } })
        if let store {
            metric("summitwatch_store_size_bytes", "gauge", "Bytes of the SQLite store (database file and WAL).", [("", Double(store.bytes))])
            metric("summitwatch_store_free_bytes", "gauge", "Bytes of free pages in the store (returned by the daily upkeep).", [("", Double(store.freeBytes))])
            metric(
                "summitwatch_store_rows", "gauge", "Rows per table of the store.",
                store.rows.map { ("{table=\"\($0.table)\"}", Double($0.count)) })
        }
        let temporary = path + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
