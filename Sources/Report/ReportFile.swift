import Foundation

/// A report could not be written: the path and what the system said.
public struct ReportWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write report \(path): \(reason)" }
}

/// Writes a page so that a reader of `path` sees the old file or the new one, never half of one: the bytes go to
/// a temporary file in the same folder (same file system), which is then renamed over `path`.
public enum ReportFile {
    public static func write(_ html: String, to path: String) throws(ReportWriteError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let temporary = folder + "/." + URL(fileURLWithPath: path).lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportWriteError(path: path, reason: "\(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReportWriteError(path: path, reason: reason)
        }
    }
}
