import ArgumentParser
import ChangeLog
import Foundation
import Model
import Store

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Read the store (read-only; safe while the daemon writes).",
        discussion: """
            Names are matched as people type them: any case, with or without diacritics, any usual spelling
            (Zelensky, Zelenskyy, Zelenskiy), or a person's surname alone.
            Examples, on the demo (bash Deploy/quickstart.sh; add --config .demo/summitwatch.yaml):
              summitwatch query articles --entity zelensky --since 30d
              summitwatch query articles --search '"security guarantees"'
              summitwatch query entities --with Putin
              summitwatch query timeline Witkoff --sentences
            """,
        subcommands: [Articles.self, Entities.self, Stories.self, Summits.self, Changes.self, Timeline.self])

    struct Articles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "articles", abstract: "Stored articles, newest first (best match first with --search).",
            discussion: """
                Every filter combines with the others.
                Examples: summitwatch query articles --entity putin --since 7d --relevant
                          summitwatch query articles --search 'ceasefire AND guarant*' --format json
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Only articles naming this entity (any spelling people use).") var entity: String?
        @Option(name: .long, help: "Full-text search (SQLite FTS5: words, \"a phrase\", prefix*, AND/OR/NOT), ranked by bm25.") var search: String?
        @Option(name: .long, help: "Only articles reached through this feed.") var feed: String?
        @Option(name: .long, help: "ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since: String?
        @Option(name: .long, help: "Same forms as --since.") var until: String?
        @Flag(name: .long, help: "Only articles about a summit or the diplomacy around one.") var relevant = false
        @OptionGroup var output: ListOutput

        func validate() throws { try output.validate() }

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            var query = ArticleQuery()
            if let entity { query.entityID = try EntityArgument.resolve(entity, in: store).id }
            query.search = search
            query.feed = feed
            query.since = try since.map { try WhenText.parse($0) }
            query.until = try until.map { try WhenText.parse($0) }
            query.relevantOnly = relevant
            query.limit = output.limit
            let articles: [ArticleSummary]
            do {
                articles = try store.articles(query)
            } catch {
                if let search { throw CLIFailure.usage(SearchError.sentence(search: search, reason: error.reason)) }
                throw CLIFailure.couldNotRun(error)
            }
            let terminal = Terminal.standardOutput
            var columns = ["ID", "PUBLISHED", "FEED", "WORDS", "RELEVANT", "TITLE"]
            var rows: [[String]] = articles.map {
                [String($0.id), TimeText.cell($0.published ?? $0.fetched), $0.feed, String($0.words), $0.relevant ? "yes" : "", $0.title ?? $0.url]
            }
            if search != nil {
                columns.append("MATCH")
                for index in rows.indices { rows[index].append(SnippetText.plain(articles[index].snippet ?? "")) }
            }
            if output.format == .table, search != nil, terminal.colour {
                // The snippet with its matches in bold: printed after the aligned table columns, one line each.
                RowPrinter(columns: Array(columns.dropLast()), rows: rows.map { Array($0.dropLast()) }, objects: [ArticleRow]()).print(.table)
                for article in articles { print("  \(article.id): \(SnippetText.highlighted(article.snippet ?? "", terminal))") }
                return
            }
            RowPrinter(columns: columns, rows: rows, objects: articles.map(ArticleRow.init), csvRaw: output.csvRaw).print(output.format)
        }
    }

    struct Entities: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities", abstract: "Entities, most-covered first; with --with, who is named in the same articles.",
            discussion: """
                Examples: summitwatch query entities --type PERSON --since 7d
                          summitwatch query entities --with Zelensky --by mentions
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "PERSON, ORG, PLACE or ISSUE.") var type: EntityTypeArgument?
        @Option(name: .long, help: "Count only articles since then (ISO-8601 or 90m, 24h, 7d).") var since: String?
        @Flag(name: .long, help: "Only entities first seen since --since.") var new = false
        @Option(name: .long, help: "Only entities named in the same articles as this one, counted over those articles.") var with: String?
        @Option(name: .long, help: "Rank by articles or mentions.") var by: EntityOrderArgument = .articles
        @OptionGroup var output: ListOutput

        func validate() throws {
            try output.validate()
            if new && since == nil { throw ValidationError("--new needs --since: new since when?") }
        }

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            var query = EntityQuery()
            query.type = type?.value
            query.since = try since.map { try WhenText.parse($0) }
            query.newOnly = new
            query.order = by.value
            query.limit = output.limit
            if let with { query.with = try EntityArgument.resolve(with, in: store).id }
            let entities = try CLIFailure.wrap { try store.entities(query) }
            let rows: [[String]] = entities.map {
                [
                    $0.type.rawValue, $0.name, String($0.articles), String($0.mentions), [$0.role, $0.country].compactMap { $0 }.joined(separator: ", "),
                    $0.origin.rawValue,
                ]
            }
            RowPrinter(
                columns: ["TYPE", "NAME", "ARTICLES", "MENTIONS", "ROLE", "ORIGIN"], rows: rows, objects: entities.map(EntityRow.init), csvRaw: output.csvRaw
            )
            .print(output.format)
        }
    }

    struct Stories: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stories", abstract: "Stories: one event, every article and source that covers it.",
            discussion: "Example: summitwatch query stories --since 24h --format json")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since: String?
        @OptionGroup var output: ListOutput

        func validate() throws { try output.validate() }

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let stories = try CLIFailure.wrap { try store.stories(since: try since.map { try WhenText.parse($0) }, limit: output.limit) }
            let rows: [[String]] = stories.map { [String($0.id), TimeText.cell($0.firstSeen), String($0.articles), String($0.sources.count), $0.title ?? ""] }
            RowPrinter(
                columns: ["STORY", "FIRST SEEN", "ARTICLES", "SOURCES", "TITLE"], rows: rows, objects: stories.map(StoryRow.init), csvRaw: output.csvRaw
            )
            .print(output.format)
        }
    }

    struct Summits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summits", abstract: "Summits detected: who meets whom, where, when.",
            discussion: "Example: summitwatch query summits --format json")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since: String?
        @OptionGroup var output: ListOutput

        func validate() throws { try output.validate() }

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let summits = try CLIFailure.wrap { try store.summits(since: try since.map { try WhenText.parse($0) }, limit: output.limit) }
            let rows: [[String]] = summits.map {
                [String($0.id), $0.participants.joined(separator: " + "), $0.place ?? "-", $0.date ?? "-", String($0.articles.count)]
            }
            RowPrinter(columns: ["ID", "PARTICIPANTS", "PLACE", "DATE", "ARTICLES"], rows: rows, objects: summits.map(SummitRow.init), csvRaw: output.csvRaw)
                .print(output.format)
        }
    }

    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changes", abstract: "The change log: what was new, what changed, what appeared first (JSON lines).",
            discussion: "Example: summitwatch query changes --kind entity.first_seen --since 24h")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since: String?
        @Option(name: .long, help: "Only this kind: \(ChangeEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: ChangeKindArgument?
        @Option(name: .long, help: "At most this many (the newest), at least 1.") var limit = 200
        @Option(name: .long, help: "ndjson (default) or json.") var format: OutputFormat = .ndjson

        func validate() throws {
            try ListOutput.validate(limit: limit)
            guard format == .ndjson || format == .json else { throw ValidationError("query changes prints ndjson or json") }
        }

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let lines = try CLIFailure.wrap { try store.changes(since: try since.map { try WhenText.parse($0) }, kind: kind?.value.rawValue, limit: limit) }
            switch format {
            case .json: print("[" + lines.joined(separator: ",\n") + "]")
            default: for line in lines { print(line) }
            }
        }
    }

    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline", abstract: "An entity's coverage day by day (with --sentences: what was said, in time order).",
            discussion: """
                Examples: summitwatch query timeline putin
                          summitwatch query timeline "Steve Witkoff" --sentences --since 7d
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Entity name (any spelling people use).") var entity: String
        @Option(name: .long, help: "ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since: String?
        @Flag(name: .long, help: "The sentences that mention it instead of the daily counts.") var sentences = false
        @OptionGroup var output: ListOutput

        func validate() throws { try output.validate() }

        func run() async throws {
            let store = try StoreOpener.open(try global.loadConfig())
            let found = try EntityArgument.resolve(entity, in: store)
            let start = try since.map { try WhenText.parse($0) }
            if sentences {
                let entries = try CLIFailure.wrap { try store.timeline(entityID: found.id, since: start, limit: output.limit) }
                let rows: [[String]] = entries.map { [TimeText.cell($0.time), String($0.articleID), $0.sentence] }
                RowPrinter(columns: ["TIME", "ARTICLE", "SENTENCE"], rows: rows, objects: entries.map(TimelineRow.init), csvRaw: output.csvRaw)
                    .print(output.format)
                return
            }
            let days = try CLIFailure.wrap { try store.mentionDays(entityID: found.id, since: start) }
            if output.format == .table || output.format == .text {
                let total = days.reduce(0) { $0 + $1.mentions }
                let articles = days.reduce(0) { $0 + $1.articles }
                print(
                    "\(TerminalText.safe(found.name)) (\(found.type.rawValue)): \(total) mentions in \(articles) articles"
                        + (days.isEmpty ? "" : ", \(days.first!.day) … \(days.last!.day)"))
                // One character a day, the most recent two months: what fits beside a terminal's margin.
                let recent = DayRange.filled(days).suffix(60)
                if !recent.isEmpty { print(Sparkline.text(recent.map(\.mentions)) + "  \(recent.first!.day) … \(recent.last!.day)") }
            }
            let rows: [[String]] = days.suffix(output.limit).map { [$0.day, String($0.articles), String($0.mentions)] }
            RowPrinter(columns: ["DAY", "ARTICLES", "MENTIONS"], rows: Array(rows), objects: days.suffix(output.limit).map(DayRow.init), csvRaw: output.csvRaw)
                .print(output.format)
        }
    }
}

/// `--limit`, `--format` and `--csv-raw`, shared by every listing.
struct ListOutput: ParsableArguments {
    @Option(name: .long, help: "At most this many rows (at least 1).") var limit = 50
    @Option(name: .long, help: "table, json, ndjson or csv.") var format: OutputFormat = .table
    @Flag(name: .customLong("csv-raw"), help: "CSV cells exactly as stored, even those a spreadsheet would run as a formula.") var csvRaw = false

    func validate() throws { try Self.validate(limit: limit) }

    static func validate(limit: Int) throws {
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more, got \(limit)") }
    }
}

/// A name typed on the command line, turned into the one entity it stands for (or a clear error).
enum EntityArgument {
    static func resolve(_ typed: String, type: EntityType? = nil, in store: SummitStore) throws -> EntityRef {
        switch try CLIFailure.wrap({ try store.resolveEntity(typed, type: type) }) {
        case .found(let entity):
            return entity
        case .ambiguous(let candidates):
            let names = candidates.prefix(8).map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
            throw CLIFailure.usage("\"\(TerminalText.safe(typed))\" could be \(names): give the full name")
        case .unknown(let suggestions):
            let nearest = suggestions.isEmpty ? "" : "; nearest: " + suggestions.map { TerminalText.safe($0) }.joined(separator: ", ")
            throw CLIFailure(code: 1, message: "no entity named \"\(TerminalText.safe(typed))\" in the store\(nearest)")
        }
    }
}

struct EntityTypeArgument: ExpressibleByArgument {
    var value: EntityType
    init?(argument: String) {
        guard let type = EntityType(rawValue: argument.uppercased()) else { return nil }
        value = type
    }
    static var allValueStrings: [String] { EntityType.allCases.map(\.rawValue) }
}

struct EntityOrderArgument: ExpressibleByArgument {
    var value: EntityOrder
    static let articles = EntityOrderArgument(value: .articles)
    init(value: EntityOrder) { self.value = value }
    init?(argument: String) {
        guard let order = EntityOrder(rawValue: argument.lowercased()) else { return nil }
        value = order
    }
    var defaultValueDescription: String { value.rawValue }
    static var allValueStrings: [String] { EntityOrder.allCases.map(\.rawValue) }
}

struct ChangeKindArgument: ExpressibleByArgument {
    var value: ChangeEvent.Kind
    init?(argument: String) {
        guard let kind = ChangeEvent.Kind(rawValue: argument) else { return nil }
        value = kind
    }
    static var allValueStrings: [String] { ChangeEvent.Kind.allCases.map(\.rawValue) }
}

/// FTS5's complaint about a query, as one sentence a person can act on.
enum SearchError {
    static func sentence(search: String, reason: String) -> String {
        let detail = reason.replacingOccurrences(of: "fts5: ", with: "")
        return "cannot search for \"\(TerminalText.safe(search))\" (\(TerminalText.safe(detail))): write words, \"a phrase\" in double quotes, "
            + "prefix* for a prefix, and AND, OR, NOT in capitals between terms"
    }
}

/// A search snippet's match markers as the output needs them.
enum SnippetText {
    static func plain(_ snippet: String) -> String {
        oneLine(snippet).replacingOccurrences(of: SearchSnippet.open, with: "[").replacingOccurrences(of: SearchSnippet.close, with: "]")
    }

    /// Matches in bold; the rest made safe for the terminal.
    static func highlighted(_ snippet: String, _ terminal: Terminal) -> String {
        oneLine(snippet).components(separatedBy: SearchSnippet.open).enumerated().map { index, part in
            guard index > 0, let close = part.range(of: SearchSnippet.close) else { return TerminalText.safe(part) }
            return terminal.bold(TerminalText.safe(String(part[..<close.lowerBound]))) + TerminalText.safe(String(part[close.upperBound...]))
        }.joined()
    }

    /// A passage may span paragraphs: one line reads better.
    private static func oneLine(_ snippet: String) -> String {
        snippet.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// For JSON: matches between ⟦ and ⟧, characters news text does not use.
    static func marked(_ snippet: String) -> String {
        oneLine(snippet).replacingOccurrences(of: SearchSnippet.open, with: "⟦").replacingOccurrences(of: SearchSnippet.close, with: "⟧")
    }
}

/// Eight levels of block characters: a day's mentions at a glance.
enum Sparkline {
    static func text(_ values: [Int]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        guard let top = values.max(), top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { bars[min(bars.count - 1, $0 * (bars.count - 1) / top)] })
    }
}

/// Days without coverage are zero in a sparkline, not skipped.
enum DayRange {
    static func filled(_ days: [MentionDay]) -> [MentionDay] {
        guard let first = days.first.flatMap({ date($0.day) }), let last = days.last.flatMap({ date($0.day) }) else { return days }
        let byDay = Dictionary(days.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        return stride(from: first.timeIntervalSince1970, through: last.timeIntervalSince1970, by: 86_400).map { seconds in
            let day = ISOTime.day(Date(timeIntervalSince1970: seconds))
            return byDay[day] ?? MentionDay(day: day, articles: 0, mentions: 0)
        }
    }

    private static func date(_ day: String) -> Date? { WhenDay.parse(day) }
}

enum WhenDay {
    /// `YYYY-MM-DD` at 00:00 UTC.
    static func parse(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}

// MARK: - JSON shapes (the contract's keys; more may be added, none removed). Property names become snake_case keys.

struct ArticleRow: Encodable {
    var id: Int64
    var url: String
    @Nullable var canonicalURL: String?
    @Nullable var title: String?
    var feed: String
    @Nullable var published: String?
    var fetched: String
    var words: Int
    var story: Int64
    var version: Int
    var relevant: Bool
    /// Only with a search: the best passage, matches between ⟦ and ⟧.
    var snippet: String?

    init(_ article: ArticleSummary) {
        id = article.id
        url = article.url
        canonicalURL = article.canonicalURL
        title = article.title
        feed = article.feed
        published = TimeText.text(article.published)
        fetched = ISOTime.format(article.fetched)
        words = article.words
        story = article.story
        version = article.version
        relevant = article.relevant
        snippet = article.snippet.map(SnippetText.marked)
    }
}

struct EntityRow: Encodable {
    var id: Int64
    var type: EntityType
    var name: String
    var origin: EntityOrigin
    @Nullable var role: String?
    @Nullable var country: String?
    var articles: Int
    var mentions: Int
    var firstSeen: String

    init(_ entity: EntitySummary) {
        (id, type, name, origin, role, country) = (entity.id, entity.type, entity.name, entity.origin, entity.role, entity.country)
        (articles, mentions, firstSeen) = (entity.articles, entity.mentions, ISOTime.format(entity.firstSeen))
    }
}

struct SourceRow: Encodable {
    var feed: String
    var url: String
}

struct StoryRow: Encodable {
    var id: Int64
    @Nullable var title: String?
    var firstSeen: String
    var articles: Int
    var sources: [SourceRow]

    init(_ story: StorySummary) {
        (id, title, firstSeen, articles) = (story.id, story.title, ISOTime.format(story.firstSeen), story.articles)
        sources = story.sources.map { SourceRow(feed: $0.feed, url: $0.url) }
    }
}

struct SummitRow: Encodable {
    var id: Int64
    var participants: [String]
    @Nullable var place: String?
    @Nullable var date: String?
    var firstSeen: String
    var articles: [Int64]

    init(_ summit: SummitSummary) {
        (id, participants, place, date) = (summit.id, summit.participants, summit.place, summit.date)
        (firstSeen, articles) = (ISOTime.format(summit.firstSeen), summit.articles)
    }
}

struct TimelineRow: Encodable {
    var time: String
    var article: Int64
    @Nullable var title: String?
    var sentence: String

    init(_ entry: TimelineEntry) {
        (time, article, title, sentence) = (ISOTime.format(entry.time), entry.articleID, entry.title, entry.sentence)
    }
}

struct DayRow: Encodable {
    var day: String
    var articles: Int
    var mentions: Int

    init(_ day: MentionDay) { (self.day, articles, mentions) = (day.day, day.articles, day.mentions) }
}

/// An optional field written as `null` when empty, so every object of a listing has the same keys
/// (a plain Optional property would be left out).
@propertyWrapper
struct Nullable<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
    /// As a plain value, where a property wrapper cannot go (a computed cell, a tuple assignment).
    init(_ value: Value?) { wrappedValue = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
