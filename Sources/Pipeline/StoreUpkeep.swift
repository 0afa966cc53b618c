import ChangeLog
import Configuration
import Foundation
import Store

/// Retention, then SQLite's housekeeping: what the daemon does once a day and `summitwatch maintain` on demand.
/// The caller holds the cycle lock, so upkeep never runs beside a cycle.
public struct StoreUpkeep: Sendable {
    /// How often the daemon runs it.
    public static let period: TimeInterval = 86_400

    public struct Report: Sendable {
        public var retention: RetentionReport
        public var changeLogDaysRemoved: Int
        public var bytesBefore: Int
        public var bytesAfter: Int
    }

    let store: SummitStore
    let config: Config

    public init(store: SummitStore, config: Config) {
        self.store = store
        self.config = config
    }

    public var policy: RetentionPolicy {
        let retention = config.retention
        return RetentionPolicy(
            articleText: retention.articleText?.seconds, versions: retention.versions?.seconds,
            changes: retention.changes?.seconds, mentionSentences: retention.mentionSentences?.seconds)
    }

    /// True when upkeep has not run for a day (or never has).
    public func isDue(now: Date = Date()) throws -> Bool {
        guard let last = try store.lastUpkeep() else { return true }
        return now.timeIntervalSince(last) >= Self.period
    }

    public func run(now: Date = Date(), convertToIncremental: Bool = false, fullVacuum: Bool = false) throws -> Report {
        let before = try store.statistics().bytes
        let retention = try store.applyRetention(policy, now: now)
        var days = 0
        if let age = policy.changes {
            days = ChangeLogFiles(directory: config.changelogDir).removeDays(before: now.addingTimeInterval(-age))
        }
        try store.maintain(convertToIncremental: convertToIncremental, fullVacuum: fullVacuum)
        try store.recordUpkeep(now)
        return Report(retention: retention, changeLogDaysRemoved: days, bytesBefore: before, bytesAfter: try store.statistics().bytes)
    }
}
