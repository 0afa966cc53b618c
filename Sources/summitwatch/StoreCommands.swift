import ArgumentParser
import ChangeLog
import Configuration
import Foundation
import Pipeline
import Store

/// `summitwatch check`: is the store sound? Exit 0 when it is, 1 when not.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store (read-only): integrity, foreign keys, schema version, lock, change log against the store; exit 0 ok, 1 not.",
        discussion: "Example: summitwatch check --config .demo/summitwatch.yaml")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config = try global.loadConfig()
        let store = try StoreOpener.open(config)
        let report: StoreCheckReport
        let logged: [(id: Int64, time: Date)]
        do {
            report = try store.check()
            logged = try store.loggedChangeIDs()
        } catch { throw CLIFailure.couldNotRun(error) }
        var problems: [String] = []
        print("store: \(config.database)")
        print("integrity: \(report.integrity.joined(separator: "; "))")
        if report.integrity != ["ok"] { problems.append("integrity_check failed") }
        print("foreign keys: \(report.foreignKeys.isEmpty ? "ok" : report.foreignKeys.joined(separator: "; "))")
        if !report.foreignKeys.isEmpty { problems.append("\(report.foreignKeys.count) foreign key violation(s)") }
        print("schema: version \(report.schemaVersion) (this build: \(report.expectedSchemaVersion)), auto_vacuum \(report.autoVacuum)")
        if report.schemaVersion != report.expectedSchemaVersion {
            problems.append("schema version \(report.schemaVersion), expected \(report.expectedSchemaVersion)")
        }
        print("lock: \(CycleLock.isHeld(databasePath: config.database) ? "held (a cycle is running)" : "free")")
        let missing = Self.missingFromLog(logged, files: ChangeLogFiles(directory: config.changelogDir))
        print(
            "change log: \(logged.count) change(s) marked written, \(missing.isEmpty ? "all" : "\(logged.count - missing.count)") found in \(config.changelogDir)"
        )
        if !missing.isEmpty { problems.append("\(missing.count) change(s) marked written are missing from the change log (first id \(missing[0]))") }
        if problems.isEmpty {
            print("ok")
        } else {
            throw CLIFailure(code: 1, message: "check failed: " + problems.joined(separator: "; "))
        }
    }

    /// Logged changes whose id is in no day file. Days retention removed from both sides are not compared.
    static func missingFromLog(_ logged: [(id: Int64, time: Date)], files: ChangeLogFiles) -> [Int64] {
        guard !logged.isEmpty else { return [] }
        let ids = files.eventIDs()
        return logged.filter { !ids.contains($0.id) }.map(\.id)
    }
}

/// `summitwatch backup FILE`: a consistent copy while the daemon runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to FILE with SQLite's online backup (consistent while the daemon writes).",
        discussion: "Example: summitwatch backup .demo/backup.db --config .demo/summitwatch.yaml")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The copy to write (replaced if present).") var file: String

    func run() async throws {
        let config = try global.loadConfig()
        let store = try StoreOpener.open(config)
        let started = Date()
        do { try store.backup(to: file) } catch { throw CLIFailure.couldNotRun(error) }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
        print("backup: \(config.database) -> \(file), \(bytes) bytes in \(String(format: "%.1f", Date().timeIntervalSince(started)))s")
    }
}

/// `summitwatch maintain`: retention, then SQLite housekeeping (the daemon does it daily).
struct MaintainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintain",
        abstract: "Apply retention, then optimize, merge the full-text index, vacuum free pages and checkpoint the WAL.",
        discussion: "Example: summitwatch maintain --config .demo/summitwatch.yaml")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Only when the last upkeep is a day old (for summitwatch-fetch.service).") var ifDue = false
    @Flag(name: .long, help: "Rewrite the whole file (VACUUM): also gives back the space of rows retention shrank; needs free disk as large as the store.")
    var vacuum = false

    func run() async throws {
        let config = try global.loadConfig()
        let store = try StoreOpener.open(config, access: .readWrite)
        let lock: CycleLock
        do { lock = try CycleLock(databasePath: config.database) } catch { throw CLIFailure.couldNotRun(error) }
        defer { withExtendedLifetime(lock) {} }
        let upkeep = StoreUpkeep(store: store, config: config)
        do {
            if ifDue, try !upkeep.isDue() { return }
            // Run by hand, so it may take the one full VACUUM an older store needs to vacuum incrementally.
            let report = try upkeep.run(convertToIncremental: true, fullVacuum: vacuum)
            let removed = report.retention
            print(
                "retention: \(removed.textsBlanked) texts blanked, \(removed.versionsDeleted) versions deleted, \(removed.changesDeleted) changes deleted, \(removed.sentencesBlanked) sentences blanked, \(report.changeLogDaysRemoved) change-log days removed"
            )
            print("store: \(report.bytesBefore) -> \(report.bytesAfter) bytes")
        } catch {
            throw CLIFailure.couldNotRun(error)
        }
    }
}
