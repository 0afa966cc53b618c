import ArgumentParser
import Foundation

/// The whole pipe (issue 17): cold, all-304 and edited cycles over synthetic and real corpora. What is measured must
/// be the product alone, the release `summitwatch fetch` timed by GNU time while nginx serves the pages from another
/// process, so the work is done by `Deploy/bench/pipeline-bench.sh`, which this runs from the package root.
struct PipelineBench: ParsableCommand {
    static let corpora = ["short", "long", "fanout", "real"]
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "The whole pipe: articles/s, CPU per article beside libxml2's floor, per-stage CPU, requests per page, peak RSS.",
        discussion: "Runs Deploy/bench/pipeline-bench.sh (nginx on 127.0.0.1, the release summitwatch, a fresh store per corpus).")

    @Argument(help: "Corpora, of \(corpora.joined(separator: ", ")) (default: all).") var names: [String] = []
    @Option(help: "The package root (the folder holding Package.swift).") var root = FileManager.default.currentDirectoryPath

    func validate() throws {
        if let unknown = names.first(where: { !Self.corpora.contains($0) }) {
            throw ValidationError("no corpus '\(unknown)': choose from \(Self.corpora.joined(separator: ", "))")
        }
    }

    func run() throws {
        let script = URL(fileURLWithPath: root).appendingPathComponent("Deploy/bench/pipeline-bench.sh").path
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("\(script) not found: run from the package root or pass --root")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + names
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}
