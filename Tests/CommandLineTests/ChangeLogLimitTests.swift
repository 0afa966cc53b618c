import Foundation
import Testing

/// The change log under a real short write: the kernel's file size limit (RLIMIT_FSIZE, set by the shell's
/// `ulimit -f` with SIGXFSZ ignored) cuts a `write(2)` in the middle of a line, as a full disk does.
@Suite struct ChangeLogLimitTests {
    /// 8 MiB in the 512-byte blocks of dash's `ulimit -f`: far above the store's size, so only the log hits it.
    static let limitBlocks = 16_384
    static let limitBytes = limitBlocks * 512

    struct Site: ~Copyable {
        let folder: String
        init() throws {
            folder = NSTemporaryDirectory() + "summitwatch-limit-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder + "/changes", withIntermediateDirectories: true)
            // Port 1 on loopback refuses at once: every cycle records one feed.error event per feed.
            let config = """
                database: ./summitwatch.db
                changelog_dir: ./changes
                fetch:
                  connect_timeout: 2s
                feeds:
                  - name: first
                    url: http://127.0.0.1:1/first.xml
                  - name: second
                    url: http://127.0.0.1:1/second.xml
                """
            try config.write(toFile: folder + "/summitwatch.yaml", atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: folder) }
    }

    static func fetch(_ site: borrowing Site, limited: Bool) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = limited ? "trap '' XFSZ; ulimit -f \(limitBlocks); " : ""
        process.arguments = ["-c", limit + "exec \"$0\" fetch --config \"$1\"", CommandLineTests.executable.path, site.folder + "/summitwatch.yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whole JSON lines just short of the limit, in the files of today and tomorrow (UTC) in case the day turns.
    static func fill(_ site: borrowing Site) throws -> [String] {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let line = "{\"filler\":\"" + String(repeating: "x", count: 1000) + "\"}\n"
        let filler =
            String(repeating: line, count: (limitBytes - 40) / line.utf8.count)
            + "{\"filler\":\"" + String(repeating: "y", count: (limitBytes - 40) % line.utf8.count) + "\"}\n"
        return try [Date(), Date().addingTimeInterval(86_400)].map { day in
            let path = site.folder + "/changes/" + formatter.string(from: day) + ".jsonl"
            try filler.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
    }

    static func events(in paths: [String]) throws -> (lines: Int, events: [Int], torn: [String]) {
        var lines = 0
        var events: [Int] = []
        var torn: [String] = []
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            if !text.isEmpty && !text.hasSuffix("\n") { torn.append("no newline at the end of \(path)") }
            for line in text.split(separator: "\n") {
                lines += 1
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    torn.append(String(line.suffix(120)))
                    continue
                }
                if let id = object["id"] as? Int { events.append(id) }
            }
        }
        return (lines, events, torn)
    }

    @Test func aShortWriteLeavesNoTornLineAndTheEventsAreReplayedWhole() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let site = try Site()
        let paths = try Self.fill(site)
        let before = try Self.events(in: paths)
        _ = try Self.fetch(site, limited: true)
        let limited = try Self.events(in: paths)
        #expect(limited.torn.isEmpty, "torn lines after the short write: \(limited.torn)")
        #expect(limited.events.isEmpty && limited.lines == before.lines, "events were logged past the limit")

        _ = try Self.fetch(site, limited: false)
        let replayed = try Self.events(in: paths)
        #expect(replayed.torn.isEmpty, "torn lines after the replay: \(replayed.torn)")
        #expect(replayed.events.count == 4, "the first cycle's two events replayed and the second's two logged: \(replayed.events)")
        #expect(Set(replayed.events).count == replayed.events.count, "an event was logged twice")
    }
}
