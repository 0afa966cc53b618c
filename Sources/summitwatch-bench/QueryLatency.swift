import ArgumentParser
import Foundation

/// `summitwatch query` latency as an analyst feels it: the whole process (start-up included), median of N runs,
/// on a store of a year of synthetic coverage.
struct QueryLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query-latency", abstract: "Whole-process latency of typical queries on a large synthetic store.")
    @Option(help: "The summitwatch binary to time (a release build).") var binary: String
    @Option(help: "The store; built (articles over a year) if it does not exist.") var database = "/tmp/summitwatch-query-bench.db"
    @Option(help: "Articles in the store when it is built.") var articles = 100_000
    @Option(help: "Runs per query (the median is reported).") var runs = 20

    func run() async throws {
        if !FileManager.default.fileExists(atPath: database) {
            let started = Date()
            try SyntheticStore.year(articles: articles).build(at: database) { done in print("building: \(done) articles", terminator: "\r") }
            print(String(format: "built %d articles in %.0f s", articles, Date().timeIntervalSince(started)))
        }
        let config = database + ".yaml"
        try "database: \(database)\nfeeds:\n  - name: feed-0\n    url: https://feeds.example/0.xml\n".write(toFile: config, atomically: true, encoding: .utf8)
        let queries: [(String, [String])] = [
            ("query articles --entity Zelensky --since 7d", ["query", "articles", "--entity", "Zelensky", "--since", "7d"]),
            ("query articles --search '\"security guarantees\"'", ["query", "articles", "--search", "\"security guarantees\""]),
            ("query articles --search 'ceasefire AND envoy*'", ["query", "articles", "--search", "ceasefire AND envoy*"]),
            ("query entities --with Putin", ["query", "entities", "--with", "Putin"]),
            ("query timeline putin", ["query", "timeline", "putin"]),
            ("summitwatch --version (process start-up alone)", ["--version"]),
        ]
        for (label, arguments) in queries {
            var times: [Double] = []
            for _ in 0..<runs { times.append(try time(arguments + (arguments == ["--version"] ? [] : ["--config", config]))) }
            times.sort()
            print(
                String(
                    format: "%-52@ median %6.1f ms  (best %.1f, worst %.1f)", label as NSString, times[times.count / 2] * 1000, times[0] * 1000,
                    times[times.count - 1] * 1000))
        }
    }

    private func time(_ arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }
}
