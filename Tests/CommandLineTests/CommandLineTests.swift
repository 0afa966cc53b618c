import Foundation
import Testing

/// The `summitwatch` executable as users run it: output and exit codes of the contract.
/// `swift build --build-tests` (Deploy/test.sh) builds it beside the test bundle.
@Suite struct CommandLineTests {
    static var executable: URL {
        let products = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug").standardized
        return products.appendingPathComponent("summitwatch")
    }

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    @Test func inspectDatePrintsOneLinePerInput() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        let result = try Self.run(["inspect", "date", "Thu, 01 Jan 2004 19:48:21 GMT", "-0312", "not a date"])
        #expect(result.status == 0)
        #expect(result.output == "2004-01-01T19:48:21Z\n2003-12-01T00:00:00Z\nunparsed\n")
    }

    @Test func aBadConfigExitsTwoWithEveryProblemLocated() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).yaml"
        try "schedule:\n  interval: 15 minutes\nfeeds:\n  - name: a\n    url: ftp://x\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Self.run(["config", "check", "--config", path])
        #expect(result.status == 2)
        #expect(result.errors.contains("\(path):2: schedule.interval: expected a duration"))
        #expect(result.errors.contains("\(path):5: feeds[0].url: expected an http:// or https:// URL"))
    }

    @Test func theStarterConfigThatInstallShipsIsValid() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        let starter = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Deploy/starter/summitwatch.yaml").standardized
        let result = try Self.run(["config", "check", "--config", starter.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("config OK: 13 feeds, database /var/lib/summitwatch/summitwatch.db"))
    }

    @Test func usageErrorsExitTwoAndAMissingArticleExitsOne() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        #expect(try Self.run(["frobnicate"]).status == 2)
        let folder = NSTemporaryDirectory() + "cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "database: ./s.db\nfeeds:\n  - name: a\n    url: https://a.example/rss\n".write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        let noStore = try Self.run(["show", "42", "--config", folder + "/c.yaml"])
        #expect(noStore.status == 1)
        #expect(noStore.errors.contains("no store there yet"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/s.db"), "a read-only command never creates a store")
        #expect(try Self.run(["maintain", "--config", folder + "/c.yaml"]).status == 0)
        let missing = try Self.run(["show", "42", "--config", folder + "/c.yaml"])
        #expect(missing.status == 1)
        #expect(missing.errors == "summitwatch: no article with id 42\n")
        #expect(try Self.run(["fetch", "--feed", "nope", "--config", folder + "/c.yaml"]).status == 2)
    }

    @Test func importWithWriteAddsTheNewFeedsToTheConfigOnce() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        let folder = NSTemporaryDirectory() + "cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/c.yaml"
        let opml = folder + "/subs.opml"
        try "# ours\ndatabase: ./s.db\nfeeds:\n  - name: a\n    url: https://a.example/rss\n".write(toFile: config, atomically: true, encoding: .utf8)
        try """
        <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
        <outline text="Summits"><outline text="Kyiv Independent" xmlUrl="https://kyiv.example/rss"/>
        <outline text="A again" xmlUrl="https://a.example/rss"/></outline></body></opml>
        """.write(toFile: opml, atomically: true, encoding: .utf8)
        let first = try Self.run(["feeds", "import", opml, "--write", "--config", config])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.errors.contains("added 1 new feed(s) of 2"))
        let edited = try String(contentsOfFile: config, encoding: .utf8)
        #expect(edited.hasPrefix("# ours\n"))
        #expect(edited.contains("url: \"https://kyiv.example/rss\""))
        #expect(edited.contains("tags: [\"Summits\"]"))
        #expect(try Self.run(["config", "check", "--config", config]).status == 0)
        let second = try Self.run(["feeds", "import", opml, "--write", "--config", config])
        #expect(second.errors.contains("added 0 new feed(s)"))
        #expect(try String(contentsOfFile: config, encoding: .utf8) == edited)
    }

    /// Every command's --help shows an example to copy (on the demo's config or its files).
    @Test func everyCommandsHelpCarriesAnExample() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        let commands = [
            "run", "fetch", "config check", "feeds status", "feeds list", "feeds import", "feeds export", "query articles",
            "query entities", "query stories", "query summits", "query changes", "query timeline", "show", "report", "check",
            "backup", "maintain", "inspect feed", "inspect article", "inspect entities", "inspect date",
        ]
        for command in commands {
            let help = try Self.run(command.split(separator: " ").map(String.init) + ["--help"])
            #expect(help.status == 0 && help.output.contains("Example"), "summitwatch \(command) --help")
        }
    }

    @Test func completionScriptsComeFromTheBinary() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build the package first")
        for shell in ["bash", "zsh", "fish"] {
            let script = try Self.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.output.contains("query") && script.output.contains("timeline"), "\(shell)")
        }
    }
}
