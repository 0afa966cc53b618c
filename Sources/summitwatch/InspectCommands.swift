import ArgumentParser
import ArticleExtraction
import ChangeLog
import Configuration
import Entities
import FeedParsing
import Fetching
import Foundation
import Model
import Pipeline

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Run one stage on a file or URL; stores nothing.",
        subcommands: [Feed.self, Article.self, EntitiesOf.self, DateText.self])

    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feed", abstract: "Parse a feed and print it normalised.",
            discussion: "Example: summitwatch inspect feed Deploy/demo/site/feeds/wire.xml")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Feed file or URL.") var source: String
        @Option(name: .long) var format: OutputFormat = .json
        @Option(name: .long, help: "For a file: the Content-Type it would have been served with (its charset counts).")
        var contentType: String?
        @Option(name: .long, help: "For a file: the URL it would have been served from (relative links resolve against it).")
        var baseURL: String?

        func run() async throws {
            var input = try await InputLoader.load(source, purpose: .feed)
            if let contentType { input.contentType = contentType }
            if let baseURL { input.baseURL = baseURL }
            let feed: ParsedFeed
            do {
                feed = try FeedParser().parse(input.data, source: source, baseURL: input.baseURL, contentType: input.contentType)
            } catch {
                throw CLIFailure(code: 1, message: error.description)
            }
            if format == .json || format == .ndjson {
                print(format == .json ? JSONText.pretty(FeedJSON.render(feed)) : JSONText.line(FeedJSON.render(feed)))
            } else {
                print("\(feed.version) \(feed.title ?? "(untitled)") — \(feed.items.count) entries\(feed.bozo ? " (recovered: \(feed.bozoReason ?? ""))" : "")")
                for item in feed.items { print("  \(item.bestDate.map(ISOTime.format) ?? "-")  \(item.title ?? "(untitled)")  \(item.link ?? "")") }
            }
        }
    }

    struct Article: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "article", abstract: "Extract articles' main text and metadata.",
            discussion: "Example: summitwatch inspect article Deploy/demo/site/articles/wire-alaska-summit.html --format json")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "HTML files or URLs.") var sources: [String]
        @Option(name: .long) var format: OutputFormat = .text
        @Option(name: .long, help: "Write DIR/NAME.txt (or .json) per input instead of printing.") var outDir: String?

        func run() async throws {
            if let outDir { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) }
            var failures = 0
            for source in sources {
                do {
                    let input = try await InputLoader.load(source, purpose: .page)
                    let article = try ArticleExtractor().extract(input.data, url: input.baseURL, charset: input.charset)
                    let output = format == .json ? JSONText.pretty(ArticleOutput.json(article)) : article.text
                    if let outDir {
                        let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
                        try Data((output + "\n").utf8).write(
                            to: URL(fileURLWithPath: outDir).appendingPathComponent(name + (format == .json ? ".json" : ".txt")))
                    } else {
                        print(output)
                    }
                } catch let error as CLIFailure {
                    failures += 1
                    FileHandle.standardError.write(Data("summitwatch: \(error.message)\n".utf8))
                } catch {
                    failures += 1
                    FileHandle.standardError.write(Data("summitwatch: \(error)\n".utf8))
                }
            }
            if failures > 0 { throw CLIFailure(code: 1, message: "\(failures) of \(sources.count) input(s) could not be extracted") }
        }
    }

    struct EntitiesOf: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities", abstract: "Extract entities, summits and relevance from a page.",
            discussion: "Example: summitwatch inspect entities Deploy/demo/site/articles/wire-alaska-summit.html")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "HTML file or URL.") var source: String
        @Option(name: .long) var format: OutputFormat = .json
        @Option(
            name: .long,
            help: "Rule families to switch off, comma-separated, to measure what each contributes (\(DiscoveryRules.familyNames.joined(separator: ", "))).")
        var withoutRules: String?

        func run() async throws {
            let (rules, unknown) = DiscoveryRules.all(without: withoutRules?.split(separator: ",").map(String.init) ?? [])
            if !unknown.isEmpty {
                throw CLIFailure.usage(
                    "no rule family named \(unknown.joined(separator: ", ")); the families are \(DiscoveryRules.familyNames.joined(separator: ", "))")
            }
            let input = try await InputLoader.load(source, purpose: .page)
            let article: ExtractedArticle
            do { article = try ArticleExtractor().extract(input.data, url: input.baseURL, charset: input.charset) } catch {
                throw CLIFailure(code: 1, message: error.description)
            }
            let watchlist = ((try? global.loadConfig())?.watchlist ?? []).map {
                GazetteerEntry(type: $0.type, name: $0.name, aliases: $0.aliases, origin: .watchlist)
            }
            let gazetteer: Gazetteer
            do { gazetteer = try Gazetteer.load(watchlist: watchlist) } catch { throw CLIFailure(code: 1, message: error.description) }
            let report = EntityExtractor(gazetteer: gazetteer, rules: rules).extract(title: article.title, text: article.text, published: article.published)
            if format == .json || format == .ndjson {
                print(format == .json ? JSONText.pretty(EntityJSON.render(report)) : JSONText.line(EntityJSON.render(report)))
            } else {
                print("relevant: \(report.relevant) (score \(report.score))")
                for entity in report.entities {
                    print(
                        "\(entity.type.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(entity.name) ×\(entity.mentions.count)\([entity.role, entity.country].compactMap { $0 }.isEmpty ? "" : " (" + [entity.role, entity.country].compactMap { $0 }.joined(separator: ", ") + ")")"
                    )
                }
                for summit in report.summits {
                    print("SUMMIT  \(summit.participants.joined(separator: " + ")) in \(summit.place ?? "?") on \(summit.date ?? "?")")
                }
            }
        }
    }

    struct DateText: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "date", abstract: "Parse dates as feeds write them; one line per input, UTC or `unparsed`.",
            discussion: "Example: summitwatch inspect date 'Fri, 15 Aug 2025 11:00:00 AKDT' 2025-08-15T19:00:00Z")
        @Argument(parsing: .allUnrecognized, help: "Date strings (may start with -).") var strings: [String]

        func run() async throws {
            for string in strings { print(FeedDateParser.parse(string).map(ISOTime.format) ?? "unparsed") }
        }
    }
}

/// A file or URL's bytes, with what the transport said about them (charset, base URL).
struct InputLoader {
    var data: Data
    var baseURL: String?
    var contentType: String?
    var charset: String? { contentType.flatMap(ContentType.charset(in:)) }

    static func load(_ source: String, purpose: FetchRequest.Purpose) async throws -> InputLoader {
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            // An operator's explicit URL may point anywhere, loopback included.
            var settings = FetchSettings()
            settings.allowPrivate = true
            let fetcher = HTTPFetcher(options: PipelineContext.fetchOptions(settings))
            defer { fetcher.shutdown() }
            switch await fetcher.fetch(FetchRequest(url: source, purpose: purpose)) {
            case .failure(let error): throw CLIFailure(code: 1, message: "\(source): \(error.kind.rawValue): \(error.message)")
            case .success(let document): return InputLoader(data: document.body, baseURL: document.finalURL, contentType: document.contentType)
            }
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw CLIFailure(code: 2, message: "\(source): no such file or not readable")
        }
        return InputLoader(data: data, baseURL: URL(fileURLWithPath: source).absoluteString, contentType: nil)
    }
}

/// `inspect article --format json`: every key present, null when the page did not say.
struct ArticleOutput: Encodable {
    var title, byline: Nullable<String>
    var published, modified: Nullable<String>
    var canonicalURL, siteName, language: Nullable<String>
    var text: String
    var words: Int

    static func json(_ article: ExtractedArticle) -> ArticleOutput {
        ArticleOutput(
            title: Nullable(article.title), byline: Nullable(article.byline), published: TimeText.iso(article.published),
            modified: TimeText.iso(article.modified), canonicalURL: Nullable(article.canonicalURL), siteName: Nullable(article.siteName),
            language: Nullable(article.language), text: article.text, words: article.words)
    }
}

/// `inspect entities --format json`: an entity's role and country only when known; a summit's place and date null when unknown.
struct EntityJSON: Encodable {
    struct Entity: Encodable {
        var type, name: String
        /// The distinct surface forms, in order of first appearance.
        var mentions: [String]
        var count: Int
        var origin: String
        var role, country: String?
    }
    struct Summit: Encodable {
        var participants: [String]
        var place, date: Nullable<String>
        var hosts: [String]
    }
    var relevant: Bool
    var score: Double
    var entities: [Entity]
    var summits: [Summit]
    var reasons: [String]

    static func render(_ report: EntityReport) -> EntityJSON {
        let entities = report.entities.map { entity in
            var seen: Set<String> = []
            return Entity(
                type: entity.type.rawValue, name: entity.name, mentions: entity.mentions.map(\.surface).filter { seen.insert($0).inserted },
                count: entity.mentions.count, origin: entity.origin.rawValue, role: entity.role, country: entity.country)
        }
        let summits = report.summits.map { summit in
            Summit(participants: summit.participants, place: Nullable(summit.place), date: Nullable(summit.date), hosts: summit.hosts)
        }
        return EntityJSON(relevant: report.relevant, score: report.score, entities: entities, summits: summits, reasons: report.reasons)
    }
}

/// The normalised feed shape of Deploy/bench/corpus/feeds-dev/README.md: keys present only when set; a date
/// present but unreadable is null.
struct FeedJSON: Encodable {
    struct Head: Encodable {
        var title, link, id: String?
        var published, updated: Nullable<String>?
    }
    struct Entry: Encodable {
        var title, link, id, author, summary: String?
        var content: [String]?
        var enclosures: [Enclosure]?
        var published, updated: Nullable<String>?
    }
    struct Enclosure: Encodable {
        var href: String
        var type, length: String?
    }
    var bozo: Bool
    var version: String
    var bozoException: String?
    var feed: Head
    var entries: [Entry]

    static func render(_ feed: ParsedFeed) -> FeedJSON {
        let entries = feed.items.map { item in
            Entry(
                title: item.title, link: item.link, id: item.id, author: item.author, summary: item.summary,
                content: item.content.isEmpty ? nil : item.content,
                enclosures: item.enclosures.isEmpty ? nil : item.enclosures.map { Enclosure(href: $0.href, type: $0.type, length: $0.length) },
                published: item.published.map(date), updated: item.updated.map(date))
        }
        return FeedJSON(
            bozo: feed.bozo, version: feed.version, bozoException: feed.bozoReason,
            feed: Head(title: feed.title, link: feed.link, id: feed.id, published: feed.published.map(date), updated: feed.updated.map(date)),
            entries: entries)
    }

    private static func date(_ field: DateField) -> Nullable<String> { TimeText.iso(field.date) }
}
