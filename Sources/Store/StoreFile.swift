import Foundation
import GRDB

/// What a database path holds, found out without writing a byte to it: a store of ours (and its schema
/// version), nothing yet, or a file we must leave alone.
enum StoreFile: Equatable {
    /// `PRAGMA application_id` of every SummitWatch store: "SWCH" in ASCII.
    static let applicationID: Int32 = 0x5357_4348

    case missing
    /// An existing file of zero bytes: SQLite treats it as a new database.
    case empty
    /// Ours: `version` is its `PRAGMA user_version` (0 for stores made before the store named itself).
    case summitWatch(version: Int)
    case foreign(reason: String)

    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    static func identify(_ path: String) throws -> StoreFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return FileManager.default.fileExists(atPath: path) ? .foreign(reason: "cannot be read") : .missing
        }
        let head = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        try? handle.close()
        if head.isEmpty { return .empty }
        guard Array(head) == sqliteHeader else { return .foreign(reason: "not an SQLite database") }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if application == applicationID { return .summitWatch(version: version) }
            guard application == 0 else {
                return .foreign(reason: String(format: "application_id 0x%08x belongs to another application", application))
            }
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if tables.isEmpty { return .empty }
            if try isFirstSummitWatchSchema(db, tables: tables) { return .summitWatch(version: 0) }
            return .foreign(reason: "its tables (\(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")) are not a SummitWatch store")
        }
    }

    /// A store made before application_id was set: GRDB's migration table says it ran our first migration.
    private static func isFirstSummitWatchSchema(_ db: Database, tables: [String]) throws -> Bool {
        guard tables.contains("grdb_migrations"), tables.contains("feeds"), tables.contains("articles") else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = 'v1')") ?? false
    }

    /// Lays down a new store's header: incremental auto-vacuum must be chosen before the first table exists.
    static func create(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        try queue.close()
    }

    /// Why this file cannot be opened as asked, or nil when it can.
    func refusal(readOnly: Bool) -> String? {
        switch self {
        case .missing, .empty:
            return readOnly ? "no store there yet (only `run`, `fetch` and `maintain` create one; check `database:` in the config)" : nil
        case .foreign(let reason):
            return "not a SummitWatch store: \(reason); left untouched (point `database:` at another file)"
        case .summitWatch(let version) where version > Schema.version:
            return "schema version \(version) is newer than this summitwatch understands (\(Schema.version)); upgrade summitwatch"
        case .summitWatch(let version) where readOnly && version < Schema.version:
            return
                "schema version \(version) is older than this summitwatch's (\(Schema.version)); run `summitwatch maintain` (or start the daemon) once to migrate it"
        case .summitWatch:
            return nil
        }
    }
}
