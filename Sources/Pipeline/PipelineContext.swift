import ArticleExtraction
import ChangeLog
import Configuration
import Entities
import FeedParsing
import Fetching
import Foundation
import Logging
import Model
import Store

/// Everything a cycle needs, built once from the config and shared by the daemon and `fetch`.
public struct PipelineContext: Sendable {
    public let config: Config
    public let store: SummitStore
    public let fetcher: HTTPFetcher
    public let entityExtractor: EntityExtractor
    public let changeLog: ChangeLogWriter
    public let logger: Logger

    public init(config: Config, store: SummitStore, fetcher: HTTPFetcher, entityExtractor: EntityExtractor, logger: Logger) {
        self.config = config
        self.store = store
        self.fetcher = fetcher
        self.entityExtractor = entityExtractor
        self.changeLog = ChangeLogWriter(directory: config.changelogDir)
        self.logger = logger
    }

    /// Opens the store, starts the fetch engine and loads the gazetteer with the config's watchlist.
    public static func make(config: Config, logger: Logger) throws -> PipelineContext {
        let store = try SummitStore(path: config.database)
        let fetcher = HTTPFetcher(options: fetchOptions(config.fetch))
        let watchlist = config.watchlist.map { item in
            GazetteerEntry(type: item.type, name: item.name, aliases: item.aliases, origin: .watchlist)
        }
        let gazetteer = try Gazetteer.load(watchlist: watchlist)
        return PipelineContext(config: config, store: store, fetcher: fetcher, entityExtractor: EntityExtractor(gazetteer: gazetteer), logger: logger)
    }

    /// The loader keeps every value inside `ConfigRanges`; the clamps here keep a config built in code (or a
    /// future key) from trapping in a Double-to-Int conversion all the same.
    public static func fetchOptions(_ settings: FetchSettings) -> FetchOptions {
        FetchOptions(
            concurrency: settings.concurrency.clamped(to: ConfigRanges.concurrency),
            perHost: settings.perHost.clamped(to: ConfigRanges.perHost),
            connectTimeoutMilliseconds: milliseconds(settings.connectTimeout.clamped(to: ConfigRanges.connectTimeout)),
            timeoutMilliseconds: milliseconds(settings.timeout.clamped(to: ConfigRanges.timeout)),
            maxBody: settings.maxBody.clamped(to: ConfigRanges.maxBody),
            allowPrivate: settings.allowPrivate, userAgent: settings.userAgent,
            lowSpeedBytesPerSecond: settings.lowSpeedLimit.clamped(to: ConfigRanges.lowSpeedLimit),
            lowSpeedSeconds: max(1, Int(settings.lowSpeedTime.clamped(to: ConfigRanges.lowSpeedTime).components.seconds)))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }

    func schedule(for feed: FeedConfig) -> FeedSchedule {
        FeedSchedule(
            interval: (feed.interval ?? config.schedule.interval).clamped(to: ConfigRanges.interval).seconds,
            minInterval: config.schedule.minInterval.clamped(to: ConfigRanges.interval).seconds,
            maxBackoff: config.schedule.maxBackoff.clamped(to: ConfigRanges.maxBackoff).seconds, jitter: config.schedule.jitter)
    }

    /// Appends change lines to the log and marks them logged; a failure leaves them for the next cycle's replay.
    /// - Parameter replay: lines of an interrupted cycle: some may be in the file already, and are skipped.
    func log(_ lines: [ChangeLine], replay: Bool = false) {
        guard !lines.isEmpty else { return }
        do {
            try changeLog.append(lines, skippingPresent: replay)
            try store.markLogged(lines)
        } catch {
            logger.error("change log: \(error) (the changes stay in the store and are written next cycle)")
        }
    }
}
