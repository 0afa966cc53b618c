import ArgumentParser
import Foundation
import Report
import Store

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The digest as one self-contained HTML page: summits, top stories, what changed, entities, feed health.",
        discussion: "Example: summitwatch report --config .demo/summitwatch.yaml --since 30d --out report.html")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Start of the period: ISO-8601 date/time or a span back from now (90m, 24h, 7d).") var since = "24h"
    @Option(name: .long, help: "End of the period (default: now).") var until: String?
    @Option(name: .long, help: "Write the page to this file (atomically) instead of standard output.") var out: String?

    func run() async throws {
        let now = Date()
        let start = try WhenText.parse(since, now: now)
        let end = try until.map { try WhenText.parse($0, now: now) } ?? now
        guard start < end else { throw CLIFailure.usage("--since (\(since)) must come before --until (\(until ?? "now"))") }
        let store = try StoreOpener.open(try global.loadConfig())
        let data: ReportData
        do { data = try store.reportData(since: start, until: end) } catch { throw CLIFailure.couldNotRun(error) }
        let html = ReportPage.render(data, generated: now)
        guard let out else {
            FileHandle.standardOutput.write(Data(html.utf8))
            return
        }
        do { try ReportFile.write(html, to: out) } catch { throw CLIFailure.couldNotRun(error) }
    }
}
