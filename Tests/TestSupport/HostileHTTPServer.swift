import Foundation
import Synchronization

/// A raw TCP server on 127.0.0.1 for the misbehaving peers a fetcher must survive: drips, lies about lengths,
/// endless bodies, bombs. Each connection runs its scenario on a thread of its own and writes bytes exactly
/// as told. Stops when `stop()` is called (open connections are shut down).
public final class HostileHTTPServer: Sendable {
    /// One accepted connection; the scenario reads the request head and writes whatever it likes.
    public final class Connection: Sendable {
        let descriptor: Int32
        init(descriptor: Int32) { self.descriptor = descriptor }

        /// The request line and headers (lower-cased names).
        public func readRequest() -> (path: String, headers: [String: String]) {
            var buffer = [UInt8]()
            var byte: UInt8 = 0
            while read(descriptor, &byte, 1) == 1 {
                buffer.append(byte)
                if buffer.count >= 4, buffer.suffix(4) == [13, 10, 13, 10] { break }
                if buffer.count > 65_536 { break }
            }
            let lines = String(decoding: buffer, as: UTF8.self).components(separatedBy: "\r\n")
            let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return (path, headers)
        }

        /// Writes all bytes; false once the peer has gone away.
        @discardableResult
        public func write(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }

        @discardableResult
        public func write(_ text: String) -> Bool { write(Array(text.utf8)) }
    }

    public typealias Scenario = @Sendable (Connection) -> Void

    private let listener: Int32
    public let port: UInt16
    private let stopped = Atomic<Bool>(false)
    private let open = Mutex<Set<Int32>>([])

    public init(scenario: @escaping Scenario) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw CocoaError(.featureUnsupported)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            _ = pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop(scenario) }
        thread.start()
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public var isStopped: Bool { stopped.load(ordering: .relaxed) }

    public func stop() {
        stopped.store(true, ordering: .relaxed)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for descriptor in open.withLock({ $0 }) { shutdown(descriptor, Int32(SHUT_RDWR)) }
    }

    private func acceptLoop(_ scenario: @escaping Scenario) {
        while !stopped.load(ordering: .relaxed) {
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else { if stopped.load(ordering: .relaxed) { return } else { continue } }
            open.withLock { _ = $0.insert(descriptor) }
            let thread = Thread { [self] in
                scenario(Connection(descriptor: descriptor))
                open.withLock { _ = $0.remove(descriptor) }
                close(descriptor)
            }
            thread.start()
        }
    }

    deinit { if !isStopped { stop() } }
}
