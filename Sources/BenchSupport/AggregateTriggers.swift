import GRDB

/// For measuring what the query aggregates cost at ingest: a store without the triggers that keep
/// `entity_pairs` and `entity_days`. Benchmark support only; a real store always has them.
public enum AggregateTriggers {
    /// Drops the aggregate-maintaining triggers of the store at `path` (no `SummitStore` may have it open).
    public static func drop(path: String) throws {
        try DatabaseQueue(path: path).write { db in
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'entity_pairs_%' OR name LIKE 'entity_days_%')")
            for name in names { try db.execute(sql: "DROP TRIGGER \(name)") }
        }
    }
}
