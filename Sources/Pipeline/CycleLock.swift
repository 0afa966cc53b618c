import Foundation

/// An exclusive lock beside the database (`<database>.lock`, flock): one cycle at a time per store, whether
/// the daemon or a manual `fetch` runs it. Released when the value is dropped or the process dies.
public final class CycleLock: Sendable {
    public struct Busy: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "another cycle holds the lock \(path) (is the daemon running?)" }
    }

    private let descriptor: Int32
    public let path: String

    public init(databasePath: String) throws {
        path = databasePath + ".lock"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Busy(path: path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw Busy(path: path)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
