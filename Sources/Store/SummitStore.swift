import ChangeLog
import Foundation
import GRDB
import Model

/// The SQLite store (GRDB, WAL): the only place that knows SQL. One instance per process; it is Sendable and
/// every method is one transaction.
public final class SummitStore: Sendable {
    /// How a command may use the store: only `run`, `fetch` and `maintain` create or migrate one.
    public enum Access: Sendable {
        /// Creates a missing store and migrates an older one.
        case readWrite
        /// Never creates, migrates or writes; works on a read-only file.
        case readOnly
    }

    public let path: String
    let pool: any DatabaseWriter

    /// Opens the store, after making sure the file is ours (a foreign SQLite file is refused and left unchanged).
    public init(path: String, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            let found = try StoreFile.identify(path)
            if let refusal = found.refusal(readOnly: access == .readOnly) { throw StoreError(path: path, reason: refusal) }
            switch access {
            case .readOnly:
                configuration.readonly = true
                pool = try DatabaseQueue(path: path, configuration: configuration)
            case .readWrite:
                configuration.prepareDatabase { db in
                    // Debian's SQLite defaults WAL to synchronous=FULL; NORMAL is durable across process crashes in WAL.
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    // So that rows an INSERT OR REPLACE replaces are uncounted by QueryAggregates' delete triggers.
                    try db.execute(sql: "PRAGMA recursive_triggers = ON")
                }
                if found == .missing || found == .empty { try StoreFile.create(path) }
                pool = try DatabasePool(path: path, configuration: configuration)
                try Schema.migrator.migrate(pool)
                try pool.write { db in
                    if try Int.fetchOne(db, sql: "PRAGMA user_version") != Schema.version {
                        try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
                    }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }

    func write<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(work)
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
    }

    func read<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(work)
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
    }

    // MARK: - Feeds

    /// Makes the feeds table match the config: new feeds are added (due now); a feed whose configured URL
    /// changed starts over at the new URL. Feeds no longer configured keep their rows (and articles).
    @discardableResult
    public func syncFeeds(_ feeds: [(name: String, url: String)]) throws(StoreError) -> [FeedState] {
        try write { db in
            for feed in feeds {
                if let row = try Row.fetchOne(db, sql: "SELECT configured_url FROM feeds WHERE name = ?", arguments: [feed.name]) {
                    let configured: String = row["configured_url"]
                    if configured != feed.url {
                        try db.execute(
                            sql: """
                                UPDATE feeds SET url = ?, configured_url = ?, etag = NULL, last_modified = NULL, body_hash = NULL,
                                redirect_streak = 0, redirect_target = NULL, next_due = NULL WHERE name = ?
                                """, arguments: [feed.url, feed.url, feed.name])
                    }
                } else {
                    try db.execute(
                        sql: "INSERT INTO feeds (name, url, configured_url) VALUES (?, ?, ?)",
                        arguments: [feed.name, feed.url, feed.url])
                }
            }
            return try Self.feedStates(db)
        }
    }

    public func feedStates() throws(StoreError) -> [FeedState] {
        try read { db in try Self.feedStates(db) }
    }

    private static func feedStates(_ db: Database) throws -> [FeedState] {
        try Row.fetchAll(db, sql: "SELECT * FROM feeds ORDER BY name").map { row in
            FeedState(
                id: row["id"], name: row["name"], url: row["url"], configuredURL: row["configured_url"],
                etag: row["etag"], lastModified: row["last_modified"], bodyHash: row["body_hash"],
                lastStatus: row["last_status"], lastError: row["last_error"],
                lastErrorKind: (row["last_error_kind"] as String?).flatMap(FailureKind.init(rawValue:)),
                consecutiveFailures: row["consecutive_failures"], nextDue: date(row["next_due"]),
                lastFetched: date(row["last_fetched"]), redirectStreak: row["redirect_streak"],
                redirectTarget: row["redirect_target"], dueReason: row["due_reason"], feedHint: row["feed_hint"])
        }
    }

    /// Writes a fetch outcome onto the feed's row, with the feed's change events in the same transaction.
    public func recordFetch(feedID: Int64, outcome: FeedFetchOutcome, events: [ChangeEvent]) throws(StoreError) -> [ChangeLine] {
        try batch { batch throws(StoreError) in try batch.recordFetch(feedID: feedID, outcome: outcome, events: events) }
    }

    /// Item keys (GUID or link) the feed has shown before: those are not fetched again.
    public func knownItemKeys(feedID: Int64) throws(StoreError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT item_key FROM feed_items WHERE feed_id = ?", arguments: [feedID])) }
    }

    public func recordItems(feedID: Int64, items: [SeenItem]) throws(StoreError) {
        guard !items.isEmpty else { return }
        try batch { batch throws(StoreError) in try batch.recordItems(feedID: feedID, items: items) }
    }

    // MARK: - Change log bookkeeping

    static func insert(_ event: ChangeEvent, _ db: Database) throws -> ChangeLine {
        try db.cachedStatement(
            sql: "INSERT INTO changes (time, kind, feed, article_id, story_id, entity_id, summit_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, '')"
        ).execute(
            arguments: [
                event.time.timeIntervalSince1970, event.kind.rawValue, event.feed, event.ids.article, event.ids.story,
                event.ids.entity, event.ids.summit,
            ])
        var stored = event
        stored.id = db.lastInsertedRowID
        let line = stored.line
        try db.cachedStatement(sql: "UPDATE changes SET line = ? WHERE id = ?").execute(arguments: [line, stored.id])
        return ChangeLine(id: stored.id!, time: event.time, text: line)
    }

    /// Changes stored but not yet confirmed in the change log (a crash came between the two).
    public func unloggedChanges() throws(StoreError) -> [ChangeLine] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, time, line FROM changes WHERE logged = 0 ORDER BY id").map {
                ChangeLine(id: $0["id"], time: Date(timeIntervalSince1970: $0["time"]), text: $0["line"])
            }
        }
    }

    public func markLogged(_ lines: [ChangeLine]) throws(StoreError) {
        guard !lines.isEmpty else { return }
        try write { db in
            for chunk in stride(from: 0, to: lines.count, by: 500) {
                let ids = lines[chunk..<min(chunk + 500, lines.count)].map(\.id)
                try db.execute(sql: "UPDATE changes SET logged = 1 WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
            }
        }
    }

    static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }
}

/// A feed item seen in a cycle, remembered so it is not fetched again.
public struct SeenItem: Sendable {
    public var key: String
    public var link: String?
    public var title: String?
    public var published: Date?
    public var firstSeen: Date
    public var articleID: Int64?
    public init(key: String, link: String?, title: String?, published: Date?, firstSeen: Date, articleID: Int64?) {
        self.key = key
        self.link = link
        self.title = title
        self.published = published
        self.firstSeen = firstSeen
        self.articleID = articleID
    }
}
