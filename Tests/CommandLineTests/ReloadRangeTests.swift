import Foundation
import Testing

/// SIGHUP reloads through the same validator as `config check`: a value that used to pass and then trap (a
/// timeout of Int64.max milliseconds, SIGILL converting it to an Int) is refused and the daemon keeps running.
@Suite struct ReloadRangeTests {
    static func config(timeout: String) -> String {
        """
        database: ./summitwatch.db
        changelog_dir: ./changes
        fetch:
          timeout: \(timeout)
        schedule:
          interval: 1h
        feeds:
          - name: quiet
            url: http://127.0.0.1:1/quiet.xml
        """
    }

    /// Waits (bounded) until the daemon's log holds `text`.
    static func waitForLog(_ path: String, _ text: String, process: Process) async throws -> Bool {
        for _ in 0..<600 where process.isRunning {
            if let log = try? String(contentsOfFile: path, encoding: .utf8), log.contains(text) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (try? String(contentsOfFile: path, encoding: .utf8))?.contains(text) ?? false
    }

    @Test func aReloadWithAnOutOfRangeTimeoutIsRefusedAndTheDaemonRunsOn() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let folder = NSTemporaryDirectory() + "summitwatch-reload-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configPath = folder + "/summitwatch.yaml"
        let logPath = folder + "/daemon.log"
        try Self.config(timeout: "5s").write(toFile: configPath, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let daemon = Process()
        daemon.executableURL = CommandLineTests.executable
        daemon.arguments = ["run", "--config", configPath]
        daemon.standardOutput = log
        daemon.standardError = log
        try daemon.run()
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }

        #expect(try await Self.waitForLog(logPath, "daemon started", process: daemon))
        try Self.config(timeout: "9223372036854775807ms").write(toFile: configPath, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try await Self.waitForLog(logPath, "config reload failed", process: daemon))
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        #expect(text.contains("fetch.timeout: expected a duration between 1s and 1h"), "\(text.suffix(600))")
        #expect(daemon.isRunning, "the daemon died on the reload: \(text.suffix(600))")
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
    }
}
