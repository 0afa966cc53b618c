import Foundation
import Store
import Testing

/// The store is ours or untouched: what opening does to files that are not (yet) a store.
@Suite struct StoreFileTests {
    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "storefile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAsItWas() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.txt"
        let bytes = Data("my notes, not a database\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        for access in [SummitStore.Access.readWrite, .readOnly] {
            #expect { try SummitStore(path: path, access: access) } throws: { error in
                (error as? StoreError)?.reason.contains("not a SummitWatch store: not an SQLite database") == true
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
    }

    @Test func readOnlyNeverCreatesAndReadWriteTakesAnEmptyFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: StoreError.self) { try SummitStore(path: folder + "/typo.db", access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/typo.db"))
        FileManager.default.createFile(atPath: folder + "/empty.db", contents: nil)
        let store = try SummitStore(path: folder + "/empty.db")
        #expect(try store.check().healthy)
        let reader = try SummitStore(path: folder + "/empty.db", access: .readOnly)
        #expect(try reader.feedStates().isEmpty)
        #expect(throws: StoreError.self) { try reader.syncFeeds([("a", "https://a.example/rss")]) }
    }

    @Test func aBackupIsAStoreThatPassesTheCheck() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SummitStore(path: folder + "/s.db")
        let feed = try store.syncFeeds([("a", "https://a.example/rss")])[0].id
        _ = try store.store(
            SummitStoreTests.write("Leaders met in Alaska for talks on a ceasefire.", url: "https://a.example/1", simhash: 7, feedID: feed, hash: "h1"),
            as: .new(joiningStory: nil), feedName: "a")
        try store.backup(to: folder + "/copy.db")
        let copy = try SummitStore(path: folder + "/copy.db", access: .readOnly)
        #expect(try copy.check().healthy)
        #expect(try copy.statistics().rows.first { $0.table == "articles" }?.count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/copy.db.partial"))
    }
}
