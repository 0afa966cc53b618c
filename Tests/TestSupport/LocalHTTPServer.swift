import FlyingFox
import Foundation
import Synchronization

/// A real HTTP server on 127.0.0.1 (an ephemeral port) for tests: routes are set and changed while it runs,
/// and every request is recorded so tests can check what the client sent.
public final class LocalHTTPServer: Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        public init(status: Int = 200, headers: [String: String] = [:], body: Data = Data()) {
            self.status = status
            self.headers = headers
            self.body = body
        }
        public static func text(_ text: String, type: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            var all = headers
            all["Content-Type"] = type
            return Reply(status: status, headers: all, body: Data(text.utf8))
        }
    }

    public struct RecordedRequest: Sendable {
        public var path: String
        public var headers: [String: String]
    }

    public typealias Responder = @Sendable (HTTPRequest) async throws -> HTTPResponse

    private let server: HTTPServer
    private let runTask: Task<Void, Error>
    private let routes = Mutex<[String: Reply]>([:])
    private let dynamic = Mutex<[String: Responder]>([:])
    private let requests = Mutex<[RecordedRequest]>([])
    public let port: UInt16

    private init(server: HTTPServer, runTask: Task<Void, Error>, port: UInt16) {
        self.server = server
        self.runTask = runTask
        self.port = port
    }

    public static func start() async throws -> LocalHTTPServer {
        let box = Mutex<LocalHTTPServer?>(nil)
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled,
            handler: ClosureHTTPHandler { request in
                guard let me = box.withLock({ $0 }) else { return HTTPResponse(statusCode: .serviceUnavailable) }
                return try await me.respond(request)
            })
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else { throw CocoaError(.featureUnsupported) }
        let instance = LocalHTTPServer(server: server, runTask: task, port: port)
        box.withLock { $0 = instance }
        return instance
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func set(_ path: String, _ reply: Reply) { routes.withLock { $0[path] = reply } }

    public func set(_ path: String, responder: @escaping Responder) { dynamic.withLock { $0[path] = responder } }

    public func remove(_ path: String) { routes.withLock { $0[path] = nil } }

    /// Requests received so far for a path (query ignored), in order.
    public func requests(to path: String) -> [RecordedRequest] { requests.withLock { $0.filter { $0.path == path } } }

    public var requestCount: Int { requests.withLock { $0.count } }

    public func stop() async {
        await server.stop()
        runTask.cancel()
    }

    private func respond(_ request: HTTPRequest) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        requests.withLock { $0.append(RecordedRequest(path: request.path, headers: headers)) }
        if let responder = dynamic.withLock({ $0[request.path] }) { return try await responder(request) }
        guard let reply = routes.withLock({ $0[request.path] }) else { return HTTPResponse(statusCode: .notFound) }
        var responseHeaders = HTTPHeaders()
        for (name, value) in reply.headers { responseHeaders[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: "Status"), headers: responseHeaders, body: reply.body)
    }
}

/// Temporary folders for real SQLite files and change logs, removed when the test is done.
public struct TemporaryFolder: ~Copyable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "summitwatch-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
