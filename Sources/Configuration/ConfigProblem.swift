/// One thing wrong with a config file, located well enough to fix it without searching.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)"
    }
}

/// Why a config could not be used: the file is missing or unreadable, or it has problems.
public enum ConfigError: Error, Sendable, CustomStringConvertible {
    case notFound(searched: [String])
    case unreadable(file: String, reason: String)
    case invalid([ConfigProblem])

    public var description: String {
        switch self {
        case .notFound(let searched):
            return "no config file found (looked for \(searched.joined(separator: ", "))); pass --config PATH"
        case .unreadable(let file, let reason):
            return "cannot read config \(file): \(reason)"
        case .invalid(let problems):
            let lines = problems.map(\.description)
            return problems.count == 1 ? lines[0] : "\(problems.count) problems in config:\n" + lines.joined(separator: "\n")
        }
    }
}
