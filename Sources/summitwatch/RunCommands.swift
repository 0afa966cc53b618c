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

    func run() async throws {
        let config = try global.loadConfig()
        let context = try PipelineRunner.context(config)
        let lock: CycleLock
        do { lock = try CycleLock(databasePath: config.database) } catch { throw CLIFailure.couldNotRun(error) }
        let report: CycleReport
        do {
            report = try await FetchCycle(context: context).run(.init(feedNames: feed.isEmpty ? nil : feed, recheckAll: recheck))
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
            let feeds = report.feeds.map { line -> JSONValue in
                .object([
                    ("feed", .string(line.feed)), ("outcome", .string(line.outcome.rawValue)), ("status", line.status.map { .int(Int64($0)) } ?? .null),
                    ("items", .int(Int64(line.items))), ("new_items", .int(Int64(line.newItems))), ("new_articles", .int(Int64(line.newArticles))),
                    ("updated", .int(Int64(line.updatedArticles))), ("duplicates", .int(Int64(line.duplicates))),
                    ("page_errors", .int(Int64(line.pageErrors))), ("deferred_items", .int(Int64(line.deferredItems))), ("error", .optional(line.error)),
                    ("error_kind", .optional(line.errorKind?.rawValue)),
                ])
            }
            Swift.print(
                JSONPretty.render(
                    .object([
                        ("feeds", .array(feeds)), ("new_articles", .int(Int64(report.newArticles))),
                        ("updated", .int(Int64(report.updatedArticles))), ("duplicates", .int(Int64(report.duplicates))),
                        ("rechecked", .int(Int64(report.rechecked))), ("failed_feeds", .int(Int64(report.failedFeeds))),
                    ])))
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
