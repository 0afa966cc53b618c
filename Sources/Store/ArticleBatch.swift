import ChangeLog
import Foundation
import GRDB
import Model

extension SummitStore {
    /// One write transaction for many pages: the pipeline's writer decides and stores a batch of articles with
    /// their feeds' bookkeeping at once, so SQLite syncs once per batch instead of once per row group. Reads
    /// inside the batch see what it wrote so far (two copies of a story in one batch are one story), except the
    /// full-text index, which is written when the batch's work is done (`PendingSearchIndex`).
    public func batch<T>(_ work: (ArticleBatch) throws(StoreError) -> T) throws(StoreError) -> T {
        let path = path
        var result: Result<T, StoreError>?
        do {
            try pool.write { db in
                let batch = ArticleBatch(db: db, path: path)
                let outcome = Result { () throws(StoreError) -> T in try work(batch) }
                result = outcome
                // A failed batch leaves nothing half-written: the error is rethrown after the rollback.
                if case .failure(let error) = outcome { throw error }
                try batch.searchIndex.write(db)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, reason: Self.reason(error))
        }
        return try result!.get()
    }
}

/// The store inside one write transaction (see `SummitStore.batch`). Every per-row statement is a cached
/// prepared statement: preparing the same SQL again per row cost a fifth of ingest.
public struct ArticleBatch {
    let db: Database
    let path: String
    let searchIndex = PendingSearchIndex()
    let nameKeys = NameKeyCache()

    /// Runs `work` in a savepoint: if it fails, only its own writes are undone and the batch goes on.
    public func isolated<T>(_ work: () throws(StoreError) -> T) throws(StoreError) -> T {
        let before = searchIndex.pending
        do {
            return try run { () throws -> T in
                var result: T?
                try db.inSavepoint {
                    result = try work()
                    return .commit
                }
                return result!
            }
        } catch {
            searchIndex.pending = before
            throw error
        }
    }

    public func article(identityKey: String) throws(StoreError) -> ArticleIdentity? {
        try run { try Self.identity(db, where: "a.identity_key = ?", [identityKey]) }
    }

    public func article(textHash: String) throws(StoreError) -> ArticleIdentity? {
        try run { try Self.identity(db, where: "a.text_hash = ?", [textHash]) }
    }

    public func articleIdentity(id: Int64) throws(StoreError) -> ArticleIdentity? {
        try run { try Self.identity(db, where: "a.id = ?", [id]) }
    }

    public func articleID(urlKey: String) throws(StoreError) -> Int64? {
        try run { try Self.articleID(db, urlKey: urlKey) }
    }

    public func nearDuplicates(of simhashes: [UInt64], maxDistance: Int = 3) throws(StoreError) -> [ArticleIdentity] {
        try run { try Self.nearDuplicates(db, of: simhashes, maxDistance: maxDistance) }
    }

    /// Stores one fetched article the way `kind` says, with its entities, summits and change events.
    public func store(_ article: ArticleWrite, as kind: ArticleWriteKind, feedName: String) throws(StoreError) -> (articleID: Int64, lines: [ChangeLine]) {
        try run {
            var writer = ArticleTransaction(db: db, article: article, feedName: feedName, searchIndex: searchIndex, nameKeys: nameKeys)
            return try writer.run(kind)
        }
    }

    public func touch(articleID: Int64, checked: Date, etag: String?, lastModified: String?) throws(StoreError) {
        try run {
            try db.cachedStatement(
                sql: "UPDATE articles SET last_checked = ?, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?"
            ).execute(arguments: [checked.timeIntervalSince1970, etag, lastModified, articleID])
        }
    }

    /// Links a known article to another feed or URL; an `article.duplicate` change when the source is new.
    public func addSource(articleID: Int64, feedID: Int64, feedName: String, url: String, time: Date) throws(StoreError) -> [ChangeLine] {
        try run {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_sources (article_id, feed_id, url, first_seen) VALUES (?, ?, ?, ?)")
                .execute(arguments: [articleID, feedID, url, time.timeIntervalSince1970])
            guard db.changesCount > 0 else { return [] }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_urls (url_key, article_id) VALUES (?, ?)")
                .execute(arguments: [URLCanonicalizer.canonical(url), articleID])
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT story_id, title FROM articles WHERE id = ?"), arguments: [articleID])
            let duplicate = ArticleDuplicate(article: articleID, story: row?["story_id"], url: url, title: row?["title"], match: .url)
            return [try SummitStore.insert(ChangeEvent(time: time, feed: feedName, .articleDuplicate(duplicate)), db)]
        }
    }

    /// Remembers a feed's items (keyed by GUID or link) so later cycles do not take them again.
    public func recordItems(feedID: Int64, items: [SeenItem]) throws(StoreError) {
        try run {
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO feed_items (feed_id, item_key, link, title, published, first_seen, article_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (feed_id, item_key) DO UPDATE SET article_id = COALESCE(excluded.article_id, article_id)
                    """)
            for item in items {
                try insert.execute(arguments: [
                    feedID, item.key, item.link, item.title, item.published?.timeIntervalSince1970,
                    item.firstSeen.timeIntervalSince1970, item.articleID,
                ])
            }
        }
    }

    /// Writes a fetch outcome onto the feed's row, with the feed's change events.
    public func recordFetch(feedID: Int64, outcome: FeedFetchOutcome, events: [ChangeEvent]) throws(StoreError) -> [ChangeLine] {
        try run {
            let failed = outcome.errorKind != nil
            try db.cachedStatement(
                sql: """
                    UPDATE feeds SET
                        last_status = ?, last_error = ?, last_error_kind = ?,
                        consecutive_failures = CASE WHEN ? THEN consecutive_failures + 1 ELSE 0 END,
                        etag = CASE WHEN ? THEN etag ELSE ? END,
                        last_modified = CASE WHEN ? THEN last_modified ELSE ? END,
                        body_hash = COALESCE(?, body_hash),
                        next_due = ?, last_fetched = ?,
                        last_success = CASE WHEN ? THEN last_success ELSE ? END,
                        redirect_streak = ?, redirect_target = ?,
                        url = COALESCE(?, url),
                        due_reason = ?, feed_hint = COALESCE(?, feed_hint)
                    WHERE id = ?
                    """
            ).execute(arguments: [
                outcome.status, outcome.error, outcome.errorKind?.rawValue, failed,
                failed, outcome.etag, failed, outcome.lastModified, outcome.bodyHash,
                outcome.nextDue.timeIntervalSince1970, outcome.fetched.timeIntervalSince1970,
                failed, outcome.fetched.timeIntervalSince1970,
                outcome.movedTo == nil ? outcome.redirectStreak : 0, outcome.movedTo == nil ? outcome.redirectTarget : nil,
                outcome.movedTo, outcome.dueReason, outcome.feedHint, feedID,
            ])
            return try events.map { try SummitStore.insert($0, db) }
        }
    }

    private func run<T>(_ work: () throws -> T) throws(StoreError) -> T {
        do {
            return try work()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, reason: SummitStore.reason(error))
        }
    }

    // MARK: - Lookups shared with the store's one-shot reads

    static func identity(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> ArticleIdentity? {
        let statement = try db.cachedStatement(
            sql: """
                SELECT a.id, a.story_id, a.version, a.text_hash, a.etag, a.last_modified, a.url, v.text
                FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.version
                WHERE \(condition) LIMIT 1
                """)
        return try Row.fetchOne(statement, arguments: arguments).map { row in
            ArticleIdentity(
                id: row["id"], storyID: row["story_id"], version: row["version"], textHash: row["text_hash"],
                text: row["text"], etag: row["etag"], lastModified: row["last_modified"], url: row["url"])
        }
    }

    static func articleID(_ db: Database, urlKey: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT article_id FROM article_urls WHERE url_key = ?"), arguments: [urlKey])
    }

    static func nearDuplicates(_ db: Database, of simhashes: [UInt64], maxDistance: Int) throws -> [ArticleIdentity] {
        var best: [Int64: Int] = [:]
        let statement = try db.cachedStatement(sql: "SELECT article_id, fingerprint FROM simhash_bands WHERE band = ? AND value = ?")
        for band in SummitStore.bands(simhashes) {
            let probe = UInt64(bitPattern: band.fingerprint)
            let rows = try Row.fetchCursor(statement, arguments: [band.band, band.value])
            while let row = try rows.next() {
                let distance = (UInt64(bitPattern: row["fingerprint"]) ^ probe).nonzeroBitCount
                guard distance <= maxDistance else { continue }
                let id: Int64 = row["article_id"]
                best[id] = min(best[id] ?? .max, distance)
            }
        }
        return try best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.compactMap { id, _ in try identity(db, where: "a.id = ?", [id]) }
    }
}

/// The full-text index writes of one batch, made when its articles are written. FTS5 flushes the terms it holds
/// to a new index segment whenever a savepoint opens after it was written to, so indexing inside each article's
/// savepoint wrote (and then merged) a segment per article: 3.5× the index's own cost on 600-word pages.
final class PendingSearchIndex {
    struct Pending {
        /// Entries to remove, with the title and text they were made from (read before the row changed).
        var removals: [Int64: [DatabaseValue]] = [:]
        /// Articles whose entry is made from their row as it stands when the batch ends.
        var additions: Set<Int64> = []
    }
    var pending = Pending()

    /// The article's text is about to change (or go): its indexed entry, if any, must go with the current values.
    func willChange(articleID: Int64, _ db: Database) throws {
        // An entry added in this batch is not in the index yet; one already noted keeps its first values.
        guard !pending.additions.contains(articleID), pending.removals[articleID] == nil else { return }
        if let values = try SearchIndex.entry(articleID: articleID, db) { pending.removals[articleID] = values }
    }

    func add(articleID: Int64) { pending.additions.insert(articleID) }

    /// Removals first (their values were read before the rows changed), then additions from the rows as they are.
    func write(_ db: Database) throws {
        for (id, values) in pending.removals.sorted(by: { $0.key < $1.key }) { try SearchIndex.remove(articleID: id, madeFrom: values, db) }
        for id in pending.additions.sorted() { try SearchIndex.add(articleID: id, db) }
        pending = Pending()
    }
}

/// Lookup keys of the names a batch writes: the same few names recur in most articles, and `NameKey.of`
/// (compatibility decomposition, Unicode properties per scalar) was 2 % of a cycle's CPU.
final class NameKeyCache {
    private var keys: [String: String] = [:]

    func key(_ name: String) -> String {
        if let known = keys[name] { return known }
        let key = NameKey.of(name)
        keys[name] = key
        return key
    }
}

/// The full-text index is external-content over `article_texts` (each article's title and current text), so the
/// text is stored once. SQLite cannot see when the content changes: an entry is added from the current row and
/// must be removed with the very values it was made from, i.e. before the row changes.
enum SearchIndex {
    /// The title and text an entry is made from: the article's row in `article_texts`, if it has one.
    static func entry(articleID: Int64, _ db: Database) throws -> [DatabaseValue]? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT title, text FROM article_texts WHERE id = ?"), arguments: [articleID])
            .map { [$0[0], $0[1]] }
    }

    // The values are read first and bound: `INSERT INTO articles_fts ... SELECT ...` cost FTS5 3–4× as much per
    // article (0.32 against 0.10 ms on 600-word pages, measured in sqlite3 on the same store).
    // `add` and `remove` write at once: outside a batch only (retention); inside one, `PendingSearchIndex` does.
    static func add(articleID: Int64, _ db: Database) throws {
        guard let values = try entry(articleID: articleID, db) else { return }
        try db.cachedStatement(sql: "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)")
            .execute(arguments: StatementArguments([articleID.databaseValue] + values))
    }

    static func remove(articleID: Int64, _ db: Database) throws {
        guard let values = try entry(articleID: articleID, db) else { return }
        try remove(articleID: articleID, madeFrom: values, db)
    }

    /// Removes the entry made from `values` (an external-content entry goes only with the values it was made from).
    static func remove(articleID: Int64, madeFrom values: [DatabaseValue], _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)")
            .execute(arguments: StatementArguments([articleID.databaseValue] + values))
    }
}
