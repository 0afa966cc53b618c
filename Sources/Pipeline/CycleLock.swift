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

    /// Whether a cycle holds the lock now, found without creating the lock file or taking the lock for long.
    public static func isHeld(databasePath: String) -> Bool {
        let descriptor = open(databasePath + ".lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
