import Foundation

/// What came back from a GET that reached a server and got an answer we accept (2xx or 304).
public struct FetchedDocument: Sendable {
    public var requestedURL: String
    /// The URL after redirects: relative links in the body resolve against it.
    public var finalURL: String
    public var status: Int
    /// Response headers of the final response, names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: Data
    /// Status codes of the redirects followed, in order.
    public var redirectStatuses: [Int]
    /// The endpoint (`ip:port`) the final response came from.
    public var endpoint: String?

    public init(
        requestedURL: String, finalURL: String, status: Int, headers: [String: String], body: Data,
        redirectStatuses: [Int] = [], endpoint: String? = nil
    ) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.redirectStatuses = redirectStatuses
        self.endpoint = endpoint
    }

    public var notModified: Bool { status == 304 }
    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
    public var contentType: String? { headers["content-type"] }

    /// True when every redirect followed was permanent (301/308): the resource has moved for good.
    public var movedPermanently: Bool {
        !redirectStatuses.isEmpty && redirectStatuses.allSatisfy { $0 == 301 || $0 == 308 }
    }
}
