import ArgumentParser
import ChangeLog
import Configuration
import Daemon
import Foundation
import Logging
import Model
import Pipeline

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon in the foreground (systemd runs it so).",
        discussion: "Example: summitwatch run --config .demo/summitwatch.yaml  (stop with Ctrl-C)")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config = try global.loadConfig()
        let context = try PipelineRunner.context(config)
        let path = try ConfigLoader().locate(explicit: global.config)
        let reloader: SummitDaemon.Reloader = {
            try PipelineContext.make(config: try ConfigLoader().load(path: path), logger: Logger(label: "summitwatch"))
        }
        do {
            try await SummitDaemon.runUntilStopped(context: context, reloader: reloader)
        } catch {
            throw CLIFailure.couldNotRun(error)
        }
    }
}

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Run one fetch cycle over the configured feeds, then exit.",
        discussion: "Example: summitwatch fetch --config .demo/summitwatch.yaml --feed wire --format json")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this feed (repeatable).") var feed: [String] = []
    @Flag(name: .long, help: "Re-check every article still inside the recheck window now.") var recheck = false
    @Flag(name: .long, help: "Exit 3 when any feed failed.") var strict = false
    @Option(name: .long, help: "Output: table or json.") var format: OutputFormat = .table
    @Flag(name: .long, help: "No progress line on the terminal (the summary is still printed).") var quiet = false

    func run() async throws {
        let config = try global.loadConfig()
        let context = try PipelineRunner.context(config)
        let lock: CycleLock
        do { lock = try CycleLock(databasePath: config.database) } catch { throw CLIFailure.couldNotRun(error) }
        let report: CycleReport
        do {
            var options = FetchCycle.Options(feedNames: feed.isEmpty ? nil : feed, recheckAll: recheck)
            let status = quiet ? nil : ProgressLine.onTerminal()
            defer { status?.clear() }
            if let status { options.progress = { @Sendable progress in status.show(progress) } }
            report = try await FetchCycle(context: context).run(options)
        } catch let error as FetchCycle.UnknownFeed {
            throw CLIFailure.usage(error.description)
        } catch {
            throw CLIFailure.couldNotRun(error)
        }
        withExtendedLifetime(lock) {}
        context.fetcher.shutdown()
        CycleReportPrinter.print(report, format: format)
        if strict && report.failedFeeds > 0 { throw CLIFailure(code: 3, message: "\(report.failedFeeds) feed(s) failed") }
    }
}

enum PipelineRunner {
    static func context(_ config: Config) throws -> PipelineContext {
        do {
            return try PipelineContext.make(config: config, logger: Logger(label: "summitwatch"))
        } catch {
            throw CLIFailure.couldNotRun(error)
        }
    }
}

enum CycleReportPrinter {
    static func print(_ report: CycleReport, format: OutputFormat) {
        if format == .json {
            Swift.print(JSONText.pretty(FetchReportJSON(report)))
            return
        }
        for line in report.feeds {
            let status = line.status.map(String.init) ?? "-"
            switch line.outcome {
            case .failed:
                let code = line.status.map { " (HTTP \($0))" } ?? ""
                Swift.print("\(line.feed): error \(line.errorKind?.rawValue ?? "?")\(code): \(line.error ?? "")")
            case .notModified:
                Swift.print("\(line.feed): not modified (304), nothing to parse")
            case .unchanged:
                Swift.print("\(line.feed): unchanged since last fetch (\(status))")
            default:
                var parts = ["\(line.items) items", "\(line.newItems) new items", "\(line.newArticles) new articles"]
                if line.updatedArticles > 0 { parts.append("\(line.updatedArticles) updated") }
                if line.duplicates > 0 { parts.append("\(line.duplicates) duplicates") }
                if line.pageErrors > 0 { parts.append("\(line.pageErrors) page errors") }
                if line.deferredItems > 0 { parts.append("\(line.deferredItems) left for later cycles (fetch budget)") }
                Swift.print("\(line.feed): ok (\(status)), " + parts.joined(separator: ", "))
            }
        }
        if report.rechecked > 0 { Swift.print("recheck: \(report.rechecked) articles checked, \(report.recheckUpdated) changed") }
        let seconds = String(format: "%.1f", report.finished.timeIntervalSince(report.started))
        if report.storedNothing {
            Swift.print("cycle: nothing new stored (\(report.feeds.count) feeds, \(report.failedFeeds) failed, \(seconds)s)")
        } else {
            Swift.print(
                "cycle: \(report.newArticles) new, \(report.updatedArticles) updated, \(report.duplicates) duplicates (\(report.feeds.count) feeds, \(report.failedFeeds) failed, \(seconds)s)"
            )
        }
    }
}

/// `fetch --format json`: the cycle's counts per feed and in total, and the CPU seconds of each stage.
struct FetchReportJSON: Encodable {
    struct Feed: Encodable {
        var feed: String
        var outcome: String
        @Nullable var status: Int?
        var items: Int
        var newItems: Int
        var newArticles: Int
        var updated: Int
        var duplicates: Int
        var pageErrors: Int
        var deferredItems: Int
        @Nullable var error: String?
        @Nullable var errorKind: String?

        init(_ line: CycleReport.FeedLine) {
            (feed, outcome, status, items, newItems) = (line.feed, line.outcome.rawValue, line.status, line.items, line.newItems)
            (newArticles, updated, duplicates) = (line.newArticles, line.updatedArticles, line.duplicates)
            (pageErrors, deferredItems, error, errorKind) = (line.pageErrors, line.deferredItems, line.error, line.errorKind?.rawValue)
        }
    }

    var feeds: [Feed]
    var newArticles: Int
    var updated: Int
    var duplicates: Int
    var rechecked: Int
    var failedFeeds: Int
    var seconds: Double
    /// CPU seconds per stage (feed_parse, extract, fingerprint, entities, store, change_log).
    var stageCPUSeconds: [String: Double]

    init(_ report: CycleReport) {
        feeds = report.feeds.map(Feed.init)
        newArticles = report.newArticles
        updated = report.updatedArticles
        duplicates = report.duplicates
        rechecked = report.rechecked
        failedFeeds = report.failedFeeds
        seconds = (report.finished.timeIntervalSince(report.started) * 1000).rounded() / 1000
        stageCPUSeconds = Dictionary(uniqueKeysWithValues: report.stageCPU.map { ($0.key.rawValue, ($0.value * 1000).rounded() / 1000) })
    }
}
