import Foundation

/// Why a fetch failed, classified so that schedules, logs and `feeds status` can act on the class.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
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
    }

    public var kind: Kind
    public var url: String
    public var message: String
    public var status: Int?
    /// When the server asked us to come back (429/503 with Retry-After).
    public var retryAfter: Date?

    public init(kind: Kind, url: String, message: String, status: Int? = nil, retryAfter: Date? = nil) {
        self.kind = kind
        self.url = url
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
    }

    public var description: String { "\(kind.rawValue): \(message) (\(url))" }
}
