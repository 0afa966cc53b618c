import ArgumentParser
import Configuration
import Foundation
import Logging
import Model

@main
struct SummitWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summitwatch",
        abstract: "Follows how the news covers diplomatic summits: fetches feeds, extracts articles, tracks entities and edits.",
        version: SummitWatchVersion.current,
        subcommands: [
            RunCommand.self, FetchCommand.self, ConfigCommand.self, FeedsCommand.self, QueryCommand.self,
            ShowCommand.self, InspectCommand.self, ReportCommand.self,
            CheckCommand.self, BackupCommand.self, MaintainCommand.self,
        ]
    )

    /// Exit codes of the contract: 0 done, 1 could not run, 2 usage or config error, 3 `fetch --strict` with failures.
    static func main() async {
        LogSetup.bootstrap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data("summitwatch: \(failure.message)\n".utf8)) }
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// An error the CLI reports as one sentence and an exit code.
struct CLIFailure: Error {
    var code: Int32
    var message: String

    static func couldNotRun(_ error: any Error) -> CLIFailure { CLIFailure(code: 1, message: "\(error)") }
    static func usage(_ message: String) -> CLIFailure { CLIFailure(code: 2, message: message) }

    /// Runs store work; a failure of the store becomes "could not run" (exit 1), a CLIFailure passes as it is.
    static func wrap<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch let failure as CLIFailure { throw failure } catch { throw couldNotRun(error) }
    }
}

enum LogSetup {
    /// The level from `--log-level` (read before the arguments are parsed, so it also covers parse-time logs),
    /// else `SUMMITWATCH_LOG_LEVEL`, else notice. Journald priority prefixes when systemd gave us a journal stream.
    static func bootstrap(arguments: [String] = CommandLine.arguments, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let requested = levelArgument(arguments) ?? environment["SUMMITWATCH_LOG_LEVEL"]
        let level = requested.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .notice
        let journal = JournalLogHandler.stderrIsJournal(environment["JOURNAL_STREAM"])
        LoggingSystem.bootstrap { label in
            if journal { return JournalLogHandler(logLevel: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func levelArgument(_ arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-level", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--log-level=") { return String(argument.dropFirst("--log-level=".count)) }
        }
        return nil
    }
}

struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: ./summitwatch.yaml, then /etc/summitwatch/summitwatch.yaml).")
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical (default: $SUMMITWATCH_LOG_LEVEL, else notice).")
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError("--log-level: expected trace, debug, info, notice, warning, error or critical, got \"\(logLevel)\"")
        }
    }

    /// The config file this command reads (`--config`, else the first default that exists).
    func configPath() throws -> String {
        do { return try ConfigLoader().locate(explicit: config) } catch { throw CLIFailure(code: 2, message: error.description) }
    }

    func loadConfig() throws -> Config {
        let loader = ConfigLoader()
        do {
            return try loader.load(path: try loader.locate(explicit: config))
        } catch {
            throw CLIFailure(code: 2, message: error.description)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, ndjson, csv, text
}
