import FlyingFox
import Foundation
import Model
import Store
import Synchronization
import TestSupport
import Testing

/// `summitwatch query` and `show` as an analyst runs them, on a store filled by a real fetch of the demo site
/// (served on 127.0.0.1) plus pages whose titles an attacker wrote.
@Suite(.serialized) struct QueryCLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path

    /// A title with everything a terminal must never receive: ESC sequences (screen clear, OSC 52 clipboard write,
    /// an OSC 8 link), BEL, a CR that would forge a table row, C1 CSI, and bidi overrides and isolates.
    static let hostileTitle =
        "Leaders \u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07} meet \u{1B}]8;;http://evil.example/\u{1B}\\here\u{1B}]8;;\u{1B}\\"
        + "\r9  2025-01-01  wire  1  yes  forged row \u{9B}31m \u{202E}gnp.exe\u{2066}x\u{2069}"

    /// Cells a spreadsheet would run, and fields that need RFC 4180 quoting.
    static let csvTitles = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-3+4", "@cmd", "Line one\r\nline two, with \"quotes\""]

    struct Demo: ~Copyable {
        let folder: TemporaryFolder
        var config: String { folder.file("summitwatch.yaml") }
        var database: String { folder.file("summitwatch.db") }
    }

    /// Serves the demo site (its links rewritten to this server's port) and fetches it into a fresh store.
    static func demo() async throws -> Demo {
        let server = try await LocalHTTPServer.start()
        let site = repository + "/Deploy/demo/site"
        let files = try FileManager.default.subpathsOfDirectory(atPath: site).filter { !$0.hasSuffix("/") }
        for file in files {
            guard let data = FileManager.default.contents(atPath: site + "/" + file) else { continue }
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "127.0.0.1:8765", with: "127.0.0.1:\(server.port)")
            let type = file.hasSuffix(".html") ? "text/html; charset=utf-8" : file.hasSuffix(".json") ? "application/feed+json" : "application/xml"
            server.set("/" + file, .text(text, type: type))
        }
        let folder = try TemporaryFolder()
        try writeConfig(
            folder.file("summitwatch.yaml"),
            feeds: [
                ("wire", server.url("/feeds/wire.xml")), ("europe", server.url("/feeds/europe.atom")), ("analysis", server.url("/feeds/analysis.json")),
            ])
        let demo = Demo(folder: folder)
        let fetched = try await ProcessRun.run(["fetch", "--config", demo.config])
        await server.stop()
        #expect(fetched.status == 0, "\(fetched.errors)")
        return demo
    }

    static func writeConfig(_ path: String, feeds: [(name: String, url: String)], interval: String = "15m") throws {
        let list = feeds.map { "  - name: \($0.name)\n    url: \($0.url)\n" }.joined()
        try """
        database: ./summitwatch.db
        changelog_dir: ./changes
        schedule:
          interval: \(interval)
          min_interval: 1s
        watchlist:
          - name: Steve Witkoff
            type: PERSON
            aliases: [Witkoff]
        feeds:

        """.appending(list).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Hostile titles stored the way the pipeline stores articles (through the store's own write path): page
    /// extraction drops most control characters, the query CLI must not rely on it.
    static func addHostileArticles(_ demo: borrowing Demo) throws {
        let store = try SummitStore(path: demo.database)
        let feed = try #require(try store.feedStates().first)
        for (index, title) in ([hostileTitle] + csvTitles).enumerated() {
            let text = "Putin and Zelenskyy discussed security guarantees in talk number \(index). The summit ended."
            let write = ArticleWrite(
                url: "https://hostile.example/\(index)", identityKey: "https://hostile.example/\(index)", canonicalURL: nil,
                feedID: feed.id, title: title, byline: title, siteName: nil, language: "en", published: nil,
                modified: nil, fetched: Date(), text: text, textHash: "hostile-\(index)", simhashes: [UInt64(index) << 40],
                words: 14, etag: nil, lastModified: nil, relevant: false, relevanceScore: 0, entities: [], summits: [])
            _ = try store.store(write, as: .new(joiningStory: nil), feedName: feed.name)
        }
    }

    static func query(_ arguments: [String], _ demo: borrowing Demo) async throws -> CommandLineTests.Run {
        try await ProcessRun.run(arguments + ["--config", demo.config])
    }

    static func ids(_ json: String) throws -> [Int] {
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return objects.compactMap { $0["id"] as? Int }
    }

    @Test func namesResolveAsPeopleTypeThem() async throws {
        let demo = try await Self.demo()
        let canonical = try Self.ids(try await Self.query(["query", "articles", "--entity", "Volodymyr Zelenskyy", "--format", "json"], demo).output)
        #expect(!canonical.isEmpty)
        for typed in ["Zelensky", "zelenskiy", "ZELENSKYY", "Zelenskyi", "Zélensky"] {
            let result = try await Self.query(["query", "articles", "--entity", typed, "--format", "json"], demo)
            #expect(result.status == 0, "\(typed): \(result.errors)")
            #expect(try Self.ids(result.output) == canonical, "\(typed)")
        }
        let timeline = try await Self.query(["query", "timeline", "putin"], demo)
        #expect(timeline.status == 0 && timeline.output.hasPrefix("Vladimir Putin (PERSON): "), "\(timeline.output)\(timeline.errors)")
        let sentences = try await Self.query(["query", "timeline", "witkoff", "--sentences", "--format", "json"], demo)
        #expect(sentences.output.contains("Witkoff"))
        let unknown = try await Self.query(["query", "timeline", "Trmp"], demo)
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no entity named \"Trmp\"") && unknown.errors.contains("nearest: Donald Trump"))
    }

    @Test func coOccurrenceCountsOnlyArticlesNamingBoth() async throws {
        let demo = try await Self.demo()
        let with = try await Self.query(["query", "entities", "--with", "Zelensky", "--format", "json"], demo)
        #expect(with.status == 0, "\(with.errors)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(with.output.utf8)) as? [[String: Any]])
        #expect(!rows.contains { $0["name"] as? String == "Volodymyr Zelenskyy" })
        let zelenskyArticles = Set(try Self.ids(try await Self.query(["query", "articles", "--entity", "Zelensky", "--format", "json"], demo).output))
        let trump = try #require(rows.first { $0["name"] as? String == "Donald Trump" })
        let both = Set(try Self.ids(try await Self.query(["query", "articles", "--entity", "Trump", "--format", "json"], demo).output))
            .intersection(zelenskyArticles)
        #expect(trump["articles"] as? Int == both.count)
        #expect(Set(rows.map { $0.keys.sorted() }) == [["articles", "country", "first_seen", "id", "mentions", "name", "origin", "role", "type"]])
    }

    @Test func searchRanksPhrasesAndPrefixesWithASnippet() async throws {
        let demo = try await Self.demo()
        let phrase = try await Self.query(["query", "articles", "--search", "\"security guarantees\"", "--format", "json"], demo)
        #expect(phrase.status == 0, "\(phrase.errors)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(phrase.output.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty)
        // A passage can end inside the phrase: each snippet marks at least its first word.
        #expect(rows.allSatisfy { ($0["snippet"] as? String)?.lowercased().contains("⟦security") == true })
        #expect(rows.contains { ($0["snippet"] as? String)?.lowercased().contains("⟦security guarantees⟧") == true })
        // The page about the guarantees says it three times, in its title too: bm25 puts it first.
        #expect((rows.first?["title"] as? String)?.contains("security guarantees") == true)
        let prefix = try await Self.query(["query", "articles", "--search", "guarant*", "--entity", "Zelensky", "--relevant", "--format", "json"], demo)
        let prefixIDs = try Self.ids(prefix.output)
        #expect(prefix.status == 0 && !prefixIDs.isEmpty)
        let broken = try await Self.query(["query", "articles", "--search", "\"unterminated"], demo)
        #expect(broken.status == 2)
        #expect(broken.errors.hasPrefix("summitwatch: cannot search for") && broken.errors.split(separator: "\n").count == 1)
    }

    @Test func filtersCombineAndLimitsMustBePositive() async throws {
        let demo = try await Self.demo()
        let all = try Self.ids(try await Self.query(["query", "articles", "--format", "json", "--limit", "100"], demo).output)
        let relevant = try Self.ids(try await Self.query(["query", "articles", "--relevant", "--format", "json"], demo).output)
        let europe = try Self.ids(try await Self.query(["query", "articles", "--feed", "europe", "--format", "json"], demo).output)
        let both = try Self.ids(try await Self.query(["query", "articles", "--feed", "europe", "--relevant", "--format", "json"], demo).output)
        #expect(Set(both) == Set(relevant).intersection(europe) && !both.isEmpty && both.count < all.count)
        let august = try Self.ids(
            try await Self.query(["query", "articles", "--since", "2025-08-15", "--until", "2025-08-19", "--format", "json"], demo).output)
        #expect(!august.isEmpty && august.count < all.count)
        #expect(try Self.ids(try await Self.query(["query", "articles", "--limit", "2", "--format", "json"], demo).output).count == 2)
        for bad in [["--limit", "0"], ["--limit=-5"], ["--limit", "-5"]] {
            let refused = try await Self.query(["query", "articles"] + bad, demo)
            #expect(refused.status == 2, "\(bad)")
        }
        let ndjson = try await Self.query(["query", "stories", "--format", "ndjson"], demo)
        #expect(ndjson.output.split(separator: "\n").allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        let summits = try await Self.query(["query", "summits", "--format", "json"], demo)
        #expect(summits.output.contains("Vladimir Putin"))
        let changes = try await Self.query(["query", "changes", "--kind", "entity.first_seen"], demo)
        #expect(changes.status == 0 && changes.output.contains("\"kind\":\"entity.first_seen\"") && !changes.output.contains("article.new"))
    }

    @Test func csvIsRFC4180AndNeutralisesFormulas() async throws {
        let demo = try await Self.demo()
        try Self.addHostileArticles(demo)
        let csv = try await Self.query(["query", "articles", "--format", "csv", "--limit", "100"], demo)
        #expect(csv.status == 0)
        let rows = try PythonCSV.rows(csv.output)
        let titles = rows.dropFirst().map { $0.last ?? "" }
        for title in Self.csvTitles {
            let expected = "=+-@".contains(title.first!) ? "'" + title : title
            #expect(titles.contains(expected), "\(title) not read back as \(expected)")
        }
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        let raw = try PythonCSV.rows(try await Self.query(["query", "articles", "--format", "csv", "--csv-raw", "--limit", "100"], demo).output)
        #expect(raw.contains { $0.last == Self.csvTitles[0] })
    }

    @Test func tablesAndShowNeverWriteAControlCharacter() async throws {
        let demo = try await Self.demo()
        try Self.addHostileArticles(demo)
        let hostile = try Self.ids(try await Self.query(["query", "articles", "--search", "talk", "--format", "json", "--limit", "20"], demo).output)
        var outputs = [
            try await Self.query(["query", "articles", "--limit", "100"], demo).output,
            try await Self.query(["query", "articles", "--search", "talk"], demo).output,
            try await Self.query(["query", "stories", "--limit", "100"], demo).output,
        ]
        for id in hostile { outputs.append(try await Self.query(["show", String(id)], demo).output) }
        for output in outputs {
            let forbidden = output.unicodeScalars.filter { scalar in
                (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                    || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            }
            #expect(forbidden.isEmpty, "control characters \(forbidden.map { String($0.value, radix: 16) }) in \(output)")
        }
        #expect(outputs[0].contains("␛[2J") && outputs[0].contains("<U+202E>"))
        // JSON keeps the exact text.
        let json = try await Self.query(["query", "articles", "--search", "talk", "--format", "json", "--limit", "20"], demo).output
        let titles = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(titles.contains(Self.hostileTitle))
    }

    @Test func twoHundredQueriesWhileTheDaemonWrites() async throws {
        let demo = try await Self.demo()
        let server = try await LocalHTTPServer.start()
        // A feed that shows twenty new pages at every fetch keeps the daemon writing, cycle after cycle.
        for index in 0..<2_000 {
            let body = (0..<30).map { "Talks between Putin and Zelenskyy on day \(index) covered point \($0) of the plan." }.joined(separator: " ")
            server.set(
                "/p\(index).html",
                .text(
                    "<html><head><title>Page \(index)</title></head><body><article><h1>Page \(index)</h1><p>\(body)</p></article></body></html>",
                    type: "text/html"))
        }
        let served = Mutex(0)
        let port = server.port
        server.set(
            "/busy.xml",
            responder: { _ in
                let first = served.withLock { count in
                    defer { count = min(count + 20, 1_980) }
                    return count
                }
                let items = (first..<first + 20).map {
                    "<item><title>Page \($0)</title><link>http://127.0.0.1:\(port)/p\($0).html</link><guid>p\($0)</guid></item>"
                }
                return HTTPResponse(
                    statusCode: .ok, headers: [.contentType: "application/rss+xml"],
                    body: Data("<rss version=\"2.0\"><channel><title>busy</title>\(items.joined())</channel></rss>".utf8))
            })
        try Self.writeConfig(demo.config, feeds: [("busy", server.url("/busy.xml"))], interval: "1s")
        let daemon = Process()
        daemon.executableURL = CommandLineTests.executable
        daemon.arguments = ["run", "--config", demo.config]
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        var failures: [String] = []
        for index in 0..<200 {
            let arguments =
                index % 2 == 0 ? ["query", "articles", "--entity", "Putin", "--limit", "5"] : ["query", "entities", "--with", "Zelensky", "--limit", "5"]
            let result = try await Self.query(arguments, demo)
            if result.status != 0 { failures.append(result.errors) }
        }
        daemon.terminate()
        daemon.waitUntilExit()
        await server.stop()
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(served.withLock { $0 } >= 40, "the daemon ran at least two cycles while the queries ran")
        #expect(daemon.terminationStatus == 0)
    }
}

/// Python's csv module, the reader a spreadsheet-minded analyst's script would use.
enum PythonCSV {
    static func rows(_ text: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, newline=''), strict=True))))",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
    }
}
