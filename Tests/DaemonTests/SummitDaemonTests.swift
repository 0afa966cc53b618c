import Configuration
import Daemon
import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Store
import TestSupport
import Testing

@Suite struct SummitDaemonTests {
    @Test func theDaemonRunsACycleWritesMetricsAndStopsGracefully() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let page =
            "<html><body><article>"
            + String(repeating: "<p>Leaders met in Geneva for talks on a ceasefire, officials said, and agreed to meet again.</p>", count: 6)
            + "</article></body></html>"
        server.set("/a.html", .text(page, type: "text/html"))
        server.set(
            "/feed.xml",
            .text(
                "<rss version=\"2.0\"><channel><title>t</title><item><title>A</title><link>\(server.url("/a.html"))</link><guid>a</guid></item></channel></rss>",
                type: "application/rss+xml"))
        var config = Config(
            database: folder.file("db/summitwatch.db"), changelogDir: folder.file("changes"), metricsFile: folder.file("summitwatch.prom"),
            feeds: [FeedConfig(name: "feed", url: server.url("/feed.xml"))])
        config.schedule.minInterval = .seconds(1)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let context = try PipelineContext.make(config: config, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [.init(service: SummitDaemon(context: context))], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }

        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while clock.now < deadline, (try context.store.articles(ArticleQuery())).isEmpty || !FileManager.default.fileExists(atPath: config.metricsFile!) {
            try await Task.sleep(for: .milliseconds(50))
        }
        await group.triggerGracefulShutdown()
        try await running.value
        await server.stop()

        #expect(try context.store.articles(ArticleQuery()).count == 1)
        let metrics = try String(contentsOfFile: config.metricsFile!, encoding: .utf8)
        #expect(metrics.contains("summitwatch_cycles_total 1"))
        #expect(metrics.contains("summitwatch_feed_consecutive_failures{feed=\"feed\"} 0"))
        #expect(metrics.contains("summitwatch_store_rows{table=\"articles\"} 1.0"))
        #expect(metrics.contains("summitwatch_store_size_bytes "))
        #expect(try context.store.unloggedChanges().isEmpty)
    }
}

@Suite struct DaemonReloadTests {
    @Test func aReloadPicksUpANewFeedAtOnce() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        for name in ["a", "b"] {
            let page =
                "<html><body><article>"
                + String(repeating: "<p>Feed \(name) reports that leaders met in Geneva for talks on a ceasefire, officials said.</p>", count: 5)
                + "</article></body></html>"
            server.set("/\(name).html", .text(page, type: "text/html"))
            server.set(
                "/\(name).xml",
                .text(
                    "<rss version=\"2.0\"><channel><title>\(name)</title><item><title>\(name)</title><link>\(server.url("/\(name).html"))</link><guid>\(name)</guid></item></channel></rss>",
                    type: "application/rss+xml"))
        }
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        var config = Config(
            database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"), feeds: [FeedConfig(name: "a", url: server.url("/a.xml"))])
        let first = try PipelineContext.make(config: config, logger: logger)
        config.feeds.append(FeedConfig(name: "b", url: server.url("/b.xml")))
        let reloadedConfig = config
        let daemon = SummitDaemon(context: first, reloader: { try PipelineContext.make(config: reloadedConfig, logger: logger) })
        let group = ServiceGroup(configuration: .init(services: [.init(service: daemon)], gracefulShutdownSignals: [], logger: logger))
        let running = Task { try await group.run() }

        let clock = ContinuousClock()
        var deadline = clock.now + .seconds(15)
        while clock.now < deadline, try first.store.articles(ArticleQuery()).count < 1 { try await Task.sleep(for: .milliseconds(50)) }
        daemon.requestReload()
        deadline = clock.now + .seconds(15)
        while clock.now < deadline, try first.store.articles(ArticleQuery()).count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        await group.triggerGracefulShutdown()
        try await running.value
        await server.stop()

        #expect(Set(try first.store.articles(ArticleQuery()).map(\.feed)) == ["a", "b"])
    }
}
