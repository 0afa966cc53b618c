import Foundation
import GRDB

@testable import Store

/// A store file as an older SummitWatch left it: migrated up to `migration`, then filled by `sql`, and closed,
/// so that opening it with `SummitStore` runs the later migrations over real rows.
struct OlderStore: ~Copyable {
    let folder: String
    var path: String { folder + "/summitwatch.db" }

    init(upTo migration: String, _ sql: String) throws {
        folder = NSTemporaryDirectory() + "store-older-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: folder + "/summitwatch.db")
        try Schema.migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: sql) }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
