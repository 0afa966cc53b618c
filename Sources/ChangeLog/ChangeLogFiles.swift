import Foundation
import Model

/// The change log's day files as a whole, for `check` and retention (the writer only ever appends).
public struct ChangeLogFiles: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The days present, oldest first (`YYYY-MM-DD`).
    public func days() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && $0.count == "YYYY-MM-DD.jsonl".count }.map { String($0.prefix(10)) }.sorted()
    }

    /// Every event id in the day files (each line's `"id"`).
    public func eventIDs() -> Set<Int64> {
        var ids: Set<Int64> = []
        for day in days() {
            guard let text = try? String(contentsOfFile: "\(directory)/\(day).jsonl", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let range = line.range(of: "\"id\":") else { continue }
                if let id = Int64(line[range.upperBound...].prefix { $0.isNumber }) { ids.insert(id) }
            }
        }
        return ids
    }

    /// Deletes the day files wholly older than `cutoff`; returns how many went.
    @discardableResult
    public func removeDays(before cutoff: Date) -> Int {
        let lastKept = ISOTime.day(cutoff)
        var removed = 0
        for day in days() where day < lastKept {
            if (try? FileManager.default.removeItem(atPath: "\(directory)/\(day).jsonl")) != nil { removed += 1 }
        }
        return removed
    }
}
