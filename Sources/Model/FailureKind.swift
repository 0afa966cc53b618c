/// Why fetching or reading a feed or page failed: the class that schedules, logs, `feeds status` and the change
/// log act on. The raw values are stored (`feeds.last_error_kind`) and printed.
public enum FailureKind: String, Sendable, CaseIterable, Codable {
    // The fetch stage's classes.
    case dns, connect, tls, timeout
    case tooSlow = "too_slow"
    case tooLarge = "too_large"
    case http4xx = "http_4xx"
    case http5xx = "http_5xx"
    case redirect
    case `protocol`
    /// The URL resolved to a loopback/private/link-local/multicast address that policy forbids.
    case blockedAddress = "blocked_address"
    case cancelled
    /// The body arrived but is no feed we can read.
    case parse
    /// What was fetched could not be written to the store.
    case store
}
