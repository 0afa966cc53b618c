import CCurl
import Foundation
import Synchronization

/// One transfer's state: the easy handle, what has arrived, and the continuation waiting for it.
///
/// `@unchecked Sendable` is safe because of ownership, not locks: the caller creates the transfer and hands it
/// to the engine through the engine's mutex-protected inbox; from then on only the engine thread (and libcurl's
/// callbacks, which run on that thread inside `curl_multi_perform`) reads or writes its mutable state.
/// The one field another thread touches, `cancelled`, is atomic.
final class CurlTransfer: @unchecked Sendable {
    let request: FetchRequest
    let host: String
    let policy: AddressPolicy
    /// Hosts and ports any of whose addresses may be reached while the request stays on them (a feed's own).
    let trustedAuthorities: Set<String>
    let maxBody: Int
    let cancelled = Atomic<Bool>(false)
    private var continuation: CheckedContinuation<Result<FetchedDocument, FetchError>, Never>?  // nil only in queue tests

    private(set) var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    private var body = Data()
    private var headers: [String: String] = [:]
    private var currentStatus = 0
    private var redirectStatuses: [Int] = []
    private var bodyOverflowed = false
    private var blockedEndpoint: String?

    init(request: FetchRequest, options: FetchOptions, continuation: CheckedContinuation<Result<FetchedDocument, FetchError>, Never>?) {
        self.request = request
        self.host = Self.politenessKey(request.url)
        self.policy = AddressPolicy(allowPrivate: options.allowPrivate, trustedEndpoints: request.trustedEndpoints)
        // The operator trusts the feed URL they configured, wherever its host resolves, but not where it redirects.
        self.trustedAuthorities = request.purpose == .feed ? request.trustedAuthorities.union([Self.politenessKey(request.url)]) : request.trustedAuthorities
        self.maxBody = options.maxBody
        self.continuation = continuation
        errorBuffer.initialize(to: 0)
    }

    /// Politeness is per server: host and port ("news.example:443"), read from the URL's authority without a
    /// full URL parse (this runs for every request).
    static func politenessKey(_ url: String) -> String {
        let lower = url.lowercased()
        let secure = lower.hasPrefix("https://")
        guard secure || lower.hasPrefix("http://") else { return lower }
        let rest = lower.dropFirst(secure ? 8 : 7)
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.contains(":") && !authority.hasSuffix("]") { return String(authority) }
        return "\(authority):\(secure ? 443 : 80)"
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    // MARK: - Setup (engine thread)

    /// Creates and configures the easy handle; nil when libcurl refused (the transfer is then already finished).
    func makeHandle(options: FetchOptions) -> UnsafeMutableRawPointer? {
        guard let easy = curl_easy_init() else {
            finish(.failure(FetchError(kind: .protocol, url: request.url, message: "libcurl could not create a handle")))
            return nil
        }
        handle = easy
        let me = Unmanaged.passUnretained(self).toOpaque()
        sw_easy_setopt_string(easy, CURLOPT_URL, request.url)
        sw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        sw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        sw_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        sw_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
        sw_easy_setopt_long(easy, CURLOPT_MAXREDIRS, options.maxRedirects)
        sw_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl decodes: gzip, br, zstd
        sw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMilliseconds)
        sw_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, options.timeoutMilliseconds)
        sw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, options.lowSpeedBytesPerSecond)
        sw_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, options.lowSpeedSeconds)
        sw_easy_setopt_offset(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBody))
        sw_easy_setopt_string(easy, CURLOPT_USERAGENT, options.userAgent)
        sw_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        sw_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        sw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        sw_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteBody)
        sw_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        sw_easy_setopt_write(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        sw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        sw_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0)
        sw_easy_setopt_xferinfo(easy, curlProgress)
        sw_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, me)
        sw_easy_setopt_opensocket(easy, curlOpenSocket)
        sw_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me)
        // The socket check misses a reused keep-alive connection; this one sees the peer of every request.
        sw_easy_setopt_prereq(easy, curlPrerequest)
        sw_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, me)
        headerList = requestHeaders()
        sw_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)
        return easy
    }

    private func requestHeaders() -> UnsafeMutablePointer<curl_slist>? {
        var lines = [
            request.purpose == .feed
                ? "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
                : "Accept: text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
        ]
        if let etag = request.etag, !etag.isEmpty { lines.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified, !lastModified.isEmpty { lines.append("If-Modified-Since: \(lastModified)") }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines { list = curl_slist_append(list, line) }
        return list
    }

    // MARK: - Callbacks (engine thread)

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if (300..<400).contains(currentStatus) { return true }  // a redirect's own body is of no use
        guard body.count + bytes.count <= maxBody else {
            bodyOverflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line, parsed from its bytes (this runs for every header of every response).
    func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) {
        let bytes = raw.bindMemory(to: UInt8.self)
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 { end -= 1 }
        guard end > 0 else { return }
        if end >= 5, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"), bytes[3] == UInt8(ascii: "P"),
            bytes[4] == UInt8(ascii: "/")
        {
            if (300..<400).contains(currentStatus) { redirectStatuses.append(currentStatus) }
            var index = 5
            while index < end, bytes[index] != 0x20 { index += 1 }
            while index < end, bytes[index] == 0x20 { index += 1 }
            var status = 0
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                status = status * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            currentStatus = status
            headers = [:]
            body.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = (0..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }) else { return }
        let name = String(decoding: bytes[0..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        var start = colon + 1
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        headers[name] = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Asked when a socket is opened and again before each request on it (new or reused, first or redirected).
    func allowsConnection(ip: String, port: Int) -> Bool {
        if policy.allows(ip: ip, port: port) { return true }
        if !trustedAuthorities.isEmpty, let current = currentURL(), trustedAuthorities.contains(Self.politenessKey(current)) { return true }
        blockedEndpoint = AddressPolicy.endpoint(ip: ip, port: port)
        return false
    }

    /// The URL libcurl is working on now: after a redirect, the target.
    private func currentURL() -> String? {
        guard let handle else { return nil }
        var pointer: UnsafeMutablePointer<CChar>?
        sw_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &pointer)
        return pointer.map { String(cString: $0) }
    }

    // MARK: - Completion (engine thread)

    func complete(code: CURLcode) {
        guard let easy = handle else { return }
        var status = 0
        sw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var urlPointer: UnsafeMutablePointer<CChar>?
        sw_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let finalURL = urlPointer.map { String(cString: $0) } ?? request.url
        if code != CURLE_OK {
            finish(.failure(classify(code: code, status: status)))
            return
        }
        if (300..<400).contains(status) && status != 304 {
            finish(.failure(FetchError(kind: .redirect, url: request.url, message: "redirect \(status) without a usable Location", status: status)))
            return
        }
        if status >= 400 {
            finish(.failure(httpError(status: status)))
            return
        }
        finish(
            .success(
                FetchedDocument(
                    requestedURL: request.url, finalURL: finalURL, status: status, headers: headers,
                    body: body, redirectStatuses: redirectStatuses, endpoint: primaryEndpoint(easy))))
    }

    func fail(_ error: FetchError) { finish(.failure(error)) }

    private func finish(_ result: Result<FetchedDocument, FetchError>) {
        continuation?.resume(returning: result)
        continuation = nil
    }

    private func primaryEndpoint(_ easy: UnsafeMutableRawPointer) -> String? {
        var ipPointer: UnsafeMutablePointer<CChar>?
        var port = 0
        sw_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &ipPointer)
        sw_easy_getinfo_long(easy, CURLINFO_PRIMARY_PORT, &port)
        guard let ipPointer, ipPointer.pointee != 0 else { return nil }
        return AddressPolicy.endpoint(ip: String(cString: ipPointer), port: port)
    }

    private func httpError(status: Int) -> FetchError {
        var retryAfter: Date?
        if status == 429 || status == 503, let value = headers["retry-after"] {
            retryAfter = RetryAfter.date(from: value, now: Date())
        }
        let kind: FetchError.Kind = status < 500 ? .http4xx : .http5xx
        return FetchError(kind: kind, url: request.url, message: "HTTP \(status)", status: status, retryAfter: retryAfter)
    }

    private func classify(code: CURLcode, status: Int) -> FetchError {
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let kind: FetchError.Kind
        var message = detail
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dns
        case CURLE_COULDNT_CONNECT where blockedEndpoint != nil, CURLE_ABORTED_BY_CALLBACK where blockedEndpoint != nil:
            kind = .blockedAddress
            message = "refused to connect to internal address \(blockedEndpoint!) (fetch.allow_private is off)"
        case CURLE_COULDNT_CONNECT: kind = .connect
        case CURLE_OPERATION_TIMEDOUT: kind = detail.localizedCaseInsensitiveContains("too slow") ? .tooSlow : .timeout
        case CURLE_WRITE_ERROR where bodyOverflowed, CURLE_FILESIZE_EXCEEDED:
            kind = .tooLarge
            message = "body larger than fetch.max_body (\(maxBody) bytes)"
        case CURLE_TOO_MANY_REDIRECTS: kind = .redirect
        case CURLE_UNSUPPORTED_PROTOCOL where !redirectStatuses.isEmpty || (300..<400).contains(currentStatus):
            kind = .redirect
            message = "redirect to a scheme other than http/https refused: \(detail)"
        case CURLE_ABORTED_BY_CALLBACK: kind = .cancelled
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            kind = .tls
        default: kind = .protocol
        }
        return FetchError(kind: kind, url: request.url, message: message, status: status == 0 ? nil : status)
    }
}

// libcurl's callbacks: plain C function pointers, reaching the transfer through the opaque user pointer.

private let curlWriteBody: sw_write_callback = { pointer, size, count, user in
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let length = size * count
    return transfer.receiveBody(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
}

private let curlWriteHeader: sw_write_callback = { pointer, size, count, user in
    guard let user else { return 0 }
    let length = size * count
    Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveHeaderLine(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}

private let curlProgress: sw_xferinfo_callback = { user, _, _, _, _ in
    guard let user else { return 0 }
    return Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().cancelled.load(ordering: .relaxed) ? 1 : 0
}

private let curlOpenSocket: sw_opensocket_callback = { user, _, address in
    guard let user, let address else { return -1 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let family = address.pointee.family
    guard let (ip, port) = SocketAddressText.ipAndPort(address) else { return -1 }
    guard transfer.allowsConnection(ip: ip, port: port) else { return -1 }
    return socket(family, address.pointee.socktype, address.pointee.protocol)
}

private let curlPrerequest: sw_prereq_callback = { user, primaryIP, _, primaryPort, _ in
    guard let user, let primaryIP else { return Int32(CURL_PREREQFUNC_ABORT) }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let allowed = transfer.allowsConnection(ip: String(cString: primaryIP), port: Int(primaryPort))
    return Int32(allowed ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT)
}
