import Foundation
import Model

/// Appends events to `<dir>/YYYY-MM-DD.jsonl` (UTC day of each event). Each line goes down in one `write(2)`
/// on an `O_APPEND` descriptor and is fsynced, so a crash can lose the line being written but never leave half
/// of one. Events already present (same id, after a crash between writing and marking them logged) are skipped.
public struct ChangeLogWriter: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write change log \(path): \(reason)" }
    }

    public func append(_ lines: [ChangeLine]) throws(WriteError) {
        guard !lines.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: "cannot create directory: \(error.localizedDescription)")
        }
        let byDay = Dictionary(grouping: lines) { ISOTime.day($0.time) }
        for day in byDay.keys.sorted() {
            try append(byDay[day]!, to: "\(directory)/\(day).jsonl")
        }
    }

    public func path(for date: Date) -> String { "\(directory)/\(ISOTime.day(date)).jsonl" }

    private func append(_ lines: [ChangeLine], to path: String) throws(WriteError) {
        let present = idsInTail(of: path)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        for entry in lines where !present.contains(entry.id) {
            let line = Array((entry.text + "\n").utf8)
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else {
                throw WriteError(path: path, reason: written < 0 ? String(cString: strerror(errno)) : "short write")
            }
        }
        guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Ids of the events in the last 256 KiB of the file: enough to cover any cycle cut short by a crash.
    private func idsInTail(of path: String) -> Set<Int64> {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 262_144 ? size - 262_144 : 0)
        guard let data = try? handle.readToEnd() else { return [] }
        var ids: Set<Int64> = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let range = line.range(of: "\"id\":") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let id = Int64(digits) { ids.insert(id) }
        }
        return ids
    }
}

/// One stored event, ready for the log: its id in the `changes` table, its time and its JSON text.
public struct ChangeLine: Sendable, Equatable {
    public var id: Int64
    public var time: Date
    public var text: String
    public init(id: Int64, time: Date, text: String) {
        self.id = id
        self.time = time
        self.text = text
    }
}
