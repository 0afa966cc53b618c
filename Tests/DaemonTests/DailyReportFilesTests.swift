import Configuration
import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Store
import TestSupport
import Testing

@testable import Daemon

@Suite struct DailyReportFilesTests {
    @Test func theDaemonWritesLatestAndYesterdaysReportIntoReportDir() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let page =
            "<html><head><title>Leaders meet in Geneva</title></head><body><article>"
            + String(repeating: "<p>Leaders met in Geneva for talks on a ceasefire, officials said, and agreed to meet again.</p>", count: 6)
            + "</article></body></html>"
        server.set("/a.html", .text(page, type: "text/html"))
        server.set(
            "/feed.xml",
            .text(
                "<rss version=\"2.0\"><channel><title>t</title><item><title>A</title><link>\(server.url("/a.html"))</link><guid>a</guid></item></channel></rss>",
                type: "application/rss+xml"))
        var config = Config(
            database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"), feeds: [FeedConfig(name: "feed", url: server.url("/feed.xml"))])
        config.reportDir = folder.file("reports")
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let context = try PipelineContext.make(config: config, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: SummitDaemon(context: context))], gracefulShutdownSignals: [], logger: logger))
        let started = Date()
        let running = Task { try await group.run() }
        let latest = folder.file("reports/latest.html")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while clock.now < deadline, !FileManager.default.fileExists(atPath: latest) { try await Task.sleep(for: .milliseconds(50)) }
        await group.triggerGracefulShutdown()
        try await running.value
        await server.stop()

        let html = try String(contentsOfFile: latest, encoding: .utf8)
        #expect(html.contains("Leaders meet in Geneva"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("reports")).sorted()
        // The cycle ended between `started` and now: its previous UTC day is one of theirs (a test run may cross midnight).
        let dayBefore = { (date: Date) in String(ISO8601DateFormatter().string(from: date.addingTimeInterval(-86_400)).prefix(10)) + ".html" }
        #expect(names.count == 2 && names.contains("latest.html"), "\(names)")
        #expect(names.contains(dayBefore(started)) || names.contains(dayBefore(Date())), "\(names)")
        #expect(names.allSatisfy { !$0.hasSuffix(".tmp") }, "no temporary file left behind")
    }

    @Test func aFinishedDayIsWrittenOnceAndLatestEveryCycle() throws {
        let folder = try TemporaryFolder()
        let store = try SummitStore(path: folder.file("summitwatch.db"))
        let files = DailyReportFiles(directory: folder.file("reports"), store: store)
        let cycleEnd = try #require(ISO8601DateFormatter().date(from: "2026-03-02T00:05:00Z"))
        #expect(try files.write(after: cycleEnd) == [folder.file("reports/2026-03-01.html"), folder.file("reports/latest.html")])
        let day = try String(contentsOfFile: folder.file("reports/2026-03-01.html"), encoding: .utf8)
        #expect(day.contains("2026-03-01 00:00 UTC – 2026-03-02 00:00 UTC"))
        #expect(try files.write(after: cycleEnd.addingTimeInterval(900)) == [folder.file("reports/latest.html")])
        #expect(try files.write(after: cycleEnd.addingTimeInterval(86_400)) == [folder.file("reports/2026-03-02.html"), folder.file("reports/latest.html")])
    }
}
