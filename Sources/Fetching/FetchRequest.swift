/// One GET to make: the URL, the validators from last time, and who may be reached.
public struct FetchRequest: Sendable, Hashable {
    public enum Purpose: String, Sendable { case feed, page }

    public var url: String
    public var purpose: Purpose
    /// Validators from the last successful fetch, sent as If-None-Match / If-Modified-Since.
    public var etag: String?
    public var lastModified: String?
    /// Loopback/private endpoints (`ip:port`) this request may connect to although the policy forbids
    /// private addresses: the endpoint its feed was fetched from. Feeds themselves, named by the operator,
    /// may always reach private addresses.
    public var trustedEndpoints: Set<String>
    /// Hosts and ports (`FetchRequest.authority(of:)`) whose addresses, whatever they resolve to, this request
    /// may reach while its URL stays on them: a re-checked page's own feed's. A feed trusts its configured
    /// URL's authority without being told; a redirect off it to an internal address is refused.
    public var trustedAuthorities: Set<String>

    public init(
        url: String, purpose: Purpose, etag: String? = nil, lastModified: String? = nil,
        trustedEndpoints: Set<String> = [], trustedAuthorities: Set<String> = []
    ) {
        self.url = url
        self.purpose = purpose
        self.etag = etag
        self.lastModified = lastModified
        self.trustedEndpoints = trustedEndpoints
        self.trustedAuthorities = trustedAuthorities
    }

    /// A URL's lower-cased `host:port`, the port filled in from the scheme.
    public static func authority(of url: String) -> String { CurlTransfer.politenessKey(url) }
}

/// How the fetch engine behaves: limits, timeouts and identity, all from the config.
public struct FetchOptions: Sendable, Equatable {
    public var concurrency: Int
    public var perHost: Int
    public var connectTimeoutMilliseconds: Int
    public var timeoutMilliseconds: Int
    public var maxBody: Int
    public var allowPrivate: Bool
    public var userAgent: String
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is cut off as too slow.
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedSeconds: Int
    public var maxRedirects: Int

    /// Every limit is given: the defaults are the config's (`FetchSettings`), in one place, turned into these by
    /// `PipelineContext.fetchOptions`.
    public init(
        concurrency: Int, perHost: Int, connectTimeoutMilliseconds: Int, timeoutMilliseconds: Int, maxBody: Int,
        allowPrivate: Bool, userAgent: String, lowSpeedBytesPerSecond: Int, lowSpeedSeconds: Int,
        maxRedirects: Int = 5
    ) {
        self.concurrency = concurrency
        self.perHost = perHost
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxBody = maxBody
        self.allowPrivate = allowPrivate
        self.userAgent = userAgent
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedSeconds = lowSpeedSeconds
        self.maxRedirects = maxRedirects
    }
}
