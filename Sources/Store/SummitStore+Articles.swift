import ChangeLog
import Foundation
import GRDB
import Model

extension SummitStore {
    /// Bands of the SimHashes: four 16-bit slices of each. Two fingerprints within Hamming distance 3 agree on at
    /// least one slice (pigeonhole), so candidates come from indexed equality lookups. Band = 4 × fingerprint + slice.
    package static func bands(_ simhashes: [UInt64]) -> [(band: Int, value: Int64, fingerprint: Int64)] {
        simhashes.enumerated().flatMap { index, simhash in
            (0..<4).map { slice in (index * 4 + slice, Int64((simhash >> (UInt64(slice) * 16)) & 0xFFFF), Int64(bitPattern: simhash)) }
        }
    }

    public func article(identityKey: String) throws(StoreError) -> ArticleIdentity? {
        try read { db in try ArticleBatch.identity(db, where: "a.identity_key = ?", [identityKey]) }
    }

    public func article(textHash: String) throws(StoreError) -> ArticleIdentity? {
        try read { db in try ArticleBatch.identity(db, where: "a.text_hash = ?", [textHash]) }
    }

    public func articleIdentity(id: Int64) throws(StoreError) -> ArticleIdentity? {
        try read { db in try ArticleBatch.identity(db, where: "a.id = ?", [id]) }
    }

    /// The article any address normalising to `urlKey` (`URLCanonicalizer.canonical`) was ever stored or seen under.
    public func articleID(urlKey: String) throws(StoreError) -> Int64? {
        try read { db in try ArticleBatch.articleID(db, urlKey: urlKey) }
    }

    /// Stored articles one of whose fingerprints is within `maxDistance` (≤ 3) bits of the paired probe, nearest first.
    public func nearDuplicates(of simhashes: [UInt64], maxDistance: Int = 3) throws(StoreError) -> [ArticleIdentity] {
        try read { db in try ArticleBatch.nearDuplicates(db, of: simhashes, maxDistance: maxDistance) }
    }

    /// Stores one fetched article the way `kind` says, with its entities, summits and change events, in one
    /// transaction. Returns the change lines to append to the log.
    public func store(_ article: ArticleWrite, as kind: ArticleWriteKind, feedName: String) throws(StoreError) -> (articleID: Int64, lines: [ChangeLine]) {
        try batch { batch throws(StoreError) in try batch.store(article, as: kind, feedName: feedName) }
    }

    /// Records that an article was checked again and had not changed.
    public func touch(articleID: Int64, checked: Date, etag: String?, lastModified: String?) throws(StoreError) {
        try batch { batch throws(StoreError) in try batch.touch(articleID: articleID, checked: checked, etag: etag, lastModified: lastModified) }
    }

    /// Links a known article to another feed or URL without fetching it again; an `article.duplicate` change
    /// when the source is new.
    public func addSource(articleID: Int64, feedID: Int64, feedName: String, url: String, time: Date) throws(StoreError) -> [ChangeLine] {
        try batch { batch throws(StoreError) in try batch.addSource(articleID: articleID, feedID: feedID, feedName: feedName, url: url, time: time) }
    }

    /// Articles first seen inside the recheck window, with what a conditional re-fetch needs, least recently checked first.
    public func recheckCandidates(firstSeenAfter: Date, checkedBefore: Date, limit: Int) throws(StoreError) -> [RecheckCandidate] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.url, a.etag, a.last_modified, a.body_hash, a.feed_id, a.first_seen, a.last_checked, f.name AS feed_name
                    FROM articles a JOIN feeds f ON f.id = a.feed_id
                    WHERE a.first_seen >= ? AND a.last_checked < ?
                    ORDER BY a.last_checked LIMIT ?
                    """, arguments: [firstSeenAfter.timeIntervalSince1970, checkedBefore.timeIntervalSince1970, limit]
            ).map { row in
                RecheckCandidate(
                    articleID: row["id"], url: row["url"], etag: row["etag"], lastModified: row["last_modified"], bodyHash: row["body_hash"],
                    feedID: row["feed_id"], feedName: row["feed_name"],
                    firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
                    lastChecked: Date(timeIntervalSince1970: row["last_checked"]))
            }
        }
    }
}

public struct RecheckCandidate: Sendable, Equatable {
    public var articleID: Int64
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    public var feedID: Int64
    public var feedName: String
    public var firstSeen: Date
    public var lastChecked: Date
}

/// The writes of one article, in the order foreign keys need them.
struct ArticleTransaction {
    let db: Database
    let article: ArticleWrite
    let feedName: String
    let searchIndex: PendingSearchIndex
    let nameKeys: NameKeyCache
    var lines: [ChangeLine] = []
    /// The article's stored sentences by text, loaded on first use: each is written once, whatever points to it.
    private var sentenceIDs: [String: Int64]?

    init(db: Database, article: ArticleWrite, feedName: String, searchIndex: PendingSearchIndex, nameKeys: NameKeyCache) {
        self.db = db
        self.article = article
        self.feedName = feedName
        self.searchIndex = searchIndex
        self.nameKeys = nameKeys
    }

    mutating func run(_ kind: ArticleWriteKind) throws -> (articleID: Int64, lines: [ChangeLine]) {
        let time = article.fetched
        let articleID: Int64
        switch kind {
        case .new(let joiningStory):
            let storyID = try joiningStory ?? newStory()
            articleID = try insertArticle(storyID: storyID)
            try addSource(articleID)
            if let joiningStory {
                try event(.articleDuplicate(ArticleDuplicate(article: articleID, story: joiningStory, url: article.url, title: article.title, match: .near)))
            } else {
                try event(.articleNew(ArticleNew(article: articleID, story: storyID, url: article.url, title: article.title, words: article.words)))
            }
            try writeEntities(articleID, version: 1)
        case .newVersion(let existing, let diff, let stats):
            articleID = existing
            let version = try fetchInt(sql: "SELECT version FROM articles WHERE id = ?", arguments: [existing])! + 1
            // The index is external-content: an entry is removed with the values it was made from, so before they change.
            try searchIndex.willChange(articleID: existing, db)
            try execute(
                sql: """
                    UPDATE articles SET version = ?, title = COALESCE(?, title), text_hash = ?, simhash = ?, words = ?, last_checked = ?,
                    modified = COALESCE(?, modified), etag = ?, last_modified = ?, body_hash = ?, relevant = ?, relevance_score = ? WHERE id = ?
                    """,
                arguments: [
                    version, article.title, article.textHash, Int64(bitPattern: article.simhashes.first ?? 0), article.words,
                    time.timeIntervalSince1970, article.modified?.timeIntervalSince1970, article.etag, article.lastModified,
                    article.bodyHash, article.relevant, article.relevanceScore, existing,
                ])
            try insertVersion(existing, version: version, diff: diff)
            try replaceBands(existing)
            searchIndex.add(articleID: existing)
            let storyID = try fetchInt64(sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [existing])
            try event(
                .articleUpdated(
                    ArticleUpdated(
                        article: existing, story: storyID, url: article.url, title: article.title, version: version,
                        added: stats.added, removed: stats.removed, diff: diff)))
            try execute(sql: "DELETE FROM article_entities WHERE article_id = ?", arguments: [existing])
            try writeEntities(existing, version: version)
        case .exactDuplicate(let existing), .alias(let existing):
            articleID = existing
            let isNewSource = try addSource(existing)
            if isNewSource {
                let storyID = try fetchInt64(sql: "SELECT story_id FROM articles WHERE id = ?", arguments: [existing])
                let match: DuplicateMatch = if case .alias = kind { .canonical } else { .exact }
                try event(.articleDuplicate(ArticleDuplicate(article: existing, story: storyID, url: article.url, title: article.title, match: match)))
            }
        case .unchanged(let existing):
            articleID = existing
            try execute(
                sql: """
                    UPDATE articles SET last_checked = ?, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
                    body_hash = COALESCE(?, body_hash) WHERE id = ?
                    """, arguments: [time.timeIntervalSince1970, article.etag, article.lastModified, article.bodyHash, existing])
            try addSource(existing)
        }
        return (articleID, lines)
    }

    private func newStory() throws -> Int64 {
        try execute(sql: "INSERT INTO stories (title, first_seen) VALUES (?, ?)", arguments: [article.title, article.fetched.timeIntervalSince1970])
        return db.lastInsertedRowID
    }

    private func insertArticle(storyID: Int64) throws -> Int64 {
        try execute(
            sql: """
                INSERT INTO articles (identity_key, url, canonical_url, feed_id, story_id, title, byline, site_name, language, published, modified,
                    first_seen, last_checked, etag, last_modified, body_hash, version, text_hash, simhash, words, relevant, relevance_score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
                """,
            arguments: [
                article.identityKey, article.url, article.canonicalURL, article.feedID, storyID, article.title, article.byline,
                article.siteName, article.language, article.published?.timeIntervalSince1970, article.modified?.timeIntervalSince1970,
                article.fetched.timeIntervalSince1970, article.fetched.timeIntervalSince1970, article.etag, article.lastModified, article.bodyHash,
                article.textHash, Int64(bitPattern: article.simhashes.first ?? 0), article.words, article.relevant, article.relevanceScore,
            ])
        let id = db.lastInsertedRowID
        try insertVersion(id, version: 1, diff: nil)
        try replaceBands(id)
        searchIndex.add(articleID: id)
        try addURLKey(URLCanonicalizer.canonical(article.url), id)
        try addURLKey(article.identityKey, id)
        return id
    }

    private func insertVersion(_ id: Int64, version: Int, diff: String?) throws {
        try execute(
            sql: "INSERT INTO article_versions (article_id, version, fetched, title, text, words, diff) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, version, article.fetched.timeIntervalSince1970, article.title, article.text, article.words, diff])
    }

    private func replaceBands(_ id: Int64) throws {
        try execute(sql: "DELETE FROM simhash_bands WHERE article_id = ?", arguments: [id])
        for band in SummitStore.bands(article.simhashes) {
            try execute(
                sql: "INSERT INTO simhash_bands (band, value, fingerprint, article_id) VALUES (?, ?, ?, ?)",
                arguments: [band.band, band.value, band.fingerprint, id])
        }
    }

    /// Every address an article was reached through, normalised, so a later item linking any of them is not fetched again.
    private func addURLKey(_ key: String, _ id: Int64) throws {
        try execute(sql: "INSERT OR IGNORE INTO article_urls (url_key, article_id) VALUES (?, ?)", arguments: [key, id])
    }

    @discardableResult
    private func addSource(_ id: Int64) throws -> Bool {
        try execute(
            sql: "INSERT OR IGNORE INTO article_sources (article_id, feed_id, url, first_seen) VALUES (?, ?, ?, ?)",
            arguments: [id, article.feedID, article.url, article.fetched.timeIntervalSince1970])
        let added = db.changesCount > 0
        if added { try addURLKey(URLCanonicalizer.canonical(article.url), id) }
        return added
    }

    private func execute(sql: String, arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func fetchInt(sql: String, arguments: StatementArguments) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func fetchInt64(sql: String, arguments: StatementArguments) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private mutating func writeEntities(_ articleID: Int64, version: Int) throws {
        for entity in article.entities {
            let entityID: Int64
            if let existing = try fetchInt64(sql: "SELECT id FROM entities WHERE type = ? AND name = ?", arguments: [entity.type.rawValue, entity.name]) {
                entityID = existing
            } else {
                try execute(
                    sql: "INSERT INTO entities (type, name, origin, role, country, first_seen, first_article_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        entity.type.rawValue, entity.name, entity.origin.rawValue, entity.role, entity.country,
                        article.fetched.timeIntervalSince1970, articleID,
                    ])
                entityID = db.lastInsertedRowID
                try event(.entityFirstSeen(EntityFirstSeen(article: articleID, entity: entityID, type: entity.type, name: entity.name, origin: entity.origin)))
            }
            try execute(
                sql: "INSERT OR REPLACE INTO article_entities (article_id, entity_id, mentions, role) VALUES (?, ?, ?, ?)",
                arguments: [articleID, entityID, entity.mentions.count, entity.role])
            try addNames(entity, entityID: entityID)
            for mention in entity.mentions {
                let sentenceID = try sentenceID(mention.sentence, articleID: articleID)
                try execute(
                    sql: "INSERT INTO mentions (article_id, version, entity_id, offset, surface, sentence_id) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [articleID, version, entityID, mention.offset, mention.surface, sentenceID])
            }
        }
        for summit in article.summits { try writeSummit(summit, articleID: articleID) }
    }

    /// The entity's canonical name and every form the article wrote it in, under their lookup keys.
    private func addNames(_ entity: EntityWrite, entityID: Int64) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_names (key, entity_id, surface) VALUES (?, ?, ?)")
        var seen: Set<String> = []
        let names =
            EntityNameKeys.keys(name: entity.name, type: entity.type.rawValue, keyOf: nameKeys.key)
            + entity.mentions.map { (key: nameKeys.key($0.surface), surface: $0.surface) }
        for name in names where !name.key.isEmpty && seen.insert(name.key).inserted {
            try insert.execute(arguments: [name.key, entityID, name.surface])
        }
    }

    private mutating func sentenceID(_ text: String, articleID: Int64) throws -> Int64 {
        if sentenceIDs == nil {
            sentenceIDs = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, text FROM sentences WHERE article_id = ?"), arguments: [articleID])
            while let row = try rows.next() { sentenceIDs![row["text"]] = row["id"] }
        }
        if let known = sentenceIDs![text] { return known }
        try execute(sql: "INSERT INTO sentences (article_id, text) VALUES (?, ?)", arguments: [articleID, text])
        sentenceIDs![text] = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    /// Merges across articles on who meets where: a report that names no place joins the latest summit of the same
    /// participants; one that names a place fills in a summit known so far without one.
    private mutating func writeSummit(_ summit: SummitWrite, articleID: Int64) throws {
        let time = article.fetched.timeIntervalSince1970
        let participantsKey = SummitWrite(participants: summit.participants, place: nil, date: nil).key
        let summitID: Int64
        if summit.place == nil,
            let latest = try fetchInt64(
                sql: """
                    SELECT id FROM summits WHERE substr(key, 1, length(?1)) = ?1 AND instr(substr(key, length(?1) + 1), '|') = 0
                    ORDER BY last_seen DESC LIMIT 1
                    """, arguments: [participantsKey])
        {
            summitID = latest
            try execute(sql: "UPDATE summits SET last_seen = ?, date = COALESCE(date, ?) WHERE id = ?", arguments: [time, summit.date, latest])
        } else if summit.place != nil,
            let placeless = try fetchInt64(sql: "SELECT id FROM summits WHERE key = ?", arguments: [participantsKey])
        {
            summitID = placeless
            try execute(
                sql: "UPDATE summits SET key = ?, place = ?, last_seen = ?, date = COALESCE(date, ?) WHERE id = ?",
                arguments: [summit.key, summit.place, time, summit.date, placeless])
        } else if let existing = try fetchInt64(sql: "SELECT id FROM summits WHERE key = ?", arguments: [summit.key]) {
            summitID = existing
            try execute(sql: "UPDATE summits SET last_seen = ?, date = COALESCE(date, ?) WHERE id = ?", arguments: [time, summit.date, existing])
        } else {
            let participants = String(decoding: try JSONEncoder().encode(summit.participants), as: UTF8.self)
            try execute(
                sql: "INSERT INTO summits (key, participants, place, date, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [summit.key, participants, summit.place, summit.date, time, time])
            summitID = db.lastInsertedRowID
            try event(
                .summitDetected(
                    SummitDetected(
                        article: articleID, summit: summitID, participants: summit.participants,
                        place: summit.place, date: summit.date)))
        }
        try execute(sql: "INSERT OR IGNORE INTO summit_articles (summit_id, article_id) VALUES (?, ?)", arguments: [summitID, articleID])
    }

    private mutating func event(_ payload: ChangeEvent.Payload) throws {
        lines.append(try SummitStore.insert(ChangeEvent(time: article.fetched, feed: feedName, payload), db))
    }
}
