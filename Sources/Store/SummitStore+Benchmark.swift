import Foundation
import GRDB

extension SummitStore {
    /// For the dedup benchmark only: inserts synthetic articles (one version, a few words of text) with the given
    /// fingerprints in one transaction, as fast as SQLite allows. Returns the ids given.
    public func benchmarkInsertFingerprints(_ fingerprints: [[UInt64]], feedID: Int64) throws(StoreError) -> [Int64] {
        try write { db in
            try db.execute(sql: "INSERT INTO stories (title, first_seen) VALUES ('synthetic', 0)")
            let story = db.lastInsertedRowID
            let article = try db.makeStatement(sql: """
                INSERT INTO articles (identity_key, url, feed_id, story_id, first_seen, last_checked, text_hash, simhash, words)
                VALUES (?, ?, ?, ?, 0, 0, ?, ?, 3)
                """)
            let version = try db.makeStatement(sql: "INSERT INTO article_versions (article_id, version, fetched, text, words) VALUES (?, 1, 0, 'synthetic text here', 3)")
            let band = try db.makeStatement(sql: "INSERT INTO simhash_bands (band, value, fingerprint, article_id) VALUES (?, ?, ?, ?)")
            var ids: [Int64] = []
            ids.reserveCapacity(fingerprints.count)
            for fingerprint in fingerprints {
                let key = "https://synthetic.example/\(UUID().uuidString)"
                try article.execute(arguments: [key, key, feedID, story, key, Int64(bitPattern: fingerprint.first ?? 0)])
                let id = db.lastInsertedRowID
                try version.execute(arguments: [id])
                for entry in Self.bands(fingerprint) { try band.execute(arguments: [entry.band, entry.value, entry.fingerprint, id]) }
                ids.append(id)
            }
            return ids
        }
    }

    /// The database file's size in bytes, WAL checkpointed first.
    public func fileSize() throws(StoreError) -> Int {
        do {
            // A checkpoint cannot run inside a transaction.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
        return ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) ?? 0
    }
}
