import Configuration
import Foundation
import Logging
import Pipeline
import TestSupport

/// The bundled demo site (Deploy/demo/site) served on 127.0.0.1 by a real HTTP server, fetched by the real
/// pipeline into a store: three feeds, twelve articles, one wire story carried twice, summits. A fourth feed
/// answers 404, and after the first cycle one article is edited (headline and a sentence) and re-checked, so the
/// store also has a failing feed and an updated article with a diff.
enum DemoSite {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Deploy/demo/site").standardized
    static let editedPaths = ["/articles/wire-alaska-summit.html", "/articles/europe-alaska-preview.html"]
    static let editedHeadline = "Trump and Putin meet in Anchorage; Kyiv left out of the room"

    static func fill(_ folder: borrowing TemporaryFolder) async throws -> PipelineContext {
        let server = try await LocalHTTPServer.start()
        let pages = try serve(on: server)
        var config = Config(
            database: folder.file("summitwatch.db"), changelogDir: folder.file("changes"),
            feeds: [
                FeedConfig(name: "wire", url: server.url("/feeds/wire.xml")),
                FeedConfig(name: "europe", url: server.url("/feeds/europe.atom")),
                FeedConfig(name: "analysis", url: server.url("/feeds/analysis.json")),
                FeedConfig(name: "broken", url: server.url("/feeds/missing.xml")),
            ], watchlist: [WatchlistEntry(name: "Steve Witkoff", type: .person, aliases: ["Witkoff"])])
        // Re-checks fetch article pages outside any feed's trusted endpoints; the test server is on loopback.
        config.fetch.allowPrivate = true
        let context = try PipelineContext.make(config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let cycle = FetchCycle(context: context)
        _ = try await cycle.run()
        // The wire copy is on two pages (the wire's and Europe Today's); which URL the store keeps as the article depends
        // on which feed answered first, so both pages get the same edit.
        for path in editedPaths {
            let edited = try require(pages[path], path)
                .replacingOccurrences(of: "Trump and Putin to meet in Alaska as Ukraine watches", with: editedHeadline)
                .replacingOccurrences(of: "What to expect when Trump meets Putin in Alaska", with: editedHeadline)
                .replacingOccurrences(
                    of: "will focus on a ceasefire in Ukraine, officials in both capitals said on Thursday",
                    with: "opened with talks on a ceasefire in Ukraine and on prisoner exchanges, officials in both capitals said")
            server.set(path, .text(edited, type: "text/html; charset=utf-8"))
        }
        _ = try await cycle.run(.init(recheckAll: true))
        await server.stop()
        return context
    }

    /// Every file of the site at its path, with the site's own address (127.0.0.1:8765) rewritten to the server's.
    private static func serve(on server: LocalHTTPServer) throws -> [String: String] {
        var pages: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.contains(".") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .replacingOccurrences(of: "127.0.0.1:8765", with: "127.0.0.1:\(server.port)")
            let path = "/" + file
            pages[path] = text
            server.set(path, .text(text, type: contentType(file)))
        }
        return pages
    }

    private static func contentType(_ file: String) -> String {
        switch URL(fileURLWithPath: file).pathExtension {
        case "xml": "application/rss+xml"
        case "atom": "application/atom+xml"
        case "json": "application/feed+json"
        default: "text/html; charset=utf-8"
        }
    }
}

struct MissingFixture: Error, CustomStringConvertible {
    var description: String
}

func require<T>(_ value: T?, _ what: String = "fixture") throws -> T {
    guard let value else { throw MissingFixture(description: "missing \(what)") }
    return value
}
