import Foundation
import GRDB

extension SummitStore {
    /// The database file's size in bytes, WAL checkpointed first.
    public func fileSize() throws(StoreError) -> Int {
        do {
            // A checkpoint cannot run inside a transaction.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? Int) ?? 0
    }
}
