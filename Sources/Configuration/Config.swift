import Foundation
import Model

/// The whole configuration, decoded and validated: what every other stage is told about its work.
public struct Config: Sendable, Equatable {
    public var database: String
    public var changelogDir: String
    public var metricsFile: String?
    public var fetch: FetchSettings
    public var schedule: ScheduleSettings
    public var recheck: RecheckSettings
    public var feeds: [FeedConfig]
    public var watchlist: [WatchlistEntry]
    /// Where the daemon writes the daily report (`YYYY-MM-DD.html` for each finished UTC day, `latest.html` each
    /// cycle); nil: no report files.
    public var reportDir: String? = nil
    public var retention = RetentionSettings()

    public init(
        database: String = "./summitwatch.db", changelogDir: String = "./changes", metricsFile: String? = nil,
        fetch: FetchSettings = .init(), schedule: ScheduleSettings = .init(),
        recheck: RecheckSettings = .init(), feeds: [FeedConfig] = [], watchlist: [WatchlistEntry] = []
    ) {
        self.database = database
        self.changelogDir = changelogDir
        self.metricsFile = metricsFile
        self.fetch = fetch
        self.schedule = schedule
        self.recheck = recheck
        self.feeds = feeds
        self.watchlist = watchlist
    }

    public func feed(named name: String) -> FeedConfig? { feeds.first { $0.name == name } }
}

public struct FetchSettings: Sendable, Equatable {
    public var concurrency = 16
    public var perHost = 2
    public var connectTimeout: Duration = .seconds(10)
    public var timeout: Duration = .seconds(30)
    public var maxBody = 10 * 1024 * 1024
    public var allowPrivate = false
    public var userAgent = "summitwatch/\(SummitWatchVersion.current) (+https://github.com/summitwatch/summitwatch)"
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` is cut off (a server dripping bytes).
    public var lowSpeedLimit = 64
    public var lowSpeedTime: Duration = .seconds(15)
    /// New items taken from one feed per cycle, newest first; the rest wait for later cycles. 200 covers any
    /// news feed's real output between two fetches while a 100,000-item feed cannot flood one cycle.
    public var maxItemsPerFeed = 200
    /// Pages fetched per cycle over all feeds: bounds a cycle's time and memory (the first cycle of many feeds
    /// included); what is left over is taken next cycle.
    public var maxPagesPerCycle = 2_000
    public init() {}
}

public struct ScheduleSettings: Sendable, Equatable {
    public var interval: Duration = .seconds(15 * 60)
    public var minInterval: Duration = .seconds(60)
    public var maxBackoff: Duration = .seconds(24 * 3600)
    /// Each wait is stretched by a random share of up to this fraction, so feeds with one interval drift apart.
    public var jitter = 0.1
    public init() {}
}

/// How long bulky history is kept (nil: for ever). Entities, stories, summits and counts always survive.
public struct RetentionSettings: Sendable, Equatable {
    public var articleText: Duration?
    public var versions: Duration?
    public var changes: Duration?
    public var mentionSentences: Duration?
    public init() {}

    /// The accepted range of every retention age; below a week it would cut into the recheck window and
    /// the operator's own look back.
    public static let range: ClosedRange<Duration> = .seconds(7 * 86_400) ... .seconds(36_500 * 86_400)
}

public struct RecheckSettings: Sendable, Equatable {
    public var window: Duration = .seconds(48 * 3600)
    /// At most this many articles are re-checked per cycle, so the queue can never outgrow the cycle.
    public var perCycle = 50
    public init() {}
}

public struct FeedConfig: Sendable, Equatable {
    public var name: String
    public var url: String
    public var interval: Duration?
    public var tags: [String]
    public init(name: String, url: String, interval: Duration? = nil, tags: [String] = []) {
        self.name = name
        self.url = url
        self.interval = interval
        self.tags = tags
    }
}

public struct WatchlistEntry: Sendable, Equatable {
    public var name: String
    public var type: EntityType
    public var aliases: [String]
    public init(name: String, type: EntityType, aliases: [String] = []) {
        self.name = name
        self.type = type
        self.aliases = aliases
    }
}

public enum SummitWatchVersion {
    public static let current = "0.1.0"
}
