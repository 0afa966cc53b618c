import Configuration
import FlyingFox
import Foundation
import Logging
import Pipeline
import Store
import TestSupport
import Testing

@Suite struct FetchPolicyCycleTests {
    static func context(_ folder: borrowing TemporaryFolder, feeds: [FeedConfig], tune: (inout Config) -> Void = { _ in }) throws -> PipelineContext {
        var config = Config(database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"), feeds: feeds)
        config.fetch.timeout = .seconds(8)
        config.fetch.connectTimeout = .seconds(2)
        config.fetch.maxBody = 1 << 20
        config.fetch.lowSpeedLimit = 1_000
        config.fetch.lowSpeedTime = .seconds(3)  // a drip (2 B/s) is cut; a busy machine starving the good server for a second is not
        config.schedule.minInterval = .seconds(1)
        tune(&config)
        return try PipelineContext.make(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func hostileFeedsFailWithTheirOwnClassAndTheGoodOneStillLands() async throws {
        let good = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "good", count: 3, seedBase: 900, on: good)
        good.set("/good.xml", .text(SiteFixture.rss(items, server: good), type: "application/rss+xml"))
        let hostile = try HostileHTTPServer { connection in
            let request = connection.readRequest()
            switch request.path.split(separator: "?").first.map(String.init) {
            case "/drip.xml":
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<rss>")
                for _ in 0..<20 where connection.write(" ") { Thread.sleep(forTimeInterval: 0.5) }
            case "/huge.xml":
                connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                while connection.write("4000\r\n" + String(repeating: "<", count: 0x4000) + "\r\n") {}
            case "/loop.xml":
                connection.write("HTTP/1.1 301 Moved Permanently\r\nLocation: /loop.xml?\(Int.random(in: 0..<1_000_000))\r\nContent-Length: 0\r\n\r\n")
            case "/busy.xml":
                connection.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n")
            case "/broken.xml":
                connection.write("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n")
            default:
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n<html><body>hi</body></html")
            }
        }
        defer { hostile.stop() }
        let feeds =
            [FeedConfig(name: "good", url: good.url("/good.xml"))]
            + ["drip", "huge", "loop", "busy", "broken", "notafeed"].map { FeedConfig(name: $0, url: hostile.url("/\($0).xml")) }
        let context = try Self.context(folder, feeds: feeds)
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await FetchCycle(context: context).run()
        let elapsed = clock.now - start
        await good.stop()

        let kinds = Dictionary(uniqueKeysWithValues: report.feeds.map { ($0.feed, $0.errorKind?.rawValue ?? "ok") })
        #expect(
            kinds == [
                "good": "ok", "drip": "too_slow", "huge": "too_large", "loop": "redirect", "busy": "http_4xx",
                "broken": "http_5xx", "notafeed": "parse",
            ])
        #expect(report.feeds.first { $0.feed == "good" }?.newArticles == 3)
        #expect(elapsed < .seconds(8), "the cycle took \(elapsed)")
        let states = Dictionary(uniqueKeysWithValues: try context.store.feedStates().map { ($0.name, $0) })
        let busyDue = try #require(states["busy"]?.nextDue).timeIntervalSinceNow
        #expect(busyDue > 3500, "Retry-After: 3600 was not respected (next due in \(busyDue)s)")
        #expect(states.values.filter { $0.name != "good" }.allSatisfy { $0.consecutiveFailures == 1 && $0.lastErrorKind != nil })
    }

    @Test func threePermanentRedirectsMoveAFeedButTemporaryOnesNever() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        let items = SiteFixture.serveArticles(prefix: "moving", count: 1, seedBase: 50, on: server)
        server.set("/new.xml", .text(SiteFixture.rss(items, server: server), type: "application/rss+xml"))
        server.set("/old.xml", LocalHTTPServer.Reply(status: 301, headers: ["Location": server.url("/new.xml")]))
        server.set("/temp.xml", LocalHTTPServer.Reply(status: 302, headers: ["Location": server.url("/new.xml")]))
        let context = try Self.context(
            folder,
            feeds: [
                FeedConfig(name: "moving", url: server.url("/old.xml")),
                FeedConfig(name: "visiting", url: server.url("/temp.xml")),
            ])
        let cycle = FetchCycle(context: context)
        for round in 1...3 {
            let report = try await cycle.run()
            #expect(report.failedFeeds == 0)
            let moving = try #require(try context.store.feedStates().first { $0.name == "moving" })
            #expect(moving.url == server.url(round < 3 ? "/old.xml" : "/new.xml"), "after cycle \(round)")
        }
        await server.stop()
        let visiting = try #require(try context.store.feedStates().first { $0.name == "visiting" })
        #expect(visiting.url == server.url("/temp.xml"))
        let moves = try context.store.changes(since: nil, kind: "feed.moved", limit: 10)
        #expect(moves.count == 1)
        #expect(moves.first?.contains("\"feed\":\"moving\"") == true)
        #expect(server.requests(to: "/old.xml").count == 3)
    }

    @Test func failuresBackOffExponentiallyUpToTheCapAndRecoveryIsLogged() async throws {
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        server.set("/flaky.xml", LocalHTTPServer.Reply(status: 503))
        let context = try Self.context(folder, feeds: [FeedConfig(name: "flaky", url: server.url("/flaky.xml"), interval: .seconds(60))]) { config in
            config.schedule.maxBackoff = .seconds(600)
        }
        let cycle = FetchCycle(context: context)
        var waits: [TimeInterval] = []
        for _ in 1...6 {
            let now = Date()
            _ = try await cycle.run(now: now)
            let due = try #require(try context.store.feedStates().first?.nextDue)
            waits.append(due.timeIntervalSince(now))
        }
        // 60 s × 2^(n-1) × [0.75, 1.25), capped at 600 s.
        let bounds: [ClosedRange<Double>] = [45...75, 90...150, 180...300, 360...600, 450...600, 450...600]
        // ±1 s: times go through SQLite as Unix seconds.
        for (wait, range) in zip(waits, bounds) { #expect(wait >= range.lowerBound - 1 && wait <= range.upperBound + 1, "wait \(wait) outside \(range)") }
        #expect(try context.store.feedStates().first?.consecutiveFailures == 6)

        let items = SiteFixture.serveArticles(prefix: "flaky", count: 1, seedBase: 60, on: server)
        server.set("/flaky.xml", .text(SiteFixture.rss(items, server: server), type: "application/rss+xml"))
        _ = try await cycle.run()
        await server.stop()
        #expect(try context.store.feedStates().first?.consecutiveFailures == 0)
        #expect(try context.store.changes(since: nil, kind: "feed.recovered", limit: 10).count == 1)
    }
}
