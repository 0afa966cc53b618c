import Foundation
import Model

/// Appends events to `<dir>/YYYY-MM-DD.jsonl` (UTC day of each event). Each line goes down in one `write(2)`
/// on an `O_APPEND` descriptor and is fsynced. A failed or short write (full disk, file size limit) is cut back
/// to the last whole line at once, and any torn tail a crash left is cut before the next append, so no line is
/// ever torn or glued to another; the cut events stay unlogged in the store for the replay. A batch goes down in
/// one write, and the file is not read back: the store's `logged` flag says what was written, except for a crash
/// between the write and the flag, which only the replay (`skippingPresent`) has to look for.
public struct ChangeLogWriter: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write change log \(path): \(reason)" }
    }

    /// - Parameter skippingPresent: for the replay of unlogged events: ids already in the file's tail are skipped.
    public func append(_ lines: [ChangeLine], skippingPresent: Bool = false) throws(WriteError) {
        guard !lines.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: "cannot create directory: \(error.localizedDescription)")
        }
        let byDay = Dictionary(grouping: lines) { ISOTime.day($0.time) }
        for day in byDay.keys.sorted() {
            try append(byDay[day]!, to: "\(directory)/\(day).jsonl", skippingPresent: skippingPresent)
        }
    }

    public func path(for date: Date) -> String { "\(directory)/\(ISOTime.day(date)).jsonl" }

    private func append(_ lines: [ChangeLine], to path: String, skippingPresent: Bool) throws(WriteError) {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // A torn tail goes first: its event was never marked logged, and must not count as present.
        let wholeEnd = try truncateToLastWholeLine(descriptor, path: path)
        let present = skippingPresent ? idsInTail(of: path) : []
        var batch: [UInt8] = []
        for entry in lines where !present.contains(entry.id) {
            batch.append(contentsOf: entry.text.utf8)
            batch.append(0x0A)
        }
        guard !batch.isEmpty else { return }
        let written = batch.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == batch.count else {
            let reason = written < 0 ? String(cString: strerror(errno)) : "short write (\(written) of \(batch.count) bytes)"
            // Nothing may follow part of a batch: cut it off now (the next append cuts it too, should this fail).
            // Every event of the batch stays unlogged, and the replay skips those a retry finds written.
            _ = ftruncate(descriptor, off_t(wholeEnd))
            throw WriteError(path: path, reason: reason)
        }
        guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Cuts the file back to just after its last newline, dropping what a failed or short write left of a line;
    /// returns the resulting size.
    private func truncateToLastWholeLine(_ descriptor: Int32, path: String) throws(WriteError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(status.st_size)
        var end = size
        var last: UInt8 = 0
        // The usual case, a file ending in a newline, costs one byte read.
        if size == 0 || (pread(descriptor, &last, 1, off_t(size - 1)) == 1 && last == 0x0A) { return size }
        var chunk = [UInt8](repeating: 0, count: 4096)
        scan: while end > 0 {
            let start = max(0, end - chunk.count)
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, end - start, off_t(start)) }
            guard count == end - start else { throw WriteError(path: path, reason: "cannot read the log's tail") }
            for index in stride(from: count - 1, through: 0, by: -1) where chunk[index] == 0x0A {
                end = start + index + 1
                break scan
            }
            end = start
        }
        if end < size, ftruncate(descriptor, off_t(end)) != 0 {
            throw WriteError(path: path, reason: "cannot cut off a torn last line: \(String(cString: strerror(errno)))")
        }
        return end
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
