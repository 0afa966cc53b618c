import ChangeLog
import Foundation
import Testing

@Suite struct ChangeLogWriterTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "changelog-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func linesGoToTheirUTCDayFileWhole() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = ChangeLogWriter(directory: directory)
        let lateOn15th = Date(timeIntervalSince1970: 1_755_302_399)  // 2025-08-15T23:59:59Z
        let event = ChangeEvent(
            id: 7, time: lateOn15th, feed: "wire",
            .articleNew(ArticleNew(article: 3, story: 2, url: "https://x.example/a", title: "Line\nbreak \"quoted\"", words: 120)))
        try writer.append([
            ChangeLine(id: 7, time: lateOn15th, text: event.line),
            ChangeLine(id: 8, time: lateOn15th.addingTimeInterval(1), text: "{\"id\":8}"),
        ])
        let day15 = try String(contentsOfFile: directory + "/2025-08-15.jsonl", encoding: .utf8)
        let day16 = try String(contentsOfFile: directory + "/2025-08-16.jsonl", encoding: .utf8)
        #expect(
            day15
                == #"{"article":3,"feed":"wire","id":7,"kind":"article.new","story":2,"time":"2025-08-15T23:59:59Z","title":"Line\nbreak \"quoted\"","url":"https://x.example/a","words":120}"#
                + "\n")
        #expect(day16 == "{\"id\":8}\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(day15.utf8)) as? [String: Any]
        #expect(parsed?["title"] as? String == "Line\nbreak \"quoted\"")
    }

    @Test func aReplayAfterACrashSkipsLinesAlreadyWritten() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = ChangeLogWriter(directory: directory)
        let time = Date(timeIntervalSince1970: 1_755_216_000)
        let first = ChangeLine(id: 41, time: time, text: #"{"time":"2025-08-15T00:00:00Z","kind":"feed.error","id":41}"#)
        let second = ChangeLine(id: 42, time: time, text: #"{"time":"2025-08-15T00:00:00Z","kind":"feed.error","id":42}"#)
        try writer.append([first])
        try writer.append([first, second], skippingPresent: true)  // the store still had 41 unlogged
        let lines = try String(contentsOfFile: writer.path(for: time), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.contains("\"id\":42") == true)
    }

    @Test func anUnwritableDirectoryIsAClearError() {
        let writer = ChangeLogWriter(directory: "/proc/summitwatch-cannot-write-here")
        #expect(throws: ChangeLogWriter.WriteError.self) { try writer.append([ChangeLine(id: 1, time: Date(), text: "{}")]) }
    }
}
