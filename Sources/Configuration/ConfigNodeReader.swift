import Foundation
import Model
import Yams

/// Walks the YAML node tree key by key, so each problem can carry the line it stands on.
struct ConfigNodeReader {
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) { self.file = file }

    mutating func readConfig(_ root: Node?) -> Config {
        var config = Config()
        guard let root else {
            problem(nil, "", "the file is empty; at least `feeds:` is required")
            return config
        }
        guard let map = mapping(root, "") else { return config }
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "database": config.database = string(value, key) ?? config.database
            case "changelog_dir": config.changelogDir = string(value, key) ?? config.changelogDir
            case "metrics_file": config.metricsFile = value.null != nil ? nil : string(value, key)
            case "fetch": config.fetch = readFetch(value)
            case "schedule": config.schedule = readSchedule(value)
            case "recheck": config.recheck = readRecheck(value)
            case "feeds": config.feeds = readFeeds(value)
            case "watchlist": config.watchlist = readWatchlist(value)
            case "report_dir": config.reportDir = value.null != nil ? nil : string(value, key)
            case "retention": config.retention = readRetention(value)
            default:
                unknownKey(
                    keyNode, path: key,
                    known: ["database", "changelog_dir", "metrics_file", "fetch", "schedule", "recheck", "feeds", "watchlist", "report_dir", "retention"])
            }
        }
        if map["feeds"] == nil { problem(root, "feeds", "is required: a list of feeds with name and url") }
        return config
    }

    private mutating func readFetch(_ node: Node) -> FetchSettings {
        var fetch = FetchSettings()
        guard let map = mapping(node, "fetch") else { return fetch }
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            let path = "fetch.\(key)"
            switch key {
            case "concurrency": fetch.concurrency = int(value, path, in: ConfigRanges.concurrency) ?? fetch.concurrency
            case "per_host": fetch.perHost = int(value, path, in: ConfigRanges.perHost) ?? fetch.perHost
            case "connect_timeout": fetch.connectTimeout = duration(value, path, in: ConfigRanges.connectTimeout) ?? fetch.connectTimeout
            case "timeout": fetch.timeout = duration(value, path, in: ConfigRanges.timeout) ?? fetch.timeout
            case "max_body": fetch.maxBody = size(value, path, in: ConfigRanges.maxBody) ?? fetch.maxBody
            case "allow_private": fetch.allowPrivate = bool(value, path) ?? fetch.allowPrivate
            case "user_agent": fetch.userAgent = string(value, path) ?? fetch.userAgent
            case "low_speed_limit": fetch.lowSpeedLimit = int(value, path, in: ConfigRanges.lowSpeedLimit) ?? fetch.lowSpeedLimit
            case "low_speed_time": fetch.lowSpeedTime = duration(value, path, in: ConfigRanges.lowSpeedTime) ?? fetch.lowSpeedTime
            case "max_items_per_feed": fetch.maxItemsPerFeed = int(value, path, in: ConfigRanges.maxItemsPerFeed) ?? fetch.maxItemsPerFeed
            case "max_pages_per_cycle": fetch.maxPagesPerCycle = int(value, path, in: ConfigRanges.maxPagesPerCycle) ?? fetch.maxPagesPerCycle
            default:
                unknownKey(
                    keyNode, path: path,
                    known: [
                        "concurrency", "per_host", "connect_timeout", "timeout", "max_body", "allow_private", "user_agent", "low_speed_limit", "low_speed_time",
                        "max_items_per_feed", "max_pages_per_cycle",
                    ])
            }
        }
        return fetch
    }

    private mutating func readSchedule(_ node: Node) -> ScheduleSettings {
        var schedule = ScheduleSettings()
        guard let map = mapping(node, "schedule") else { return schedule }
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            let path = "schedule.\(key)"
            switch key {
            case "interval": schedule.interval = duration(value, path, in: ConfigRanges.interval) ?? schedule.interval
            case "min_interval": schedule.minInterval = duration(value, path, in: ConfigRanges.interval) ?? schedule.minInterval
            case "max_backoff": schedule.maxBackoff = duration(value, path, in: ConfigRanges.maxBackoff) ?? schedule.maxBackoff
            case "jitter": schedule.jitter = fraction(value, path, within: 0...0.5) ?? schedule.jitter
            default: unknownKey(keyNode, path: path, known: ["interval", "min_interval", "max_backoff", "jitter"])
            }
        }
        return schedule
    }

    private mutating func readRetention(_ node: Node) -> RetentionSettings {
        var retention = RetentionSettings()
        guard let map = mapping(node, "retention") else { return retention }
        let fields: [(key: String, field: WritableKeyPath<RetentionSettings, Duration?>)] = [
            ("article_text", \.articleText), ("versions", \.versions), ("changes", \.changes), ("mentions_sentences", \.mentionSentences),
        ]
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            let path = "retention.\(key)"
            guard let field = fields.first(where: { $0.key == key })?.field else {
                unknownKey(keyNode, path: path, known: fields.map(\.key))
                continue
            }
            // An empty value (`versions:`) keeps that history for ever, like leaving the key out.
            retention[keyPath: field] = value.null != nil ? nil : duration(value, path, in: RetentionSettings.range)
        }
        return retention
    }

    private mutating func fraction(_ node: Node, _ path: String, within range: ClosedRange<Double>) -> Double? {
        guard let text = scalarText(node, path) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            problem(node, path, "expected a number between \(range.lowerBound) and \(range.upperBound), got \"\(text)\"")
            return nil
        }
        return value
    }

    private mutating func readRecheck(_ node: Node) -> RecheckSettings {
        var recheck = RecheckSettings()
        guard let map = mapping(node, "recheck") else { return recheck }
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "window": recheck.window = duration(value, "recheck.window", in: ConfigRanges.recheckWindow) ?? recheck.window
            case "per_cycle": recheck.perCycle = int(value, "recheck.per_cycle", in: ConfigRanges.recheckPerCycle) ?? recheck.perCycle
            default: unknownKey(keyNode, path: "recheck.\(key)", known: ["window", "per_cycle"])
            }
        }
        return recheck
    }

    private mutating func readFeeds(_ node: Node) -> [FeedConfig] {
        guard let items = sequence(node, "feeds") else { return [] }
        var feeds: [FeedConfig] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "feeds[\(index)]"
            guard let map = mapping(item, path) else { continue }
            var name: String?
            var url: String?
            var interval: Duration?
            var tags: [String] = []
            for (keyNode, value) in map {
                let key = keyNode.string ?? ""
                switch key {
                case "name": name = feedName(value, "\(path).name")
                case "url": url = feedURL(value, "\(path).url")
                case "interval": interval = duration(value, "\(path).interval", in: ConfigRanges.interval)
                case "tags": tags = stringList(value, "\(path).tags")
                default: unknownKey(keyNode, path: "\(path).\(key)", known: ["name", "url", "interval", "tags"])
                }
            }
            if map["name"] == nil { problem(item, "\(path).name", "is required") }
            if map["url"] == nil { problem(item, "\(path).url", "is required") }
            if let name {
                if let first = seen[name] {
                    problem(map["name"], "\(path).name", "duplicate feed name \"\(name)\" (first used by feeds[\(first)])")
                } else {
                    seen[name] = index
                }
            }
            if let name, let url { feeds.append(FeedConfig(name: name, url: url, interval: interval, tags: tags)) }
        }
        return feeds
    }

    private mutating func readWatchlist(_ node: Node) -> [WatchlistEntry] {
        guard let items = sequence(node, "watchlist") else { return [] }
        var entries: [WatchlistEntry] = []
        for (index, item) in items.enumerated() {
            let path = "watchlist[\(index)]"
            guard let map = mapping(item, path) else { continue }
            var name: String?
            var type: EntityType?
            var aliases: [String] = []
            for (keyNode, value) in map {
                let key = keyNode.string ?? ""
                switch key {
                case "name": name = string(value, "\(path).name")
                case "type":
                    let raw = string(value, "\(path).type")
                    type = raw.flatMap { EntityType(rawValue: $0.uppercased()) }
                    if raw != nil, type == nil {
                        problem(value, "\(path).type", "expected one of PERSON, ORG, PLACE, ISSUE, got \"\(raw!)\"")
                    }
                case "aliases": aliases = stringList(value, "\(path).aliases")
                default: unknownKey(keyNode, path: "\(path).\(key)", known: ["name", "type", "aliases"])
                }
            }
            if map["name"] == nil { problem(item, "\(path).name", "is required") }
            if map["type"] == nil { problem(item, "\(path).type", "is required (PERSON, ORG, PLACE or ISSUE)") }
            if let name, let type { entries.append(WatchlistEntry(name: name, type: type, aliases: aliases)) }
        }
        return entries
    }

    // MARK: - Scalars

    private mutating func feedName(_ node: Node, _ path: String) -> String? {
        guard let name = string(node, path) else { return nil }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
        guard !name.isEmpty, allowed else {
            problem(node, path, "expected letters, digits and '-' only, got \"\(name)\"")
            return nil
        }
        return name
    }

    private mutating func feedURL(_ node: Node, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        // URL(string:) would accept some of these; libcurl and the log lines must never see them.
        if let bad = text.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.properties.isWhitespace }) {
            problem(
                node, path,
                "a feed URL may not contain spaces, tabs, line breaks or control characters (found U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4))); percent-encode them"
            )
            return nil
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            problem(node, path, "expected an http:// or https:// URL, got \"\(text)\"")
            return nil
        }
        return text
    }

    private mutating func duration(_ node: Node, _ path: String, in range: ClosedRange<Duration>) -> Duration? {
        guard let text = scalarText(node, path) else { return nil }
        let bounds = "between \(DurationText.format(range.lowerBound)) and \(DurationText.format(range.upperBound))"
        guard let value = DurationText.parse(text) else {
            problem(node, path, "expected a duration such as 500ms, 30s, 15m, 24h or 7d (\(bounds)), got \"\(text)\"")
            return nil
        }
        guard range.contains(value) else {
            problem(node, path, "expected a duration \(bounds), got \"\(text)\"")
            return nil
        }
        return value
    }

    private mutating func size(_ node: Node, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalarText(node, path) else { return nil }
        let bounds = "between \(ByteSizeText.format(range.lowerBound)) and \(ByteSizeText.format(range.upperBound))"
        guard let value = ByteSizeText.parse(text) else {
            problem(node, path, "expected a size such as 512KiB or 10MiB (\(bounds)), got \"\(text)\"")
            return nil
        }
        guard range.contains(value) else {
            problem(node, path, "expected a size \(bounds), got \"\(text)\"")
            return nil
        }
        return value
    }

    private mutating func int(_ node: Node, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = scalarText(node, path) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problem(node, path, "expected a whole number between \(range.lowerBound) and \(range.upperBound), got \"\(text)\"")
            return nil
        }
        return value
    }

    private mutating func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = scalarText(node, path) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(node, path, "expected true or false, got \"\(text)\"")
            return nil
        }
    }

    private mutating func string(_ node: Node, _ path: String) -> String? {
        scalarText(node, path)
    }

    private mutating func stringList(_ node: Node, _ path: String) -> [String] {
        guard let items = sequence(node, path) else { return [] }
        return items.enumerated().compactMap { index, item in scalarText(item, "\(path)[\(index)]") }
    }

    private mutating func scalarText(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            problem(node, path, "expected a single value, got \(Self.kind(of: node))")
            return nil
        }
        return scalar.string
    }

    private mutating func mapping(_ node: Node, _ path: String) -> Node.Mapping? {
        guard let map = node.mapping else {
            problem(node, path, "expected a mapping of keys to values, got \(Self.kind(of: node))")
            return nil
        }
        return map
    }

    private mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard let items = node.sequence else {
            problem(node, path, "expected a list, got \(Self.kind(of: node))")
            return nil
        }
        return Array(items)
    }

    private mutating func unknownKey(_ keyNode: Node, path: String, known: [String]) {
        problem(keyNode, path, "unknown key; expected one of: \(known.joined(separator: ", "))")
    }

    private mutating func problem(_ node: Node?, _ path: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: node?.mark?.line, keyPath: path, message: message))
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let s): return "\"\(s.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
