import FlyingFox
import Foundation
import TestSupport
import Testing

/// The real binary as systemd runs it: its own NOTIFY_SOCKET, a journal stream, a local feed server, signals.
/// Serialized: each test starts several processes, and running them at once starves the suites that time
/// their transfers on a two-core machine.
@Suite(.serialized) struct DaemonProcessTests {
    static func page(_ name: String) -> String {
        "<html><body><article>"
            + String(repeating: "<p>Feed \(name) reports that leaders met in Geneva for talks on a ceasefire, officials said.</p>", count: 5)
            + "</article></body></html>"
    }

    static func feed(_ name: String, link: String) -> String {
        "<rss version=\"2.0\"><channel><title>\(name)</title><item><title>\(name)</title><link>\(link)</link><guid>\(name)</guid></item></channel></rss>"
    }

    static func config(_ folder: borrowing TemporaryFolder, feeds: [(String, String)]) -> String {
        var text = "database: \(folder.file("summitwatch.db"))\nchangelog_dir: \(folder.file("changes"))\nmetrics_file: \(folder.file("summitwatch.prom"))\n"
        text += "schedule:\n  interval: 1h\n  min_interval: 1s\nfeeds:\n"
        for (name, url) in feeds { text += "  - name: \(name)\n    url: \(url)\n" }
        return text
    }

    @Test func theDaemonTalksToSystemdReloadsBacksUpAndStops() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let server = try await LocalHTTPServer.start()
        let folder = try TemporaryFolder()
        // Feed a's page answers slowly, so the backup below runs while the first cycle is in flight.
        server.set("/a.html") { _ in
            try await Task.sleep(for: .milliseconds(1500))
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: Data(Self.page("a").utf8))
        }
        server.set("/b.html", .text(Self.page("b"), type: "text/html"))
        server.set("/a.xml", .text(Self.feed("a", link: server.url("/a.html")), type: "application/rss+xml"))
        server.set("/b.xml", .text(Self.feed("b", link: server.url("/b.html")), type: "application/rss+xml"))
        let configPath = folder.file("summitwatch.yaml")
        try Self.config(folder, feeds: [("a", server.url("/a.xml"))]).write(toFile: configPath, atomically: true, encoding: .utf8)

        let notify = try NotifySocket(path: folder.file("notify.sock"))
        let daemon = Process()
        daemon.executableURL = CommandLineTests.executable
        daemon.arguments = ["run", "--config", configPath, "--log-level", "info"]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment["WATCHDOG_USEC"] = "1000000"
        FileManager.default.createFile(atPath: folder.file("stderr.log"), contents: nil)
        // What systemd sets when stderr is the journal: the stream's device and inode, here the log file's.
        var logFile = stat()
        stat(folder.file("stderr.log"), &logFile)
        environment["JOURNAL_STREAM"] = "\(logFile.st_dev):\(logFile.st_ino)"
        daemon.environment = environment
        daemon.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file("stderr.log")))
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }

        #expect(notify.waitFor { $0.hasPrefix("READY=1") })
        let backup = try CommandLineTests.run(["backup", folder.file("backup.db"), "--config", configPath])
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(notify.waitFor { $0 == "WATCHDOG=1" })
        #expect(notify.waitFor { $0.hasPrefix("STATUS=last cycle") })
        try Self.config(folder, feeds: []).replacingOccurrences(of: "summitwatch.db", with: "backup.db")
            .appending("  - name: a\n    url: \(server.url("/a.xml"))\n").write(toFile: folder.file("backup.yaml"), atomically: true, encoding: .utf8)
        let checkBackup = try CommandLineTests.run(["check", "--config", folder.file("backup.yaml")])
        #expect(checkBackup.status == 0, "\(checkBackup.output)\(checkBackup.errors)")

        // SIGHUP with a new feed: it is fetched at once.
        try Self.config(folder, feeds: [("a", server.url("/a.xml")), ("b", server.url("/b.xml"))]).write(toFile: configPath, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(notify.waitFor { $0.hasPrefix("RELOADING=1") })
        #expect(notify.waitFor { $0.hasPrefix("STATUS=last cycle") })
        let articles = try CommandLineTests.run(["query", "articles", "--format", "json", "--config", configPath])
        #expect(articles.status == 0)
        #expect(articles.output.contains("\"feed\" : \"a\"") || articles.output.contains("\"feed\": \"a\""))
        #expect(articles.output.contains("\"feed\" : \"b\"") || articles.output.contains("\"feed\": \"b\""))

        // SIGHUP with a broken config: refused, the old feeds keep running.
        try "feeds: [oops\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(notify.waitFor { $0.hasPrefix("RELOADING=1") })
        #expect(notify.waitFor { $0.hasPrefix("READY=1") })
        #expect(daemon.isRunning)

        kill(daemon.processIdentifier, SIGTERM)
        #expect(notify.waitFor { $0.hasPrefix("STOPPING=1") })
        let deadline = Date().addingTimeInterval(10)
        while daemon.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!daemon.isRunning, "SIGTERM stops the daemon within 10 s")
        if !daemon.isRunning { #expect(daemon.terminationStatus == 0) }
        await server.stop()

        let log = try String(contentsOfFile: folder.file("stderr.log"), encoding: .utf8)
        #expect(log.contains("<5>notice: daemon started"))
        #expect(log.contains("<3>error: config reload failed"))
        #expect(log.split(separator: "\n").allSatisfy { $0.first == "<" }, "every line carries a journald priority")
        try Self.config(folder, feeds: [("a", server.url("/a.xml"))]).write(toFile: configPath, atomically: true, encoding: .utf8)
        let check = try CommandLineTests.run(["check", "--config", configPath])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        #expect(check.output.hasSuffix("ok\n"))
        #expect(try SystemSQLite.run(folder.file("summitwatch.db"), "PRAGMA integrity_check") == "ok\n")
        #expect(try SystemSQLite.run(folder.file("backup.db"), "PRAGMA integrity_check") == "ok\n")
    }

    @Test func aForeignSQLiteFileIsRefusedAndLeftByteForByte() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let folder = try TemporaryFolder()
        let database = folder.file("other.db")
        _ = try SystemSQLite.run(database, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        try "database: \(database)\nfeeds:\n  - name: a\n    url: https://a.example/rss\n".write(
            toFile: folder.file("c.yaml"), atomically: true, encoding: .utf8)
        for command in [["query", "articles"], ["show", "1"], ["feeds", "status"], ["check"], ["backup", folder.file("copy.db")], ["maintain"], ["fetch"]] {
            let result = try CommandLineTests.run(command + ["--config", folder.file("c.yaml")])
            #expect(result.status == 1, "\(command)")
            #expect(result.errors.contains("not a SummitWatch store"), "\(command): \(result.errors)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        #expect(try SystemSQLite.run(database, "SELECT name FROM sqlite_master") == "notes\n")
    }

    @Test func plainLogLinesWhenTheJournalStreamIsNotStderr() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let folder = try TemporaryFolder()
        try "database: \(folder.file("s.db"))\nchangelog_dir: \(folder.file("changes"))\nfeeds:\n  - name: closed\n    url: http://127.0.0.1:9/rss\n"
            .write(toFile: folder.file("c.yaml"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["fetch", "--config", folder.file("c.yaml"), "--log-level", "warning"]
        process.environment = ["JOURNAL_STREAM": "1:1"]  // inherited from a service, but stderr is our pipe
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("warning summitwatch: [Pipeline] feed closed: connect"), "\(text)")
        #expect(!text.contains("<4>"))
        let backupOntoItself = try CommandLineTests.run(["backup", folder.file("s.db"), "--config", folder.file("c.yaml")])
        #expect(backupOntoItself.status == 1)
        #expect(backupOntoItself.errors.contains("is the store itself"))
    }

    @Test func queryAndCheckWorkOnAReadOnlyStoreAndChangeNothing() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let folder = try TemporaryFolder()
        let database = folder.file("summitwatch.db")
        try "database: \(database)\nchangelog_dir: \(folder.file("changes"))\nfeeds:\n  - name: a\n    url: https://a.example/rss\n"
            .write(toFile: folder.file("c.yaml"), atomically: true, encoding: .utf8)
        #expect(try CommandLineTests.run(["maintain", "--config", folder.file("c.yaml")]).status == 0)
        let vacuumed = try CommandLineTests.run(["maintain", "--vacuum", "--config", folder.file("c.yaml")])
        #expect(vacuumed.status == 0)
        #expect(vacuumed.output.contains("retention: 0 texts blanked"))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let query = try CommandLineTests.run(["query", "articles", "--format", "json", "--config", folder.file("c.yaml")])
        #expect(query.status == 0, "\(query.errors)")
        #expect(query.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let status = try CommandLineTests.run(["feeds", "status", "--config", folder.file("c.yaml")])
        #expect(status.output.contains("never fetched"))
        #expect(try CommandLineTests.run(["check", "--config", folder.file("c.yaml")]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try SystemSQLite.run(database, "PRAGMA integrity_check") == "ok\n")
    }
}

/// Debian's own `sqlite3` (3.40.1 on bookworm), to judge our files with the system's SQLite, not GRDB's link.
enum SystemSQLite {
    static func run(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The receiving end of sd_notify: a datagram socket bound at a path, read with a short timeout.
final class NotifySocket {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads messages until one matches, for at most 20 s (a generous bound, never the thing tested).
    func waitFor(_ matches: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { continue }
            let message = String(decoding: buffer[0..<count], as: UTF8.self)
            if message.split(separator: "\n").contains(where: { matches(String($0)) }) || matches(message) { return true }
        }
        return false
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
