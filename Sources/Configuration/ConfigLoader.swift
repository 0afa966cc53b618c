import Foundation
import Yams

/// Reads the YAML config, fills in defaults and reports every problem at once, each with its line and key path.
public struct ConfigLoader: Sendable {
    public static let defaultSearchPaths = ["./summitwatch.yaml", "/etc/summitwatch/summitwatch.yaml"]

    public init() {}

    /// The path `--config` names, else the first default that exists.
    public func locate(explicit: String?) throws(ConfigError) -> String {
        if let explicit { return explicit }
        if let found = Self.defaultSearchPaths.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
        throw .notFound(searched: Self.defaultSearchPaths)
    }

    /// Loads a config file; relative paths inside it are resolved against the file's own folder.
    public func load(path: String) throws(ConfigError) -> Config {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(
                file: path,
                reason: FileManager.default.fileExists(atPath: path)
                    ? "not UTF-8 text or not readable" : "no such file")
        }
        var config = try parse(text, file: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        config.database = Self.resolve(config.database, against: base)
        config.changelogDir = Self.resolve(config.changelogDir, against: base)
        config.metricsFile = config.metricsFile.map { Self.resolve($0, against: base) }
        config.reportDir = config.reportDir.map { Self.resolve($0, against: base) }
        return config
    }

    public func parse(_ text: String, file: String) throws(ConfigError) -> Config {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let line = Self.line(of: error)
            let quoted = line.flatMap { Self.sourceLine($0, of: text) }.map { " (line \($0.line): \($0.text))" } ?? ""
            throw .invalid([ConfigProblem(file: file, line: line, keyPath: "", message: "not valid YAML: \(Self.summary(of: error))\(quoted)")])
        } catch {
            throw .invalid([ConfigProblem(file: file, line: nil, keyPath: "", message: "not valid YAML: \(error)")])
        }
        var reader = ConfigNodeReader(file: file)
        let config = reader.readConfig(root)
        if !reader.problems.isEmpty { throw .invalid(reader.problems) }
        return config
    }

    private static func resolve(_ path: String, against base: URL) -> String {
        if path.hasPrefix("/") { return path }
        return base.appendingPathComponent(path).standardizedFileURL.path
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        case .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .reader(let problem, _, _, _): return problem
        // Yams' own description of these carries the whole document; the key names and the line are enough.
        case .duplicatedKeysInMapping(let duplicates, _): return "duplicate key(s) " + duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
        default: return String("\(error)".prefix(200))
        }
    }

    /// The text of one line of the config (1-based), cut to 120 characters, to quote in an error.
    private static func sourceLine(_ number: Int, of text: String) -> (line: Int, text: String)? {
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number {
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                return (number, trimmed.count > 120 ? trimmed.prefix(120) + "…" : trimmed)
            }
            current += 1
        }
        return nil
    }
}
