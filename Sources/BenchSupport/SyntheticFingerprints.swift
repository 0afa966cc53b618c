import Foundation
import GRDB
import Store

/// The dedup benchmark's filler: synthetic articles (one version, a few words of text) with given fingerprints,
/// written straight into a store's tables in one transaction, as fast as SQLite allows, so that lookups can be
/// timed at a million articles. Benchmark support only; the product writes through `SummitStore`.
public enum SyntheticFingerprints {
    /// For the dedup benchmark only: inserts synthetic articles (one version, a few words of text) with the given
    /// fingerprints in one transaction, as fast as SQLite allows. Returns the ids given.
    public static func insert(_ fingerprints: [[UInt64]], feedID: Int64, into store: SummitStore) throws -> [Int64] {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        return try DatabaseQueue(path: store.path, configuration: configuration).write { db in
            try db.execute(sql: "INSERT INTO stories (title, first_seen) VALUES ('synthetic', 0)")
            let story = db.lastInsertedRowID
            let article = try db.makeStatement(
                sql: """
                    INSERT INTO articles (identity_key, url, feed_id, story_id, first_seen, last_checked, text_hash, simhash, words)
                    VALUES (?, ?, ?, ?, 0, 0, ?, ?, 3)
                    """)
            let version = try db.makeStatement(
                sql: "INSERT INTO article_versions (article_id, version, fetched, text, words) VALUES (?, 1, 0, 'synthetic text here', 3)")
            let band = try db.makeStatement(sql: "INSERT INTO simhash_bands (band, value, fingerprint, article_id) VALUES (?, ?, ?, ?)")
            var ids: [Int64] = []
            ids.reserveCapacity(fingerprints.count)
            for fingerprint in fingerprints {
                let key = "https://synthetic.example/\(UUID().uuidString)"
                try article.execute(arguments: [key, key, feedID, story, key, Int64(bitPattern: fingerprint.first ?? 0)])
                let id = db.lastInsertedRowID
                try version.execute(arguments: [id])
                for entry in SummitStore.bands(fingerprint) { try band.execute(arguments: [entry.band, entry.value, entry.fingerprint, id]) }
                ids.append(id)
            }
            return ids
        }
    }

}
