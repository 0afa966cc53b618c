import ArgumentParser
import ChangeLog
import Configuration
import FeedParsing
import Foundation
import Model
import Store

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Work with the config file.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate the config; every problem names file, line, key and what was expected.",
            discussion: "Example: summitwatch config check --config .demo/summitwatch.yaml")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let config = try global.loadConfig()
            print("config OK: \(config.feeds.count) feeds, database \(config.database)")
        }
    }
}

struct FeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "Feed state, and OPML in and out.",
        subcommands: [Status.self, List.self, Import.self, Export.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Every feed's last status, last error, consecutive failures and next due time.",
            discussion: "Example: summitwatch feeds status --config .demo/summitwatch.yaml --format json")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let config = try global.loadConfig()
            let states: [FeedState]
            do { states = try StoreOpener.open(config).feedStates() } catch let failure as CLIFailure {
                // No store yet: every configured feed is new and due.
                guard !FileManager.default.fileExists(atPath: config.database) else { throw failure }
                states = []
            }
            let now = Date()
            let shown = config.feeds.map { feed in FeedDue(feed: feed, state: states.first { $0.name == feed.name }, now: now) }
            let objects = shown.map(FeedStatusRow.init)
            let rows = shown.map { entry in
                [
                    entry.feed.name, entry.state?.lastStatus.map(String.init) ?? "-", String(entry.state?.consecutiveFailures ?? 0),
                    entry.isDue ? "now" : TimeText.cell(entry.state?.nextDue), entry.reason,
                    entry.state?.lastError.map { "\(entry.state?.lastErrorKind?.rawValue ?? ""): \($0)" } ?? "", entry.state?.url ?? entry.feed.url,
                ]
            }
            RowPrinter(columns: ["FEED", "STATUS", "FAILURES", "NEXT DUE", "WHY", "LAST ERROR", "URL"], rows: rows, objects: objects).print(format)
        }
    }

    /// `feeds status --format json`: every key present, null when the store has nothing yet.
    struct FeedStatusRow: Encodable {
        var name, url: String
        var lastStatus: Nullable<Int>
        var lastError, lastErrorKind: Nullable<String>
        var consecutiveFailures: Int
        var nextDue: Nullable<String>
        var due: Bool
        var dueReason: String
        var etag, lastModified, lastFetched: Nullable<String>

        init(_ entry: FeedDue) {
            let state = entry.state
            (name, url) = (entry.feed.name, state?.url ?? entry.feed.url)
            (lastStatus, lastError, lastErrorKind) = (
                Nullable(state?.lastStatus), Nullable(state?.lastError), Nullable(state?.lastErrorKind?.rawValue)
            )
            (consecutiveFailures, nextDue, due, dueReason) = (state?.consecutiveFailures ?? 0, TimeText.iso(state?.nextDue), entry.isDue, entry.reason)
            (etag, lastModified, lastFetched) = (Nullable(state?.etag), Nullable(state?.lastModified), TimeText.iso(state?.lastFetched))
        }
    }

    struct FeedListRow: Encodable {
        var name, url, interval: String
        var tags: [String]
    }

    /// A configured feed with its stored state, and why it is (or will be) due.
    struct FeedDue {
        var feed: FeedConfig
        var state: FeedState?
        var now: Date

        var isDue: Bool { state?.nextDue.map { $0 <= now } ?? true }

        var reason: String {
            guard let state, state.lastFetched != nil else { return "never fetched" }
            guard state.url == feed.url || state.configuredURL == feed.url else { return "URL changed in the config" }
            let reason = state.dueReason ?? "interval"
            return isDue ? "\(reason) elapsed" : reason
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The configured feeds.", discussion: "Example: summitwatch feeds list --config .demo/summitwatch.yaml")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var format: OutputFormat = .table

        func run() async throws {
            let config = try global.loadConfig()
            let objects = config.feeds.map { feed in
                FeedListRow(name: feed.name, url: feed.url, interval: DurationText.format(feed.interval ?? config.schedule.interval), tags: feed.tags)
            }
            let rows = config.feeds.map { [$0.name, DurationText.format($0.interval ?? config.schedule.interval), $0.tags.joined(separator: ","), $0.url] }
            RowPrinter(columns: ["FEED", "INTERVAL", "TAGS", "URL"], rows: rows, objects: objects).print(format)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Read an OPML file and add its new feeds to the config (--write), or print them to paste in.",
            discussion:
                "Example: summitwatch feeds export --config .demo/summitwatch.yaml > f.opml; summitwatch feeds import f.opml --config .demo/summitwatch.yaml")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "OPML file.") var file: String
        @Flag(help: "Add the new feeds to the config file itself; the edited file is checked before it replaces the old one.")
        var write = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIFailure.usage("cannot read \(file)") }
            let outlines: [OPMLOutline]
            do { outlines = try OPMLReader().read(data, source: file) } catch { throw CLIFailure(code: 2, message: error.description) }
            let existing = (try? global.loadConfig())?.feeds ?? []  // with --write, the editor reports a broken config
            var names = Set(existing.map(\.name))
            var knownURLs = Set(existing.map(\.url))
            var added: [FeedListEditor.NewFeed] = []
            for outline in outlines where knownURLs.insert(outline.xmlURL).inserted {
                added.append(FeedListEditor.NewFeed(name: FeedNaming.uniqueName(for: outline, taken: &names), url: outline.xmlURL, tags: outline.categories))
            }
            if write {
                let path = try global.configPath()
                try Self.add(added, toConfigAt: path)
                FileHandle.standardError.write(
                    Data(
                        "summitwatch: added \(added.count) new feed(s) of \(outlines.count) in \(file) to \(path); a running daemon takes them on reload (systemctl reload summitwatch)\n"
                            .utf8))
                return
            }
            print("feeds:")
            for feed in added {
                print("  - name: \(feed.name)\n    url: \(FeedListEditor.quoted(feed.url))")
                if !feed.tags.isEmpty { print("    tags: [\(feed.tags.map(FeedListEditor.quoted).joined(separator: ", "))]") }
            }
            FileHandle.standardError.write(Data("summitwatch: \(added.count) new feed(s) from \(outlines.count) in \(file)\n".utf8))
        }

        /// Edits the config text and replaces the file in one rename, so a reader never sees half a file.
        static func add(_ feeds: [FeedListEditor.NewFeed], toConfigAt path: String) throws {
            guard !feeds.isEmpty else { return }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIFailure(code: 2, message: "cannot read config \(path)") }
            let edited: String
            do { edited = try FeedListEditor.adding(feeds, to: text, file: path) } catch { throw CLIFailure(code: 2, message: error.description) }
            do { try edited.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw CLIFailure(code: 1, message: "cannot write config \(path): \(error.localizedDescription)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Print the configured feeds as OPML 2.0.",
            discussion: "Example: summitwatch feeds export --config .demo/summitwatch.yaml > feeds.opml")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let config = try global.loadConfig()
            print(
                OPMLWriter.write(
                    config.feeds.map { OPMLOutline(title: $0.name, xmlURL: $0.url, htmlURL: nil, categories: $0.tags) },
                    title: "SummitWatch feeds"))
        }
    }
}

enum FeedNaming {
    /// A config name (letters, digits, '-') from an outline's title, made unique.
    static func uniqueName(for outline: OPMLOutline, taken: inout Set<String>) -> String {
        let source = outline.title ?? URL(string: outline.xmlURL)?.host ?? "feed"
        var slug = source.lowercased().unicodeScalars.map { $0.isASCII && CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" }
            .reduce(into: "") { result, character in if !(character == "-" && result.last == "-") { result.append(character) } }
        slug = slug.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if slug.isEmpty { slug = "feed" }
        var name = String(slug.prefix(40))
        var counter = 2
        while taken.contains(name) {
            name = "\(slug.prefix(36))-\(counter)"
            counter += 1
        }
        taken.insert(name)
        return name
    }

}

enum StoreOpener {
    /// Read-only: never creates, migrates or writes the store (only `run`, `fetch` and `maintain` do).
    static func open(_ config: Config, access: SummitStore.Access = .readOnly) throws -> SummitStore {
        do { return try SummitStore(path: config.database, access: access) } catch { throw CLIFailure.couldNotRun(error) }
    }
}
