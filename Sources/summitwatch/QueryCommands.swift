import ArgumentParser
import ChangeLog
import Foundation
import Model
import Store

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Read the store (read-only).",
        subcommands: [Articles.self, Entities.self, Stories.self, Summits.self, Changes.self, Timeline.self])

    struct Articles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "articles", abstract: "Stored articles, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Only articles mentioning this entity (canonical name).") var entity: String?
        @Option(name: .long, help: "Full-text search (SQLite FTS5 syntax).") var search: String?
        @Option(name: .long, help: "Only articles from this feed.") var feed: String?
        @Option(name: .long, help: "ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since: String?
        @Option(name: .long) var until: String?
        @Flag(name: .long, help: "Only articles about a summit or the diplomacy around one.") var relevant = false
        @Option(name: .long) var limit = 50
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            var query = ArticleQuery()
            query.entity = entity
            query.search = search
            query.feed = feed
            query.since = try since.map { try WhenText.parse($0) }
            query.until = try until.map { try WhenText.parse($0) }
            query.relevantOnly = relevant
            query.limit = limit
            let articles: [ArticleSummary]
            do { articles = try store.articles(query) } catch {
                if search != nil { throw CLIFailure.usage("search \"\(search!)\": \(error.reason)") }
                throw CLIFailure.couldNotRun(error)
            }
            let rows = articles.map { [String($0.id), TimeText.cell($0.published ?? $0.fetched), $0.feed, String($0.words), $0.relevant ? "yes" : "", $0.title ?? $0.url] }
            RowPrinter(columns: ["ID", "PUBLISHED", "FEED", "WORDS", "RELEVANT", "TITLE"], rows: rows, objects: articles.map(ArticleJSON.summary)).print(format)
        }
    }

    struct Entities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "entities", abstract: "Entities, most-mentioned first.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "PERSON, ORG, PLACE or ISSUE.") var type: String?
        @Option(name: .long) var since: String?
        @Option(name: .long) var limit = 50
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let entities = try Self.call { try store.entities(type: type?.uppercased(), since: try since.map { try WhenText.parse($0) }, limit: limit) }
            let objects = entities.map { entity -> JSONValue in
                .object([("id", .int(entity.id)), ("type", .string(entity.type)), ("name", .string(entity.name)), ("origin", .string(entity.origin)),
                         ("role", .optional(entity.role)), ("country", .optional(entity.country)), ("articles", .int(Int64(entity.articles))),
                         ("mentions", .int(Int64(entity.mentions))), ("first_seen", TimeText.iso(entity.firstSeen))])
            }
            let rows = entities.map { [$0.type, $0.name, String($0.articles), String($0.mentions), [$0.role, $0.country].compactMap { $0 }.joined(separator: ", "), $0.origin] }
            RowPrinter(columns: ["TYPE", "NAME", "ARTICLES", "MENTIONS", "ROLE", "ORIGIN"], rows: rows, objects: objects).print(format)
        }

        static func call<T>(_ work: () throws -> T) throws -> T {
            do { return try work() } catch let failure as CLIFailure { throw failure } catch { throw CLIFailure.couldNotRun(error) }
        }
    }

    struct Stories: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stories", abstract: "Stories: one event, every article and source that covers it.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var since: String?
        @Option(name: .long) var limit = 50
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let stories = try Entities.call { try store.stories(since: try since.map { try WhenText.parse($0) }, limit: limit) }
            let objects = stories.map { story -> JSONValue in
                .object([("id", .int(story.id)), ("title", .optional(story.title)), ("first_seen", TimeText.iso(story.firstSeen)),
                         ("articles", .int(Int64(story.articles))),
                         ("sources", .array(story.sources.map { .object([("feed", .string($0.feed)), ("url", .string($0.url))]) }))])
            }
            let rows = stories.map { [String($0.id), TimeText.cell($0.firstSeen), String($0.articles), String($0.sources.count), $0.title ?? ""] }
            RowPrinter(columns: ["STORY", "FIRST SEEN", "ARTICLES", "SOURCES", "TITLE"], rows: rows, objects: objects).print(format)
        }
    }

    struct Summits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "summits", abstract: "Summits detected: who meets whom, where, when.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var since: String?
        @Option(name: .long) var limit = 50
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let summits = try Entities.call { try store.summits(since: try since.map { try WhenText.parse($0) }, limit: limit) }
            let objects = summits.map { summit -> JSONValue in
                .object([("id", .int(summit.id)), ("participants", .array(summit.participants.map(JSONValue.string))), ("place", .optional(summit.place)),
                         ("date", .optional(summit.date)), ("first_seen", TimeText.iso(summit.firstSeen)), ("articles", .array(summit.articles.map(JSONValue.int)))])
            }
            let rows = summits.map { [String($0.id), $0.participants.joined(separator: " + "), $0.place ?? "-", $0.date ?? "-", String($0.articles.count)] }
            RowPrinter(columns: ["ID", "PARTICIPANTS", "PLACE", "DATE", "ARTICLES"], rows: rows, objects: objects).print(format)
        }
    }

    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "changes", abstract: "The change log: what was new, what changed, what appeared first.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var since: String?
        @Option(name: .long, help: "Only this kind (article.new, article.updated, …).") var kind: String?
        @Option(name: .long) var limit = 200
        @Option(name: .long) var format: OutputFormat = .ndjson

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let lines = try Entities.call { try store.changes(since: try since.map { try WhenText.parse($0) }, kind: kind, limit: limit) }
            switch format {
            case .json: print("[" + lines.joined(separator: ",\n") + "]")
            default: for line in lines { print(line) }
            }
        }
    }

    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "timeline", abstract: "Every sentence mentioning an entity, in time order.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Entity name, as `query entities` shows it.") var entity: String
        @Option(name: .long) var limit = 200
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let entries = try Entities.call { try store.timeline(entity: entity, limit: limit) }
            if entries.isEmpty && format == .table { print("no mentions of \(entity)") ; return }
            let objects = entries.map { entry -> JSONValue in
                .object([("time", TimeText.iso(entry.time)), ("article", .int(entry.articleID)), ("title", .optional(entry.title)), ("sentence", .string(entry.sentence))])
            }
            let rows = entries.map { [TimeText.cell($0.time), String($0.articleID), $0.sentence] }
            RowPrinter(columns: ["TIME", "ARTICLE", "SENTENCE"], rows: rows, objects: objects).print(format)
        }
    }
}

enum ArticleJSON {
    static func summary(_ article: ArticleSummary) -> JSONValue {
        .object([("id", .int(article.id)), ("url", .string(article.url)), ("canonical_url", .optional(article.canonicalURL)),
                 ("title", .optional(article.title)), ("feed", .string(article.feed)), ("published", TimeText.iso(article.published)),
                 ("fetched", TimeText.iso(article.fetched)), ("words", .int(Int64(article.words))), ("story", .int(article.story)),
                 ("version", .int(Int64(article.version))), ("relevant", .bool(article.relevant))])
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One article: its text, entities, versions and sources.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id.") var id: Int64
    @Option(name: .long) var format: OutputFormat = .text
    @Option(name: .long, help: "Word diff between two versions, e.g. 1..2.") var diff: String?

    func run() async throws {
        let store = try StoreOpener.open(try global.loadConfig())
        let found: ArticleDetail?
        do { found = try store.article(id: id) } catch { throw CLIFailure.couldNotRun(error) }
        guard let article = found else { throw CLIFailure(code: 1, message: "no article with id \(id)") }
        if let diff { return try printDiff(article, diff) }
        if format == .json {
            print(JSONPretty.render(json(article)))
            return
        }
        let summary = article.summary
        print(summary.title ?? summary.url)
        print(String(repeating: "=", count: min(78, (summary.title ?? summary.url).count)))
        print("id \(summary.id) · story \(summary.story) · version \(summary.version) · \(summary.words) words · feed \(summary.feed)\(summary.relevant ? " · relevant" : "")")
        print("url: \(summary.url)")
        if let canonical = summary.canonicalURL, canonical != summary.url { print("canonical: \(canonical)") }
        if let byline = article.byline { print("by: \(byline)") }
        print("published: \(TimeText.cell(summary.published)) · fetched: \(TimeText.cell(summary.fetched))\n")
        print(article.text)
        if !article.entities.isEmpty {
            print("\nEntities:")
            for entity in article.entities { print("  \(entity.type.padding(toLength: 7, withPad: " ", startingAt: 0)) \(entity.name) ×\(entity.mentions)\(entity.role.map { " (\($0))" } ?? "")") }
        }
        print("\nVersions:")
        for version in article.versions { print("  \(version.version)  \(TimeText.cell(version.fetched))  \(version.words) words") }
        print("\nSources:")
        for source in article.sources { print("  \(source.feed)  \(source.url)") }
    }

    private func printDiff(_ article: ArticleDetail, _ spec: String) throws {
        let parts = spec.split(separator: ".", omittingEmptySubsequences: true).compactMap { Int($0) }
        guard spec.contains(".."), parts.count == 2, let old = article.versions.first(where: { $0.version == parts[0] }),
              let new = article.versions.first(where: { $0.version == parts[1] }) else {
            throw CLIFailure.usage("--diff takes two existing versions as A..B (this article has versions 1..\(article.versions.count))")
        }
        let diff = DiffText.between(old: old.text, new: new.text)
        print("article \(article.summary.id): version \(old.version) → \(new.version): +\(diff.added) −\(diff.removed) words")
        print(diff.text)
    }

    private func json(_ article: ArticleDetail) -> JSONValue {
        guard case .object(var pairs) = ArticleJSON.summary(article.summary) else { return .null }
        pairs.append(("text", .string(article.text)))
        pairs.append(("byline", .optional(article.byline)))
        pairs.append(("entities", .array(article.entities.map { entity in
            var object: [(String, JSONValue)] = [("type", .string(entity.type)), ("name", .string(entity.name)), ("mentions", .int(Int64(entity.mentions)))]
            if let role = entity.role { object.append(("role", .string(role))) }
            return .object(object)
        })))
        pairs.append(("versions", .array(article.versions.map { version in
            var object: [(String, JSONValue)] = [("version", .int(Int64(version.version))), ("fetched", TimeText.iso(version.fetched)), ("words", .int(Int64(version.words)))]
            if let diff = version.diff { object.append(("diff", .string(diff))) }
            return .object(object)
        })))
        pairs.append(("sources", .array(article.sources.map { .object([("feed", .string($0.feed)), ("url", .string($0.url))]) })))
        return .object(pairs)
    }
}
