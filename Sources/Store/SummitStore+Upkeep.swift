import Foundation
import GRDB

/// How long each kind of bulky history is kept; nil keeps it for ever. Entities, stories, summits, articles'
/// rows (title, URL, words) and their entity counts are never removed.
public struct RetentionPolicy: Sendable, Equatable {
    /// Article text (every version's text and diff, and the full-text index's copy) older than this is blanked.
    public var articleText: TimeInterval?
    /// Versions older than this are deleted, except each article's latest.
    public var versions: TimeInterval?
    /// Rows of the `changes` table older than this (already written to the change log) are deleted.
    public var changes: TimeInterval?
    /// The sentence kept with each entity mention is blanked for articles first seen before this.
    public var mentionSentences: TimeInterval?

    public init(
        articleText: TimeInterval? = nil, versions: TimeInterval? = nil, changes: TimeInterval? = nil,
        mentionSentences: TimeInterval? = nil
    ) {
        self.articleText = articleText
        self.versions = versions
        self.changes = changes
        self.mentionSentences = mentionSentences
    }
}

public struct RetentionReport: Sendable, Equatable {
    public var textsBlanked = 0
    public var versionsDeleted = 0
    public var changesDeleted = 0
    public var sentencesBlanked = 0
    public init() {}
}

public struct StoreStatistics: Sendable {
    /// Bytes of the database file plus its WAL.
    public var bytes: Int
    /// Pages on the free list (reclaimed by incremental vacuum).
    public var freeBytes: Int
    public var rows: [(table: String, count: Int)]
}

public struct StoreCheckReport: Sendable {
    /// `PRAGMA integrity_check` lines; ["ok"] when healthy.
    public var integrity: [String]
    /// One line per `PRAGMA foreign_key_check` row.
    public var foreignKeys: [String]
    public var schemaVersion: Int
    public var expectedSchemaVersion: Int
    public var applicationID: Int32
    public var autoVacuum: String
    public var healthy: Bool {
        integrity == ["ok"] && foreignKeys.isEmpty && schemaVersion == expectedSchemaVersion && applicationID == StoreFile.applicationID
    }
}

extension SummitStore {
    /// Tables whose row counts the metrics file and `maintain` report.
    static let countedTables = ["feeds", "articles", "article_versions", "stories", "entities", "mentions", "summits", "changes"]

    // MARK: - Retention

    public func applyRetention(_ policy: RetentionPolicy, now: Date = Date()) throws(StoreError) -> RetentionReport {
        var report = RetentionReport()
        func cutoff(_ age: TimeInterval) -> Double { now.timeIntervalSince1970 - age }
        if let age = policy.versions {
            report.versionsDeleted = try write { db in
                try db.execute(
                    sql: """
                        DELETE FROM article_versions WHERE fetched < ?
                        AND version < (SELECT a.version FROM articles a WHERE a.id = article_versions.article_id)
                        """, arguments: [cutoff(age)])
                return db.changesCount
            }
        }
        if let age = policy.articleText {
            report.textsBlanked = try write { db in
                // Articles whose current text goes: their index entries are removed before and made again after
                // (title only), because an external-content index entry is removed with the values it was made from.
                let current = try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT a.id FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.version
                        WHERE v.fetched < ? AND v.text != ''
                        """, arguments: [cutoff(age)])
                for id in current { try SearchIndex.remove(articleID: id, db) }
                try db.execute(
                    sql: "UPDATE article_versions SET text = '', diff = NULL WHERE fetched < ? AND (text != '' OR diff IS NOT NULL)",
                    arguments: [cutoff(age)])
                let blanked = db.changesCount
                for id in current { try SearchIndex.add(articleID: id, db) }
                return blanked
            }
        }
        if let age = policy.mentionSentences {
            report.sentencesBlanked = try write { db in
                try db.execute(
                    sql: """
                        UPDATE sentences SET text = '' WHERE text != ''
                        AND article_id IN (SELECT id FROM articles WHERE first_seen < ?)
                        """, arguments: [cutoff(age)])
                return db.changesCount
            }
        }
        if let age = policy.changes {
            report.changesDeleted = try write { db in
                // Unlogged rows are kept whatever their age: the change log has not got them yet.
                try db.execute(sql: "DELETE FROM changes WHERE time < ? AND logged = 1", arguments: [cutoff(age)])
                return db.changesCount
            }
        }
        return report
    }

    // MARK: - Maintenance

    /// SQLite's housekeeping for a long-lived store: statistics for the planner, the full-text index's segments
    /// merged, free pages returned to the file system, the WAL folded back into the database.
    /// Incremental vacuum only returns whole free pages: rows that retention shrank (blanked sentences) leave
    /// their slack inside pages, which only a full VACUUM gives back.
    /// - Parameters:
    ///   - convertToIncremental: a store made before auto_vacuum=INCREMENTAL is switched by one full VACUUM.
    ///   - fullVacuum: rewrite the whole file (VACUUM) instead of the incremental vacuum.
    ///   Both block writers while the file is rewritten and need free disk as large as the store, so only
    ///   `summitwatch maintain` asks for them, never the daemon's daily upkeep.
    public func maintain(convertToIncremental: Bool = false, fullVacuum: Bool = false) throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA optimize")
                try db.execute(sql: "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
                let mode = try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") ?? 0
                if fullVacuum || (mode != 2 && convertToIncremental) {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                } else {
                    try db.execute(sql: "PRAGMA incremental_vacuum")
                }
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
    }

    /// When upkeep (retention and maintenance) last ran on this store, by anyone.
    public func lastUpkeep() throws(StoreError) -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: "SELECT CAST(value AS REAL) FROM store_meta WHERE key = 'last_upkeep'").map(Date.init(timeIntervalSince1970:))
        }
    }

    public func recordUpkeep(_ time: Date) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO store_meta (key, value) VALUES ('last_upkeep', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [String(time.timeIntervalSince1970)])
        }
    }

    public func statistics() throws(StoreError) -> StoreStatistics {
        try read { db in
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let wal = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
            let rows = try Self.countedTables.map { table in (table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0) }
            return StoreStatistics(bytes: pageSize * pages + wal, freeBytes: pageSize * free, rows: rows)
        }
    }

    /// Answers when the database does: the daemon feeds systemd's watchdog only while this holds.
    public func ping() -> Bool {
        (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    // MARK: - Backup and check

    /// A consistent copy through SQLite's online backup API, all pages in one step from one read transaction:
    /// writers go on meanwhile (WAL), and the copy is the store as of the moment the step began. The copy is
    /// written beside `destination` and renamed over it, so a failed backup never leaves half a file there.
    public func backup(to destination: String) throws(StoreError) {
        let partial = destination + ".partial"
        let resolved = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        guard resolved(destination) != resolved(path) else {
            throw StoreError(path: destination, reason: "is the store itself; name another file for the backup")
        }
        do {
            try? FileManager.default.removeItem(atPath: partial)
            let target = try DatabaseQueue(path: partial)
            try pool.backup(to: target)
            // One self-contained file, whatever journal mode the store runs in.
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
            guard rename(partial, destination) == 0 else {
                throw StoreError(path: destination, reason: "cannot rename \(partial) to \(destination): \(String(cString: strerror(errno)))")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StoreError(path: destination, reason: Self.reason(error))
        }
    }

    public func check() throws(StoreError) -> StoreCheckReport {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) refers to a missing \(row[2] as String? ?? "?") row"
            }
            let modes = ["none", "full", "incremental"]
            let autoVacuum = try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") ?? 0
            return StoreCheckReport(
                integrity: integrity, foreignKeys: foreignKeys,
                schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                expectedSchemaVersion: Schema.version,
                applicationID: try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                autoVacuum: modes.indices.contains(autoVacuum) ? modes[autoVacuum] : String(autoVacuum))
        }
    }

    /// Ids of the changes the store says are in the change log (`logged`), for comparing with its files.
    public func loggedChangeIDs() throws(StoreError) -> [(id: Int64, time: Date)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, time FROM changes WHERE logged = 1 ORDER BY id").map {
                (id: $0["id"], time: Date(timeIntervalSince1970: $0["time"]))
            }
        }
    }
}
