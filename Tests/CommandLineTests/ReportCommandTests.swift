import Foundation
import Testing

/// `summitwatch report` as users run it: stdout or an atomically written file, and usage errors.
@Suite struct ReportCommandTests {
    @Test func reportWritesTheEmptyStorePageToStdoutOrAFile() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let folder = NSTemporaryDirectory() + "cli-report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A feed on a closed local port: `fetch` creates the store (the commands that only read never do) and records a failure.
        try "database: ./s.db\nfeeds:\n  - name: a\n    url: http://127.0.0.1:9/rss\n".write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        #expect(try CommandLineTests.run(["fetch", "--config", folder + "/c.yaml"]).status == 0)

        let printed = try CommandLineTests.run(["report", "--config", folder + "/c.yaml"])
        #expect(printed.status == 0, "\(printed.errors)")
        #expect(printed.output.hasPrefix("<!DOCTYPE html>"))
        #expect(printed.output.contains("The store is empty"))

        let written = try CommandLineTests.run([
            "report", "--since", "2026-03-01", "--until", "2026-03-02", "--out", folder + "/out/day.html", "--config", folder + "/c.yaml",
        ])
        #expect(written.status == 0, "\(written.errors)")
        #expect(written.output.isEmpty)
        let page = try String(contentsOfFile: folder + "/out/day.html", encoding: .utf8)
        #expect(page.contains("2026-03-01 00:00 UTC – 2026-03-02 00:00 UTC"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["day.html"], "no temporary file left behind")
    }

    @Test func aPeriodThatEndsBeforeItStartsIsAUsageError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable.path), "build the package first")
        let result = try CommandLineTests.run(["report", "--since", "2026-03-02", "--until", "2026-03-01"])
        #expect(result.status == 2)
        #expect(result.errors.contains("--since (2026-03-02) must come before --until (2026-03-01)"))
        #expect(try CommandLineTests.run(["report", "--since", "yesterday-ish"]).status == 2)
    }
}
