/// The range every numeric config value must fall in. `config check` (and a SIGHUP reload, which goes through
/// the same loader) refuses a value outside it and names the range, so nothing downstream can overflow or trap
/// converting a configured number. Each bound says why it is there.
public enum ConfigRanges {
    /// Transfers in flight at once: past a few hundred, one engine thread only queues them.
    public static let concurrency = 1...1_024
    /// Connections to one server at once: more is impolite and gains nothing.
    public static let perHost = 1...64
    /// Below 100 ms even a loopback connect can miss; past 5 minutes a dead server holds a slot for nothing.
    public static let connectTimeout: ClosedRange<Duration> = .milliseconds(100) ... .seconds(300)
    /// Whole-transfer limit: a second at least, at most an hour (libcurl takes milliseconds in a C long).
    public static let timeout: ClosedRange<Duration> = .seconds(1) ... .seconds(3_600)
    /// A body is held in memory whole: 1 KiB is the smallest useful page, 1 GiB the most a body may take.
    public static let maxBody = 1_024...(1 << 30)
    /// Bytes per second below which a transfer is too slow: up to 100 MB/s.
    public static let lowSpeedLimit = 1...100_000_000
    public static let lowSpeedTime: ClosedRange<Duration> = .seconds(1) ... .seconds(3_600)
    /// Feed intervals (and min_interval): a second (tests, local feeds) up to 30 days.
    public static let interval: ClosedRange<Duration> = .seconds(1) ... .seconds(30 * 86_400)
    /// Backoff after failures: up to a year, so a dead feed is never dropped but waits long.
    public static let maxBackoff: ClosedRange<Duration> = .seconds(1) ... .seconds(365 * 86_400)
    /// How long articles are re-checked for edits: up to a year.
    public static let recheckWindow: ClosedRange<Duration> = .seconds(1) ... .seconds(365 * 86_400)
    /// Re-checks per cycle: 100,000 is already a long cycle; the store is asked for 4× this.
    public static let recheckPerCycle = 1...100_000
    /// Items taken from one feed per cycle (newest first): up to 100,000.
    public static let maxItemsPerFeed = 1...100_000
    /// Page fetches per cycle over all feeds: up to 1,000,000.
    public static let maxPagesPerCycle = 1...1_000_000
}

extension Comparable {
    public func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
