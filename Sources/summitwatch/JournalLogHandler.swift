import Foundation
import Logging

/// Log lines for journald: under systemd (`JOURNAL_STREAM` names stderr) each line on stderr starts with its syslog
/// priority, `<3>` error … `<7>` debug, which journald reads as the entry's priority (sd-daemon(3)); the
/// journal adds the time and unit itself, so the line is just the level and the message.
struct JournalLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = "<\(Self.priority(event.level))>\(event.level.rawValue): \(event.message)\(extra)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when stderr is the stream systemd named in `JOURNAL_STREAM` ("device:inode"), not merely a
    /// descendant's inherited variable with stderr redirected elsewhere (systemd.exec(5)).
    static func stderrIsJournal(_ variable: String?) -> Bool {
        guard let parts = variable?.split(separator: ":"), parts.count == 2,
            let device = UInt64(parts[0]), let inode = UInt64(parts[1])
        else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }
}
