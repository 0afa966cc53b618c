import FlyingFox
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Fetching

/// The fetcher against misbehaving servers on 127.0.0.1: each case must end in its own error class, quickly.
@Suite struct HostileServerTests {
    static let options = FetchOptions(
        concurrency: 8, perHost: 2, connectTimeoutMilliseconds: 2_000, timeoutMilliseconds: 8_000,
        maxBody: 1 << 20, allowPrivate: false, userAgent: "summitwatch-test",
        lowSpeedBytesPerSecond: 1_000, lowSpeedSeconds: 1)

    func fetch(_ url: String, purpose: FetchRequest.Purpose = .feed, trusted: Set<String> = [], options: FetchOptions = options) async -> (
        Result<FetchedDocument, FetchError>, Duration
    ) {
        let fetcher = HTTPFetcher(options: options)
        defer { fetcher.shutdown() }
        let clock = ContinuousClock()
        let start = clock.now
        let result = await fetcher.fetch(FetchRequest(url: url, purpose: purpose, trustedEndpoints: trusted))
        return (result, clock.now - start)
    }

    func errorKind(_ result: Result<FetchedDocument, FetchError>) -> FetchError.Kind? {
        if case .failure(let error) = result { return error.kind }
        return nil
    }

    @Test func aSlowDripIsCutOffAsTooSlow() async throws {
        let server = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss>")
            for _ in 0..<30 {
                Thread.sleep(forTimeInterval: 0.5)
                if !connection.write(" ") { return }
            }
        }
        defer { server.stop() }
        let (result, _) = await fetch(server.url("/drip.xml"))
        // too_slow comes only from the low-speed check, which fires before the 8 s transfer timeout (timeout).
        #expect(errorKind(result) == .tooSlow)
    }

    @Test func anEndlessChunkedBodyStopsAtTheCap() async throws {
        let server = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "4000\r\n" + String(repeating: "x", count: 0x4000) + "\r\n"
            while connection.write(chunk) {}
        }
        defer { server.stop() }
        let (result, elapsed) = await fetch(server.url("/endless.html"))
        #expect(errorKind(result) == .tooLarge)
        #expect(elapsed < .seconds(5))
    }

    /// 1 MiB of zeros gzipped, then the same again after a full flush: repeatable without limit (10 000× = 10 GiB).
    static let bombHead = Data(
        base64Encoded:
            "H4sIAAAAAAACA+zBMQEAAADCoPVPbQhfoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPgMAAP//"
    )!
    static let bombRepeat = Data(
        base64Encoded:
            "7MExAQAAAMKg9U9tCF+gAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+AwAA//8="
    )!

    @Test func aGzipBombStopsAtTheCapWithFlatMemory() async throws {
        let server = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\n\r\n")
            guard connection.write([UInt8](Self.bombHead)) else { return }
            for _ in 0..<10_000 where connection.write([UInt8](Self.bombRepeat)) {}
        }
        defer { server.stop() }
        let before = ResidentMemory.bytes()
        let (result, elapsed) = await fetch(server.url("/bomb.xml"))
        #expect(errorKind(result) == .tooLarge)
        #expect(elapsed < .seconds(5))
        // Uncapped, the bomb decodes to 10 GiB; the margin is for the suites running beside this one in the process.
        #expect(ResidentMemory.bytes() - before < 256 << 20, "memory grew while decoding a gzip bomb")
    }

    @Test func aLyingContentLengthIsAProtocolError() async throws {
        let server = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\nConnection: close\r\n\r\nonly this much")
        }
        defer { server.stop() }
        let (result, _) = await fetch(server.url("/short.html"))
        #expect(errorKind(result) == .protocol)
    }

    @Test func redirectLoopsAndRedirectsToFilesAreRedirectErrors() async throws {
        let server = try HostileHTTPServer { connection in
            let request = connection.readRequest()
            let target = request.path == "/to-file" ? "file:///etc/passwd" : "/loop\(Int.random(in: 0..<1_000_000))"
            connection.write("HTTP/1.1 302 Found\r\nLocation: \(target)\r\nContent-Length: 0\r\n\r\n")
        }
        defer { server.stop() }
        let (loop, _) = await fetch(server.url("/loop"))
        #expect(errorKind(loop) == .redirect)
        let (file, _) = await fetch(server.url("/to-file"))
        #expect(errorKind(file) == .redirect)
        if case .failure(let error) = file { #expect(!error.message.contains("root:")) }
    }

    @Test func tooManyRequestsCarriesRetryAfterAndServerErrorsAreClassed() async throws {
        let server = try HostileHTTPServer { connection in
            let request = connection.readRequest()
            switch request.path {
            case "/busy": connection.write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n")
            case "/down": connection.write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: Wed, 21 Oct 2099 07:28:00 GMT\r\nContent-Length: 0\r\n\r\n")
            default: connection.write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
            }
        }
        defer { server.stop() }
        let (busy, _) = await fetch(server.url("/busy"))
        guard case .failure(let busyError) = busy else {
            Issue.record("429 succeeded")
            return
        }
        #expect(busyError.kind == .http4xx)
        #expect(busyError.status == 429)
        let wait = try #require(busyError.retryAfter).timeIntervalSinceNow
        #expect(wait > 100 && wait <= 120)
        let (down, _) = await fetch(server.url("/down"))
        guard case .failure(let downError) = down else {
            Issue.record("503 succeeded")
            return
        }
        #expect(downError.kind == .http5xx)
        #expect(downError.retryAfter.map { Int($0.timeIntervalSince1970) } == 4_096_250_880)  // 2099-10-21T07:28:00Z
        let (broken, _) = await fetch(server.url("/500"))
        #expect(errorKind(broken) == .http5xx)
    }

    @Test func aPageOnAnotherLoopbackPortIsNotFetched() async throws {
        let feedServer = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        }
        let internalServer = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret")
        }
        defer {
            feedServer.stop()
            internalServer.stop()
        }
        let trusted: Set<String> = ["127.0.0.1:\(feedServer.port)"]
        let (sameOrigin, _) = await fetch(feedServer.url("/article.html"), purpose: .page, trusted: trusted)
        #expect((try? sameOrigin.get().body) == Data("ok".utf8))
        let (probe, elapsed) = await fetch(internalServer.url("/admin"), purpose: .page, trusted: trusted)
        #expect(errorKind(probe) == .blockedAddress)
        #expect(elapsed < .seconds(2))
        var allowing = Self.options
        allowing.allowPrivate = true
        let (allowed, _) = await fetch(internalServer.url("/admin"), purpose: .page, options: allowing)
        #expect((try? allowed.get().body) == Data("secret".utf8))
    }

    @Test func aRefusedConnectionIsAConnectError() async throws {
        let server = try HostileHTTPServer { _ in }
        let port = server.port
        server.stop()
        let (result, _) = await fetch("http://127.0.0.1:\(port)/gone.xml")
        #expect(errorKind(result) == .connect)
    }

    @Test func onlyHTTPAndHTTPSAreFetched() async {
        let (result, _) = await fetch("file:///etc/passwd")
        #expect(errorKind(result) == .protocol)
    }
}

@Suite struct ConditionalAndPoliteTests {
    @Test func conditionalGetSavesTheDownloadAndFollowsAChangingETag() async throws {
        let server = try await LocalHTTPServer.start()
        let version = Mutex("a")
        server.set("/feed.xml") { request in
            let current = version.withLock { $0 }
            let etag = "\"\(current)\""
            if request.headers[HTTPHeader("If-None-Match")] == etag { return HTTPResponse(statusCode: .notModified, headers: [HTTPHeader("ETag"): etag]) }
            return HTTPResponse(
                statusCode: .ok, headers: [HTTPHeader("ETag"): etag, HTTPHeader("Last-Modified"): "Fri, 15 Aug 2025 10:00:00 GMT"],
                body: Data("<rss version=\"2.0\"><channel><title>\(current)</title></channel></rss>".utf8))
        }
        let fetcher = HTTPFetcher(options: .test(userAgent: "summitwatch-test/1.0"))
        defer { fetcher.shutdown() }
        let first = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), purpose: .feed)).get()
        #expect(first.status == 200)
        #expect(first.etag == "\"a\"")
        let second = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"), purpose: .feed, etag: first.etag, lastModified: first.lastModified))
            .get()
        #expect(second.notModified)
        #expect(second.body.isEmpty)
        version.withLock { $0 = "b" }
        let third = try await fetcher.fetch(
            FetchRequest(url: server.url("/feed.xml"), purpose: .feed, etag: second.etag ?? first.etag, lastModified: first.lastModified)
        ).get()
        #expect(third.status == 200)
        #expect(third.etag == "\"b\"")
        await server.stop()

        let seen = server.requests(to: "/feed.xml")
        #expect(seen.count == 3)
        #expect(seen[0].headers["if-none-match"] == nil)
        #expect(seen[1].headers["if-none-match"] == "\"a\"")
        #expect(seen[1].headers["if-modified-since"] == "Fri, 15 Aug 2025 10:00:00 GMT")
        #expect(seen[2].headers["if-none-match"] == "\"a\"")
        #expect(seen[0].headers["user-agent"] == "summitwatch-test/1.0")
        let encodings = seen[0].headers["accept-encoding"] ?? ""
        #expect(encodings.contains("gzip") && encodings.contains("br") && encodings.contains("zstd"))
    }

    @Test func noHostGetsMoreThanItsShareAndAllHostsProgress() async throws {
        let busy = try await LocalHTTPServer.start()
        let quiet = try await LocalHTTPServer.start()
        let inFlight = Mutex((now: 0, peak: 0))
        busy.set("/slow") { _ in
            inFlight.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            try await Task.sleep(for: .milliseconds(100))
            inFlight.withLock { $0.now -= 1 }
            return HTTPResponse(statusCode: .ok, body: Data("x".utf8))
        }
        quiet.set("/fast", .text("y", type: "text/plain"))
        let fetcher = HTTPFetcher(options: .test(concurrency: 4, perHost: 2))
        defer { fetcher.shutdown() }
        let clock = ContinuousClock()
        let start = clock.now
        async let busyDone: [Bool] = withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    (try? await fetcher.fetch(FetchRequest(url: busy.url("/slow"), purpose: .page, trustedEndpoints: ["127.0.0.1:\(busy.port)"])).get()) != nil
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try await Task.sleep(for: .milliseconds(50))
        let quietResult = await fetcher.fetch(FetchRequest(url: quiet.url("/fast"), purpose: .page, trustedEndpoints: ["127.0.0.1:\(quiet.port)"]))
        let quietTook = clock.now - start
        let results = await busyDone
        await busy.stop()
        await quiet.stop()
        #expect((try? quietResult.get().status) == 200)
        // Starved behind the busy host it would wait for all 20 slow answers (≥ 1.4 s here); 1 s allows for load.
        #expect(quietTook < .seconds(1), "the quiet host waited behind the busy one: \(quietTook)")
        #expect(results.allSatisfy { $0 })
        #expect(inFlight.withLock { $0.peak } == 2)
    }
}

@Suite struct HostFairQueueTests {
    @Test func hostsAreServedInTurn() {
        var queue = HostFairQueue()
        let options = FetchOptions.test()
        var order: [String] = []
        let urls = (0..<3).map { "https://a.example/\($0)" } + ["https://b.example/1", "https://c.example/1"]
        for url in urls {
            queue.append(CurlTransfer(request: FetchRequest(url: url, purpose: .page), options: options, continuation: nil))
        }
        while let next = queue.next(where: { _ in true }) { order.append(next.host) }
        #expect(order == ["a.example:443", "b.example:443", "c.example:443", "a.example:443", "a.example:443"])
    }
}

/// The process's resident memory, from /proc/self/statm.
enum ResidentMemory {
    static func bytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}

@Suite struct EngineSchedulingTests {
    /// Transfers queued behind the per-host limit start as soon as a slot frees, not after the engine's idle
    /// poll timeout (1 s): twenty queued requests to a server answering at once finish far inside a second each.
    @Test func queuedTransfersStartAsSoonAsASlotFrees() async throws {
        let server = try HostileHTTPServer { connection in
            _ = connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        }
        defer { server.stop() }
        let fetcher = HTTPFetcher(options: .test(concurrency: 1, perHost: 1, allowPrivate: true))
        defer { fetcher.shutdown() }
        let clock = ContinuousClock()
        let start = clock.now
        let statuses = await withTaskGroup(of: Int.self) { group in
            for index in 0..<20 { group.addTask { (try? await fetcher.fetch(FetchRequest(url: server.url("/\(index)"), purpose: .feed)).get().status) ?? 0 } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
        // The stall this guards against costs a second per queued transfer (19 s here); 12 s leaves room for a
        // machine whose two cores are busy with the rest of the test run.
        #expect(clock.now - start < .seconds(12), "queued transfers waited for the poll timeout")
    }
}

extension FetchOptions {
    /// Limits for tests that are not about limits (the product's defaults live in the config's FetchSettings).
    static func test(concurrency: Int = 16, perHost: Int = 2, allowPrivate: Bool = false, userAgent: String = "summitwatch-test") -> FetchOptions {
        FetchOptions(
            concurrency: concurrency, perHost: perHost, connectTimeoutMilliseconds: 10_000, timeoutMilliseconds: 30_000, maxBody: 10 << 20,
            allowPrivate: allowPrivate, userAgent: userAgent, lowSpeedBytesPerSecond: 64, lowSpeedSeconds: 15)
    }
}
