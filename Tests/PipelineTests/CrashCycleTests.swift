import Foundation
import GRDB
import TestSupport
import Testing

/// The built `summitwatch fetch`, killed with SIGKILL at random moments of ingest, 30 times, against a local
/// site that keeps publishing. After every kill the store must be intact, every article the change log
/// announced present, no article stored twice, and every log line whole JSON; a last uninterrupted run must
/// then hold every article once and the log announce each.
///
/// It loads the machine for half a minute (a process started and killed 31 times), which would starve the
/// timing-sensitive fetch tests running beside it, so it runs on its own: `Deploy/test.sh` (CI) runs it first
/// with SUMMITWATCH_CRASH_TEST=1; a plain `swift test` skips it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SUMMITWATCH_CRASH_TEST"] == "1", "set SUMMITWATCH_CRASH_TEST=1 (Deploy/test.sh does)"))
struct CrashCycleTests {
    static let executable = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/debug/summitwatch").standardized.path
    static let feeds = ["north", "south", "east"]
    static let kills = 30
    /// New articles per feed per round: twelve pages a cycle, enough that most kills land mid-ingest.
    static let perRound = 4

    struct Check {
        var announced: Set<Int64> = []
        var problems: [String] = []
    }

    @Test func thirtySIGKILLsMidIngestLoseNothingAndDoubleNothing() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build the package first (swift build --build-tests)")
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        try Self.writeConfig(folder, server: server)
        var items: [String: [SiteFixture.Item]] = [:]
        var killedRunning = 0
        for round in 0..<Self.kills {
            Self.publish(round: round, on: server, into: &items)
            let requestsBefore = server.requestCount
            let process = try Self.startFetch(folder)
            // Kill once ingest has begun (a page or feed was asked for), after a random part of a cycle.
            for _ in 0..<400 where server.requestCount <= requestsBefore + Self.feeds.count && process.isRunning {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0..<400)))
            if process.isRunning { killedRunning += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let check = try Self.inspect(folder)
            #expect(check.problems.isEmpty, "after kill \(round + 1): \(check.problems)")
        }
        #expect(killedRunning > 0, "no kill landed while the cycle ran")

        let final = try Self.startFetch(folder)
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)
        let check = try Self.inspect(folder)
        #expect(check.problems.isEmpty, "after the last run: \(check.problems)")
        let stored = try Self.storedArticles(folder)
        #expect(stored.count == Self.kills * Self.perRound * Self.feeds.count, "\(stored.count) articles stored")
        #expect(check.announced == stored, "articles never announced: \(stored.subtracting(check.announced).count)")
        print("crash test: \(Self.kills) SIGKILLs, \(killedRunning) while the cycle ran; \(stored.count) articles, all announced once")
        await server.stop()
    }

    static func writeConfig(_ folder: borrowing TemporaryFolder, server: LocalHTTPServer) throws {
        let feeds = Self.feeds.map { "  - name: \($0)\n    url: \(server.url("/\($0).xml"))" }.joined(separator: "\n")
        try """
        database: ./summitwatch.db
        changelog_dir: ./changes
        fetch:
          connect_timeout: 2s
          timeout: 20s
        schedule:
          min_interval: 1s
        feeds:
        \(feeds)
        """.write(toFile: folder.file("summitwatch.yaml"), atomically: true, encoding: .utf8)
    }

    /// Every feed gains `perRound` articles and keeps listing all it has published.
    static func publish(round: Int, on server: LocalHTTPServer, into items: inout [String: [SiteFixture.Item]]) {
        for (index, feed) in Self.feeds.enumerated() {
            let fresh = SiteFixture.serveArticles(
                prefix: "\(feed)-\(round)", count: Self.perRound,
                seedBase: 20_000 + index * 1_000 + round * 10, on: server)
            items[feed, default: []] = fresh + items[feed, default: []]
            server.set("/\(feed).xml", .text(SiteFixture.rss(items[feed]!, server: server), type: "application/rss+xml"))
        }
    }

    static func startFetch(_ folder: borrowing TemporaryFolder) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["fetch", "--config", folder.file("summitwatch.yaml")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// SQLite 3.40.0–3.41.0 (Debian bookworm has 3.40.1) reports "NULL value in T.C" for NOT NULL columns of
    /// WITHOUT ROWID tables whose primary key is not in column order (simhash_bands), though none is NULL. Such a
    /// report is dropped only when the column, asked directly, holds no NULL; every other report fails the test.
    static func isSpuriousNullReport(_ message: String, _ db: Database) throws -> Bool {
        guard message.hasPrefix("NULL value in "), case let parts = message.dropFirst(14).split(separator: "."), parts.count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } })
        else { return false }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(parts[0]) WHERE \(parts[1]) IS NULL") == 0
    }

    static func storedArticles(_ folder: borrowing TemporaryFolder) throws -> Set<Int64> {
        try DatabaseQueue(path: folder.file("summitwatch.db")).read { db in try Int64.fetchSet(db, sql: "SELECT id FROM articles") }
    }

    /// Integrity, duplicates and the change log against the store, as an operator would check them.
    static func inspect(_ folder: borrowing TemporaryFolder) throws -> Check {
        var check = Check()
        var seenEvents: Set<Int64> = []
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("changes"))) ?? []
        for name in logs where name.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: folder.file("changes/\(name)"), encoding: .utf8)
            if !text.isEmpty && !text.hasSuffix("\n") { check.problems.append("\(name) ends inside a line") }
            for line in text.split(separator: "\n") {
                guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let id = (event["id"] as? NSNumber)?.int64Value
                else {
                    check.problems.append("not a whole JSON event: \(line.prefix(100))")
                    continue
                }
                if !seenEvents.insert(id).inserted { check.problems.append("event \(id) logged twice") }
                // A new article is announced as article.new, or as article.duplicate when it joins a known story.
                if ["article.new", "article.duplicate"].contains(event["kind"] as? String), let article = (event["article"] as? NSNumber)?.int64Value {
                    check.announced.insert(article)
                }
            }
        }
        let queue = try DatabaseQueue(path: folder.file("summitwatch.db"))
        try queue.read { db in
            guard try db.tableExists("articles") else { return }  // killed before the store was first migrated
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { !(try Self.isSpuriousNullReport($0, db)) }
            if !integrity.isEmpty && integrity != ["ok"] { check.problems.append("integrity_check: \(integrity.prefix(5))") }
            let stored = try Int64.fetchSet(db, sql: "SELECT id FROM articles")
            let missing = check.announced.subtracting(stored)
            if !missing.isEmpty { check.problems.append("announced but not stored: \(missing.sorted().prefix(10))") }
            let doubled = try String.fetchAll(db, sql: "SELECT url FROM articles GROUP BY url HAVING COUNT(*) > 1")
            if !doubled.isEmpty { check.problems.append("stored twice: \(doubled.prefix(5))") }
            let doubledText = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT text_hash FROM articles GROUP BY text_hash HAVING COUNT(*) > 1)") ?? 0
            if doubledText > 0 { check.problems.append("\(doubledText) texts stored as more than one article") }
        }
        return check
    }
}
