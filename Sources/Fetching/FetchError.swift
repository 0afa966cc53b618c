import Foundation
import Model

/// Why a fetch failed, classified so that schedules, logs and `feeds status` can act on the class.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The fetch stage's classes of `FailureKind` (never `.parse` or `.store`).
    public typealias Kind = FailureKind

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
