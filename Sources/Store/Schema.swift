import GRDB
import Model

/// The schema, as migrations. Documented for `sqlite3` users in the README ("Schema").
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE feeds (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        url TEXT NOT NULL,
                        configured_url TEXT NOT NULL,
                        etag TEXT, last_modified TEXT, body_hash TEXT,
                        last_status INTEGER, last_error TEXT, last_error_kind TEXT,
                        consecutive_failures INTEGER NOT NULL DEFAULT 0,
                        next_due REAL, last_fetched REAL, last_success REAL,
                        redirect_streak INTEGER NOT NULL DEFAULT 0, redirect_target TEXT
                    );
                    CREATE TABLE stories (
                        id INTEGER PRIMARY KEY,
                        title TEXT,
                        first_seen REAL NOT NULL
                    );
                    CREATE TABLE articles (
                        id INTEGER PRIMARY KEY,
                        identity_key TEXT NOT NULL UNIQUE,
                        url TEXT NOT NULL,
                        canonical_url TEXT,
                        feed_id INTEGER NOT NULL REFERENCES feeds(id),
                        story_id INTEGER NOT NULL REFERENCES stories(id),
                        title TEXT, byline TEXT, site_name TEXT, language TEXT,
                        published REAL, modified REAL,
                        first_seen REAL NOT NULL, last_checked REAL NOT NULL,
                        etag TEXT, last_modified TEXT, body_hash TEXT,
                        version INTEGER NOT NULL DEFAULT 1,
                        text_hash TEXT NOT NULL,
                        simhash INTEGER NOT NULL,
                        words INTEGER NOT NULL,
                        relevant INTEGER NOT NULL DEFAULT 0,
                        relevance_score REAL NOT NULL DEFAULT 0
                    );
                    CREATE INDEX articles_story ON articles(story_id);
                    CREATE INDEX articles_text_hash ON articles(text_hash);
                    CREATE INDEX articles_first_seen ON articles(first_seen);
                    CREATE TABLE article_versions (
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        version INTEGER NOT NULL,
                        fetched REAL NOT NULL,
                        title TEXT,
                        text TEXT NOT NULL,
                        words INTEGER NOT NULL,
                        diff TEXT,
                        PRIMARY KEY (article_id, version)
                    ) WITHOUT ROWID;
                    CREATE TABLE article_sources (
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        feed_id INTEGER NOT NULL REFERENCES feeds(id),
                        url TEXT NOT NULL,
                        first_seen REAL NOT NULL,
                        PRIMARY KEY (article_id, feed_id, url)
                    ) WITHOUT ROWID;
                    CREATE TABLE feed_items (
                        feed_id INTEGER NOT NULL REFERENCES feeds(id),
                        item_key TEXT NOT NULL,
                        link TEXT,
                        title TEXT,
                        published REAL,
                        first_seen REAL NOT NULL,
                        article_id INTEGER REFERENCES articles(id),
                        PRIMARY KEY (feed_id, item_key)
                    ) WITHOUT ROWID;
                    -- Each of an article's SimHashes split in four 16-bit bands (band = 4 × fingerprint + slice): two
                    -- fingerprints within Hamming distance 3 share a band, so a lookup is sixteen index probes whatever
                    -- the table's size; each row carries its whole fingerprint so candidates are verified in place.
                    CREATE TABLE simhash_bands (
                        band INTEGER NOT NULL,
                        value INTEGER NOT NULL,
                        fingerprint INTEGER NOT NULL,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        PRIMARY KEY (band, value, article_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX simhash_bands_article ON simhash_bands(article_id);
                    CREATE TABLE entities (
                        id INTEGER PRIMARY KEY,
                        type TEXT NOT NULL,
                        name TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        role TEXT, country TEXT,
                        first_seen REAL NOT NULL,
                        first_article_id INTEGER REFERENCES articles(id),
                        UNIQUE (type, name)
                    );
                    CREATE TABLE article_entities (
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        entity_id INTEGER NOT NULL REFERENCES entities(id),
                        mentions INTEGER NOT NULL,
                        role TEXT,
                        PRIMARY KEY (article_id, entity_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX article_entities_entity ON article_entities(entity_id);
                    CREATE TABLE mentions (
                        id INTEGER PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        version INTEGER NOT NULL,
                        entity_id INTEGER NOT NULL REFERENCES entities(id),
                        offset INTEGER NOT NULL,
                        surface TEXT NOT NULL,
                        sentence TEXT NOT NULL
                    );
                    CREATE INDEX mentions_entity ON mentions(entity_id);
                    CREATE INDEX mentions_article ON mentions(article_id);
                    CREATE TABLE summits (
                        id INTEGER PRIMARY KEY,
                        key TEXT NOT NULL UNIQUE,
                        participants TEXT NOT NULL,
                        place TEXT,
                        date TEXT,
                        first_seen REAL NOT NULL,
                        last_seen REAL NOT NULL
                    );
                    CREATE TABLE summit_articles (
                        summit_id INTEGER NOT NULL REFERENCES summits(id),
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        PRIMARY KEY (summit_id, article_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE changes (
                        id INTEGER PRIMARY KEY,
                        time REAL NOT NULL,
                        kind TEXT NOT NULL,
                        feed TEXT,
                        article_id INTEGER, story_id INTEGER, entity_id INTEGER, summit_id INTEGER,
                        line TEXT NOT NULL,
                        logged INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX changes_time ON changes(time);
                    CREATE INDEX changes_unlogged ON changes(logged) WHERE logged = 0;
                    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
                    """)
        }
        // A mention's context is stored once per article in `sentences` (a sentence, or on a long one a window of a
        // few hundred characters) and mentions point into it, so a page costs a small multiple of its size however
        // often it repeats a name. Existing mentions keep their whole sentences, each now stored once.
        migrator.registerMigration("v2-sentences") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sentences (
                        id INTEGER PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        text TEXT NOT NULL
                    );
                    CREATE INDEX sentences_article ON sentences(article_id);
                    INSERT INTO sentences (article_id, text) SELECT DISTINCT article_id, sentence FROM mentions;
                    CREATE TEMP TABLE sentence_lookup AS SELECT id, article_id, text FROM sentences;
                    CREATE INDEX temp.sentence_lookup_text ON sentence_lookup(article_id, text);
                    CREATE TABLE mentions_v2 (
                        id INTEGER PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        version INTEGER NOT NULL,
                        entity_id INTEGER NOT NULL REFERENCES entities(id),
                        offset INTEGER NOT NULL,
                        surface TEXT NOT NULL,
                        sentence_id INTEGER NOT NULL REFERENCES sentences(id)
                    );
                    INSERT INTO mentions_v2 (id, article_id, version, entity_id, offset, surface, sentence_id)
                        SELECT m.id, m.article_id, m.version, m.entity_id, m.offset, m.surface, l.id
                        FROM mentions m JOIN sentence_lookup l ON l.article_id = m.article_id AND l.text = m.sentence;
                    DROP TABLE sentence_lookup;
                    DROP TABLE mentions;
                    ALTER TABLE mentions_v2 RENAME TO mentions;
                    CREATE INDEX mentions_entity ON mentions(entity_id);
                    CREATE INDEX mentions_article ON mentions(article_id);
                    """)
        }
        migrator.registerMigration("entity-names") { db in
            try createEntityNames(db)
        }
        // Operations (issue 11): the store names itself, remembers its upkeep and why each feed is due; and
        // simhash_bands is rebuilt with its key columns first, because SQLite 3.40's integrity_check falsely
        // reports "NULL value in simhash_bands.fingerprint" for a WITHOUT ROWID table that declares a NOT NULL
        // non-key column before a key column.
        migrator.registerMigration("v2-operations") { db in
            try db.execute(
                sql: """
                    PRAGMA application_id = \(StoreFile.applicationID);
                    CREATE TABLE simhash_bands_rebuilt (
                        band INTEGER NOT NULL,
                        value INTEGER NOT NULL,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                        fingerprint INTEGER NOT NULL,
                        PRIMARY KEY (band, value, article_id)
                    ) WITHOUT ROWID;
                    INSERT INTO simhash_bands_rebuilt (band, value, article_id, fingerprint)
                        SELECT band, value, article_id, fingerprint FROM simhash_bands;
                    DROP TABLE simhash_bands;
                    ALTER TABLE simhash_bands_rebuilt RENAME TO simhash_bands;
                    CREATE INDEX simhash_bands_article ON simhash_bands(article_id);
                    CREATE TABLE store_meta (
                        key TEXT NOT NULL PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    ALTER TABLE feeds ADD COLUMN due_reason TEXT;
                    ALTER TABLE feeds ADD COLUMN feed_hint REAL;
                    """)
        }
        // The pipe at SQLite's speed (issue 17): every address an article was reached through, normalised, in one
        // key table, so an item linking any of them is not fetched again; the full-text index becomes
        // external-content over each article's current text instead of a second copy of every text. (No index on
        // article_urls.article_id: articles are never deleted by SummitWatch, so the cascade only serves hand edits.)
        migrator.registerMigration("v3-pipe") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article_urls (
                        url_key TEXT NOT NULL PRIMARY KEY,
                        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    INSERT OR IGNORE INTO article_urls (url_key, article_id) SELECT identity_key, id FROM articles;
                    DROP TABLE articles_fts;
                    CREATE VIEW article_texts AS
                        SELECT a.id AS id, COALESCE(a.title, '') AS title, v.text AS text
                        FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.version;
                    CREATE VIRTUAL TABLE articles_fts USING fts5(
                        title, text, content = 'article_texts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
                    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
                    """)
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO article_urls (url_key, article_id) VALUES (?, ?)")
            let addresses = try Row.fetchCursor(db, sql: "SELECT id AS article_id, url FROM articles UNION SELECT article_id, url FROM article_sources")
            while let row = try addresses.next() {
                try insert.execute(arguments: [URLCanonicalizer.canonical(row["url"]), row["article_id"] as Int64])
            }
        }
        // Issue 12: `query entities --with X` and `query timeline X` read per-entity aggregates kept by triggers
        // (QueryAggregates), and `--since` is an index range over the time every query filters on.
        migrator.registerMigration("v3-query-aggregates") { db in
            try QueryAggregates.create(db)
        }
        return migrator
    }

    /// The schema version a store of this build carries in `PRAGMA user_version`: the number of migrations.
    static let version = migrator.migrations.count

    /// Every name and surface form of an entity under its `NameKey`, so that a name typed as people say it finds
    /// the entity with one index probe. Key columns first (Debian 12's SQLite misreports the other order).
    /// Filled from what is stored so far; from then on, each article's mentions add their forms.
    static func createEntityNames(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE entity_names (
                    key TEXT NOT NULL,
                    entity_id INTEGER NOT NULL REFERENCES entities(id),
                    surface TEXT NOT NULL,
                    PRIMARY KEY (key, entity_id)
                ) WITHOUT ROWID;
                CREATE INDEX entity_names_entity ON entity_names(entity_id);
                """)
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO entity_names (key, entity_id, surface) VALUES (?, ?, ?)")
        let entities = try Row.fetchCursor(db, sql: "SELECT id, type, name FROM entities")
        while let row = try entities.next() {
            for (key, surface) in EntityNameKeys.keys(name: row["name"], type: row["type"]) {
                try insert.execute(arguments: [key, row["id"] as Int64, surface])
            }
        }
        let surfaces = try Row.fetchCursor(db, sql: "SELECT DISTINCT entity_id, surface FROM mentions")
        while let row = try surfaces.next() {
            let surface: String = row["surface"]
            try insert.execute(arguments: [NameKey.of(surface), row["entity_id"] as Int64, surface])
        }
    }
}

/// The keys an entity is found under besides its surface forms: its canonical name, and a person's surname.
enum EntityNameKeys {
    static func keys(name: String, type: String, keyOf: (String) -> String = NameKey.of) -> [(key: String, surface: String)] {
        var keys = [(keyOf(name), name)]
        if type == EntityType.person.rawValue, let surname = name.split(separator: " ").last, surname.count > 1, surname != Substring(name) {
            keys.append((keyOf(String(surname)), String(surname)))
        }
        return keys.filter { !$0.0.isEmpty }
    }
}
