/// The store could not do what was asked; carries the database path and SQLite's reason.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "store \(path): \(reason)" }
}
