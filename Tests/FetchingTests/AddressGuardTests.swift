import Foundation
import TestSupport
import Testing

@testable import Fetching

/// The private-address guard against the two ways round it an attacker found: a keep-alive connection opened
/// for an allowed request and reused for a guarded one, and a configured feed redirecting to another endpoint.
@Suite struct AddressGuardTests {
    static let options = FetchOptions(
        concurrency: 4, perHost: 2, connectTimeoutMilliseconds: 2_000, timeoutMilliseconds: 8_000,
        maxBody: 1 << 20, allowPrivate: false, userAgent: "summitwatch-test",
        lowSpeedBytesPerSecond: 64, lowSpeedSeconds: 15)

    func kind(_ result: Result<FetchedDocument, FetchError>) -> FetchError.Kind? {
        if case .failure(let error) = result { return error.kind }
        return nil
    }

    /// One fetcher (one libcurl connection cache): the feed's request leaves a keep-alive connection to the
    /// internal server open; a page trusted only for another endpoint must not ride on it.
    @Test func aKeptAliveConnectionToAnAllowedEndpointCarriesNoGuardedRequest() async throws {
        let inside = try await LocalHTTPServer.start()
        let outside = try await LocalHTTPServer.start()
        inside.set("/feed.xml", .text("<rss version=\"2.0\"><channel><title>in</title></channel></rss>", type: "application/rss+xml"))
        inside.set("/secret.html", .text("<html><body>secret</body></html>", type: "text/html"))
        let fetcher = HTTPFetcher(options: Self.options)
        defer { fetcher.shutdown() }
        let feed = await fetcher.fetch(FetchRequest(url: inside.url("/feed.xml"), purpose: .feed))
        #expect((try? feed.get().status) == 200)
        let ownPage = await fetcher.fetch(FetchRequest(url: inside.url("/secret.html"), purpose: .page, trustedEndpoints: ["127.0.0.1:\(inside.port)"]))
        #expect((try? ownPage.get().status) == 200, "the feed's own endpoint stays reachable for its pages")
        let probe = await fetcher.fetch(FetchRequest(url: inside.url("/secret.html"), purpose: .page, trustedEndpoints: ["127.0.0.1:\(outside.port)"]))
        #expect(kind(probe) == .blockedAddress)
        #expect(inside.requests(to: "/secret.html").count == 1, "the guarded request reached the internal server")
        await inside.stop()
        await outside.stop()
    }

    @Test func aFeedRedirectToAnotherInternalEndpointIsRefusedUnlessPrivateIsAllowed() async throws {
        let feedServer = try await LocalHTTPServer.start()
        let target = try await LocalHTTPServer.start()
        target.set("/other.xml", .text("<rss version=\"2.0\"><channel><title>t</title></channel></rss>", type: "application/rss+xml"))
        feedServer.set("/feed.xml", .text("<rss version=\"2.0\"><channel><title>f</title></channel></rss>", type: "application/rss+xml"))
        feedServer.set("/away.xml", LocalHTTPServer.Reply(status: 302, headers: ["Location": target.url("/other.xml")]))
        feedServer.set("/home.xml", LocalHTTPServer.Reply(status: 301, headers: ["Location": feedServer.url("/feed.xml")]))
        let guarded = HTTPFetcher(options: Self.options)
        defer { guarded.shutdown() }
        let away = await guarded.fetch(FetchRequest(url: feedServer.url("/away.xml"), purpose: .feed))
        #expect(kind(away) == .blockedAddress)
        #expect(target.requests(to: "/other.xml").isEmpty)
        let home = await guarded.fetch(FetchRequest(url: feedServer.url("/home.xml"), purpose: .feed))
        #expect((try? home.get().finalURL) == feedServer.url("/feed.xml"), "a redirect on the configured host and port is followed")

        var allowing = Self.options
        allowing.allowPrivate = true
        let open = HTTPFetcher(options: allowing)
        defer { open.shutdown() }
        let followed = await open.fetch(FetchRequest(url: feedServer.url("/away.xml"), purpose: .feed))
        #expect((try? followed.get().finalURL) == target.url("/other.xml"))
        await feedServer.stop()
        await target.stop()
    }
}
