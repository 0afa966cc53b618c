import Foundation

/// Where a running cycle is, for a status line a person watches (`fetch` on a terminal).
public struct CycleProgress: Sendable, Equatable {
    public var feedsDone = 0
    public var feedsTotal = 0
    public var pagesFetched = 0
    public var articlesStored = 0
    public var failures = 0
    public var started = Date()

    public init() {}

    public func articlesPerSecond(now: Date = Date()) -> Double {
        let elapsed = now.timeIntervalSince(started)
        return elapsed > 0 ? Double(articlesStored) / elapsed : 0
    }
}
