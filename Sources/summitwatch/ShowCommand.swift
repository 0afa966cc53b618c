import ArgumentParser
import Dedup
import Foundation
import Model
import Store

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One article: its text, entities with their sentences, versions and sources.",
        discussion: """
            Examples, on the demo: summitwatch show 1
                                   summitwatch show 1 --entity putin
                                   summitwatch show 3 --diff 1..2
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id (the ID column of `query articles`).") var id: Int64
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text
    @Option(name: .long, help: "Word diff between two versions, e.g. 1..2 (coloured on a terminal).") var diff: String?
    @Option(name: .long, help: "Only this entity's sentences (any spelling people use).") var entity: String?

    func validate() throws {
        guard format == .text || format == .json else { throw ValidationError("show prints text or json") }
    }

    func run() async throws {
        let store = try StoreOpener.open(try global.loadConfig())
        guard var article = try CLIFailure.wrap({ try store.article(id: id) }) else { throw CLIFailure(code: 1, message: "no article with id \(id)") }
        if let entity {
            let wanted = try EntityArgument.resolve(entity, in: store)
            article.entities = article.entities.filter { $0.name == wanted.name && $0.type == wanted.type }
        }
        if let diff { return try printDiff(article, diff) }
        if format == .json {
            print(JSONText.pretty(ArticleDetailRow(article)))
            return
        }
        printText(article, Terminal.standardOutput)
    }

    private func printText(_ article: ArticleDetail, _ terminal: Terminal) {
        let summary = article.summary
        let heading = TerminalText.safe(summary.title ?? summary.url)
        print(terminal.bold(heading))
        print(String(repeating: "=", count: min(78, heading.count)))
        print(
            "id \(summary.id) · story \(summary.story) · version \(summary.version) · \(summary.words) words · feed \(TerminalText.safe(summary.feed))"
                + (summary.relevant ? " · relevant" : ""))
        print("url: \(TerminalText.safe(summary.url))")
        if let canonical = summary.canonicalURL, canonical != summary.url { print("canonical: \(TerminalText.safe(canonical))") }
        if let byline = article.byline { print("by: \(TerminalText.safe(byline))") }
        print("published: \(TimeText.cell(summary.published)) · fetched: \(TimeText.cell(summary.fetched))\n")
        if entity == nil { print(TerminalText.safe(article.text, keepNewlines: true)) }
        if !article.entities.isEmpty {
            print(terminal.bold("\nEntities:"))
            for found in article.entities {
                let role = found.role.map { " (\(TerminalText.safe($0)))" } ?? ""
                print("  \(found.type.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(TerminalText.safe(found.name)) ×\(found.mentions)\(role)")
                // Three sentences give the gist; --entity shows them all.
                for sentence in found.sentences.prefix(entity == nil ? 3 : .max) { print(terminal.dim("      " + TerminalText.safe(sentence))) }
            }
        }
        print(terminal.bold("\nVersions:"))
        for version in article.versions { print("  \(version.version)  \(TimeText.cell(version.fetched))  \(version.words) words") }
        print(terminal.bold("\nSources:"))
        for source in article.sources { print("  \(TerminalText.safe(source.feed))  \(TerminalText.safe(source.url))") }
    }

    private func printDiff(_ article: ArticleDetail, _ spec: String) throws {
        let parts = spec.split(separator: ".", omittingEmptySubsequences: true).compactMap { Int($0) }
        guard spec.contains(".."), parts.count == 2, let old = article.versions.first(where: { $0.version == parts[0] }),
            let new = article.versions.first(where: { $0.version == parts[1] })
        else {
            throw CLIFailure.usage("--diff takes two existing versions as A..B (this article has versions 1..\(article.versions.count))")
        }
        let diff = WordDiff(old: old.text, new: new.text)
        print("article \(article.summary.id): version \(old.version) → \(new.version): +\(diff.added) −\(diff.removed) words")
        print(DiffColour.render(TerminalText.safe(diff.text, keepNewlines: true), Terminal.standardOutput))
    }
}

/// wdiff's markers in colour on a terminal: removals `[-…-]` red, additions `{+…+}` green (markers kept, so the
/// text reads the same without colour).
enum DiffColour {
    static func render(_ text: String, _ terminal: Terminal) -> String {
        guard terminal.colour else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { $0 == "[" || $0 == "{" }) {
            out += rest[..<start]
            let removal = rest[start] == "["
            let (opening, closing) = removal ? ("[-", "-]") : ("{+", "+}")
            guard rest[start...].hasPrefix(opening), let end = rest[start...].range(of: closing) else {
                out.append(rest[start])
                rest = rest[rest.index(after: start)...]
                continue
            }
            let marked = String(rest[start..<end.upperBound])
            out += removal ? terminal.red(marked) : terminal.green(marked)
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}

struct ArticleDetailRow: Encodable {
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
    var text: String
    @Nullable var byline: String?
    var entities: [Entity]
    var versions: [Version]
    var sources: [SourceRow]

    struct Entity: Encodable {
        var type: EntityType
        var name: String
        var mentions: Int
        var role: String?
        var sentences: [String]
    }

    struct Version: Encodable {
        var version: Int
        var fetched: String
        var words: Int
        var diff: String?
    }

    init(_ article: ArticleDetail) {
        let summary = ArticleRow(article.summary)
        (id, url, canonicalURL, title, feed) = (summary.id, summary.url, summary.canonicalURL, summary.title, summary.feed)
        (published, fetched, words, story, version, relevant) = (
            summary.published, summary.fetched, summary.words, summary.story, summary.version, summary.relevant
        )
        text = article.text
        byline = article.byline
        entities = article.entities.map { Entity(type: $0.type, name: $0.name, mentions: $0.mentions, role: $0.role, sentences: $0.sentences) }
        versions = article.versions.map { Version(version: $0.version, fetched: ISOTime.format($0.fetched), words: $0.words, diff: $0.diff) }
        sources = article.sources.map { SourceRow(feed: $0.feed, url: $0.url) }
    }
}
