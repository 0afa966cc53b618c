import Foundation
import TestSupport
import Testing

/// `fetch` on a terminal shows one status line on stderr, redrawn in place; scripts (no terminal) and `--quiet`
/// never see it (issue 17). The terminal is a real pseudo-terminal from util-linux's `script`.
@Suite struct ProgressLineTests {
    static func demoConfig(_ folder: borrowing TemporaryFolder, server: LocalHTTPServer) throws -> String {
        let site = QueryCLITests.repository + "/Deploy/demo/site"
        for file in try FileManager.default.subpathsOfDirectory(atPath: site) where file.contains(".") {
            guard let data = FileManager.default.contents(atPath: site + "/" + file) else { continue }
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "127.0.0.1:8765", with: "127.0.0.1:\(server.port)")
            let type = file.hasSuffix(".html") ? "text/html; charset=utf-8" : file.hasSuffix(".json") ? "application/feed+json" : "application/xml"
            server.set("/" + file, .text(text, type: type))
        }
        let config = folder.file("summitwatch.yaml")
        try QueryCLITests.writeConfig(
            config,
            feeds: [("wire", server.url("/feeds/wire.xml")), ("europe", server.url("/feeds/europe.atom")), ("analysis", server.url("/feeds/analysis.json"))])
        return config
    }

    /// Runs `fetch` inside a pseudo-terminal; returns what the terminal showed (stdout and stderr together).
    static func onTerminal(_ arguments: [String]) async throws -> String {
        let command = ([CommandLineTests.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
                    process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardInput = FileHandle.nullDevice
                    try process.run()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: String(decoding: data, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    @Test func aTerminalSeesTheStatusLineAndScriptsAndQuietDoNot() async throws {
        let server = try await LocalHTTPServer.start()
        let terminal = try TemporaryFolder()
        let shown = try await Self.onTerminal(["fetch", "--config", try Self.demoConfig(terminal, server: server)])
        #expect(shown.contains("\rfeeds 3/3 · pages "), "\(shown.debugDescription)")
        #expect(shown.contains("\u{1B}[K"))
        #expect(shown.contains("cycle: "))

        let quiet = try TemporaryFolder()
        let quietShown = try await Self.onTerminal(["fetch", "--quiet", "--config", try Self.demoConfig(quiet, server: server)])
        #expect(quietShown.contains("cycle: "))
        #expect(!quietShown.contains("feeds 3/3"))
        #expect(!quietShown.contains("\u{1B}"))

        let piped = try TemporaryFolder()
        let run = try await ProcessRun.run(["fetch", "--config", try Self.demoConfig(piped, server: server)])
        await server.stop()
        #expect(run.status == 0)
        #expect(run.output.contains("cycle: "))
        #expect(!run.errors.contains("feeds ") && !run.errors.contains("\u{1B}"), "\(run.errors.debugDescription)")
    }
}
