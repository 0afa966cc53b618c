import GRDB

/// Per-entity counts kept in the store so that `query entities --with X` and `query timeline X` read a few index
/// entries instead of scanning `article_entities` (an entity named in a third of 100,000 articles is 30,000 rows).
///
/// - `entity_pairs(entity_id, other_id, articles, other_mentions)`: the articles naming both entities, and the
///   mentions of `other_id` in them (what `entities --with entity_id` lists for `other_id`). Both directions are kept.
/// - `entity_days(entity_id, day, articles, mentions)`: per UTC day of `articleTime` (the day the timeline shows),
///   the articles naming the entity and their mention counts.
///
/// Both are functions of `article_entities` (and, for the day, of the article's time), kept right by triggers so
/// that whatever writes articles (ingest, a new version's delete-and-reinsert, retention, a deleted article) needs
/// no code of its own. The `mentions` table is not counted: the queries count `article_entities.mentions`, the
/// current version's, while `mentions` also keeps older versions' rows.
///
/// SQLite fires delete triggers for the rows an `INSERT OR REPLACE` replaces only with `recursive_triggers` on,
/// which every read-write connection of `SummitStore` sets.
enum QueryAggregates {
    /// The instant every query filters and groups articles on: publication time, else first sight, of the
    /// article row named `row` (`a`, `NEW`, `OLD`; nil: unqualified). Queries spell it so, for the `articles_time` index.
    static func articleTime(_ row: String? = nil) -> String {
        let prefix = row.map { $0 + "." } ?? ""
        return "COALESCE(\(prefix)published, \(prefix)first_seen)"
    }

    /// The UTC day (`YYYY-MM-DD`) of an instant in seconds since 1970, as the timeline groups days.
    static func day(_ instant: String) -> String { "date(\(instant), 'unixepoch')" }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE entity_pairs (
                    entity_id INTEGER NOT NULL,
                    other_id INTEGER NOT NULL,
                    articles INTEGER NOT NULL,
                    other_mentions INTEGER NOT NULL,
                    PRIMARY KEY (entity_id, other_id)
                ) WITHOUT ROWID;
                CREATE TABLE entity_days (
                    entity_id INTEGER NOT NULL,
                    day TEXT NOT NULL,
                    articles INTEGER NOT NULL,
                    mentions INTEGER NOT NULL,
                    PRIMARY KEY (entity_id, day)
                ) WITHOUT ROWID;
                CREATE INDEX articles_time ON articles(\(articleTime()));
                """)
        try backfill(db)
        try db.execute(sql: triggers)
    }

    /// The aggregates recounted from `article_entities` and `articles`: what the triggers must always equal.
    static let pairsRecount = """
        SELECT x.entity_id, y.entity_id AS other_id, COUNT(*) AS articles, SUM(y.mentions) AS other_mentions
        FROM article_entities x JOIN article_entities y ON y.article_id = x.article_id AND y.entity_id != x.entity_id
        GROUP BY x.entity_id, y.entity_id
        """
    static let daysRecount = """
        SELECT ae.entity_id, \(day(articleTime("a"))) AS day, COUNT(*) AS articles, SUM(ae.mentions) AS mentions
        FROM article_entities ae JOIN articles a ON a.id = ae.article_id
        GROUP BY ae.entity_id, day
        """

    private static func backfill(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO entity_pairs (entity_id, other_id, articles, other_mentions) \(pairsRecount)")
        try db.execute(sql: "INSERT INTO entity_days (entity_id, day, articles, mentions) \(daysRecount)")
    }

    /// Takes an article (OLD) out of its day: both when it is deleted and when its publication time moves.
    private static let uncountArticleDay = """
        UPDATE entity_days SET articles = articles - 1, mentions = mentions
                - (SELECT ae.mentions FROM article_entities ae WHERE ae.article_id = OLD.id AND ae.entity_id = entity_days.entity_id)
            WHERE day = \(day(articleTime("OLD")))
            AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = OLD.id);
        DELETE FROM entity_days WHERE articles = 0 AND day = \(day(articleTime("OLD")))
            AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = OLD.id);
        """

    /// Each trigger applies one row's change: the pairs it forms with the article's other entities (both
    /// directions), and its day. A row counted on insert is uncounted on delete by the same arithmetic, against
    /// the article's rows still present, so deleting an article's rows one by one uncounts each pair once.
    private static let triggers = """
        CREATE TRIGGER entity_pairs_count AFTER INSERT ON article_entities BEGIN
            INSERT INTO entity_pairs (entity_id, other_id, articles, other_mentions)
                SELECT NEW.entity_id, o.entity_id, 1, o.mentions FROM article_entities o
                WHERE o.article_id = NEW.article_id AND o.entity_id != NEW.entity_id
                ON CONFLICT (entity_id, other_id) DO UPDATE SET articles = articles + 1, other_mentions = other_mentions + excluded.other_mentions;
            INSERT INTO entity_pairs (entity_id, other_id, articles, other_mentions)
                SELECT o.entity_id, NEW.entity_id, 1, NEW.mentions FROM article_entities o
                WHERE o.article_id = NEW.article_id AND o.entity_id != NEW.entity_id
                ON CONFLICT (entity_id, other_id) DO UPDATE SET articles = articles + 1, other_mentions = other_mentions + excluded.other_mentions;
        END;
        CREATE TRIGGER entity_pairs_uncount AFTER DELETE ON article_entities BEGIN
            UPDATE entity_pairs SET articles = articles - 1, other_mentions = other_mentions
                    - (SELECT o.mentions FROM article_entities o WHERE o.article_id = OLD.article_id AND o.entity_id = entity_pairs.other_id)
                WHERE entity_id = OLD.entity_id AND other_id IN (SELECT entity_id FROM article_entities WHERE article_id = OLD.article_id);
            UPDATE entity_pairs SET articles = articles - 1, other_mentions = other_mentions - OLD.mentions
                WHERE other_id = OLD.entity_id AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = OLD.article_id);
            DELETE FROM entity_pairs WHERE articles = 0
                AND entity_id = OLD.entity_id AND other_id IN (SELECT entity_id FROM article_entities WHERE article_id = OLD.article_id);
            DELETE FROM entity_pairs WHERE articles = 0
                AND other_id = OLD.entity_id AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = OLD.article_id);
        END;
        CREATE TRIGGER entity_pairs_recount_mentions AFTER UPDATE OF mentions ON article_entities BEGIN
            UPDATE entity_pairs SET other_mentions = other_mentions + NEW.mentions - OLD.mentions
                WHERE other_id = NEW.entity_id AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = NEW.article_id);
        END;
        CREATE TRIGGER entity_days_count AFTER INSERT ON article_entities BEGIN
            INSERT INTO entity_days (entity_id, day, articles, mentions)
                SELECT NEW.entity_id, \(day(articleTime())), 1, NEW.mentions FROM articles WHERE id = NEW.article_id
                ON CONFLICT (entity_id, day) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
        END;
        -- When the article itself is deleted its row is gone before the cascade deletes these rows:
        -- entity_days_uncount_article has uncounted them already.
        CREATE TRIGGER entity_days_uncount AFTER DELETE ON article_entities
        WHEN EXISTS (SELECT 1 FROM articles WHERE id = OLD.article_id) BEGIN
            UPDATE entity_days SET articles = articles - 1, mentions = mentions - OLD.mentions
                WHERE entity_id = OLD.entity_id AND day = (SELECT \(day(articleTime())) FROM articles WHERE id = OLD.article_id);
            DELETE FROM entity_days WHERE articles = 0
                AND entity_id = OLD.entity_id AND day = (SELECT \(day(articleTime())) FROM articles WHERE id = OLD.article_id);
        END;
        CREATE TRIGGER entity_days_recount_mentions AFTER UPDATE OF mentions ON article_entities BEGIN
            UPDATE entity_days SET mentions = mentions + NEW.mentions - OLD.mentions
                WHERE entity_id = NEW.entity_id AND day = (SELECT \(day(articleTime())) FROM articles WHERE id = NEW.article_id);
        END;
        CREATE TRIGGER entity_days_uncount_article BEFORE DELETE ON articles BEGIN
            \(uncountArticleDay)
        END;
        -- A changed publication time moves the article's counts to its new day.
        CREATE TRIGGER entity_days_redate AFTER UPDATE OF published, first_seen ON articles
        WHEN \(day(articleTime("OLD"))) IS NOT \(day(articleTime("NEW"))) BEGIN
            \(uncountArticleDay)
            INSERT INTO entity_days (entity_id, day, articles, mentions)
                SELECT entity_id, \(day(articleTime("NEW"))), 1, mentions FROM article_entities WHERE article_id = NEW.id
                ON CONFLICT (entity_id, day) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
        END;
        -- The counts are per (article, entity) row: a row that changed its keys in place could not be uncounted.
        CREATE TRIGGER article_entities_keys_fixed BEFORE UPDATE OF article_id, entity_id ON article_entities BEGIN
            SELECT RAISE(ABORT, 'article_entities: delete and insert a row instead of changing its article_id or entity_id');
        END;
        """
}
