import ChangeLog
import Configuration
import Foundation
import Logging
import Model
import Pipeline
import ServiceLifecycle
import Store
import Synchronization
import UnixSignals

/// The long-running service: runs a cycle whenever a feed is due, sleeps until the next one, tells systemd
/// it is ready and alive, writes metrics, reloads its config on SIGHUP, and stops cleanly on SIGTERM/SIGINT
/// (the cycle in flight finishes its current writes; nothing stored is lost).
public struct SummitDaemon: Service {
    public typealias Reloader = @Sendable () throws -> PipelineContext

    let initial: PipelineContext
    let notifier: SystemdNotifier
    /// Builds a context from the config file again; nil when the daemon has nothing to reload from.
    let reloader: Reloader?
    private let reload = ReloadRequest()

    public init(context: PipelineContext, notifier: SystemdNotifier = SystemdNotifier(), reloader: Reloader? = nil) {
        self.initial = context
        self.notifier = notifier
        self.reloader = reloader
    }

    /// Asks for the config to be read again before the next cycle (what SIGHUP does); the daemon wakes for it.
    public func requestReload() { reload.request() }

    public func run() async throws {
        var context = initial
        var cycle = FetchCycle(context: context)
        var totals = MetricsFile.Totals()
        var storeStatistics: (taken: Date, value: StoreStatistics)?
        notifier.notify("READY=1\nSTATUS=starting first cycle")
        context.logger.notice("daemon started: \(context.config.feeds.count) feeds, database \(context.config.database)")
        let watchdog = Task { [store = context.store] in await keepWatchdogFed(store) }
        let hangups = Task { [reload, reloader] in
            guard reloader != nil else { return }
            for await _ in await UnixSignalsSequence(trapping: .sighup) { reload.request() }
        }
        defer {
            watchdog.cancel()
            hangups.cancel()
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if reload.take(), let reloaded = reloadContext(current: context) {
                context = reloaded
                cycle = FetchCycle(context: reloaded)
            }
            if let report = await runOneCycle(cycle, context) {
                totals.add(report)
                // Row counts scan whole tables: a year's store takes a fraction of a second, so they are
                // refreshed every ten minutes rather than after every (jitter-spread, often one-feed) cycle.
                if storeStatistics.map({ Date().timeIntervalSince($0.taken) > 600 }) ?? true, let fresh = try? context.store.statistics() {
                    storeStatistics = (Date(), fresh)
                }
                writeMetrics(report, totals, storeStatistics?.value, context)
                writeReports(report, context)
                notifier.notify(
                    "STATUS=last cycle \(ISOTime.format(report.finished)): \(report.newArticles) new, \(report.updatedArticles) updated, \(report.failedFeeds) feeds failing"
                )
            }
            let pause = sleepDuration(context)
            context.logger.debug("next cycle in \(Int(pause))s")
            do {
                try await cancelWhenGracefulShutdown { try await sleep(pause) }
            } catch {
                break
            }
        }
        notifier.notify("STOPPING=1")
        context.logger.notice("daemon stopping")
    }

    /// Sleeps in slices of at most a second so a reload request is acted on at once.
    private func sleep(_ seconds: Double) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(seconds)
        while clock.now < deadline, !reload.isRequested {
            try await Task.sleep(for: min(.seconds(1), deadline - clock.now))
        }
    }

    /// The new context, or nil (keeping the running one) when the config is now invalid or the store unusable.
    private func reloadContext(current: PipelineContext) -> PipelineContext? {
        guard let reloader else { return nil }
        notifier.notify("RELOADING=1")
        defer { notifier.notify("READY=1") }
        do {
            let reloaded = try reloader()
            current.fetcher.shutdown()
            reloaded.logger.notice("config reloaded: \(reloaded.config.feeds.count) feeds")
            return reloaded
        } catch {
            current.logger.error("config reload failed, keeping the running config: \(error)")
            return nil
        }
    }

    private func runOneCycle(_ cycle: FetchCycle, _ context: PipelineContext) async -> CycleReport? {
        let lock: CycleLock
        do {
            lock = try CycleLock(databasePath: context.config.database)
        } catch {
            context.logger.notice("\(error); cycle postponed")
            return nil
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            let report = try await cycle.run(.init(onlyDue: true))
            let feeds = report.feeds.count
            if feeds > 0 {
                context.logger.info(
                    "cycle: \(feeds) feeds, \(report.newArticles) new, \(report.updatedArticles) updated, \(report.duplicates) duplicates, \(report.failedFeeds) failed"
                )
            }
            runUpkeepIfDue(context)
            return report
        } catch {
            context.logger.error("cycle failed: \(error)")
            return nil
        }
    }

    /// Until the earliest feed is due, between one second and the default interval.
    private func sleepDuration(_ context: PipelineContext) -> Double {
        let interval = context.config.schedule.interval.clamped(to: ConfigRanges.interval).seconds
        guard let states = try? context.store.feedStates() else { return min(interval, 60) }
        let configured = Set(context.config.feeds.map(\.name))
        let nextDue = states.filter { configured.contains($0.name) }.compactMap(\.nextDue).min()
        let wait = nextDue.map { $0.timeIntervalSinceNow } ?? interval
        return min(max(wait, 1), interval)
    }

    /// Retention and compaction once a day, under the cycle lock the caller holds.
    private func runUpkeepIfDue(_ context: PipelineContext) {
        let upkeep = StoreUpkeep(store: context.store, config: context.config)
        do {
            guard try upkeep.isDue() else { return }
            notifier.notify("STATUS=daily upkeep: retention, optimize, vacuum")
            let report = try upkeep.run()
            let removed = report.retention
            context.logger.notice(
                "upkeep: \(removed.textsBlanked) texts blanked, \(removed.versionsDeleted) versions and \(removed.changesDeleted) changes deleted, \(removed.sentencesBlanked) sentences blanked, \(report.changeLogDaysRemoved) change-log days removed; store \(report.bytesBefore) -> \(report.bytesAfter) bytes"
            )
        } catch {
            context.logger.error("upkeep failed (retried after the next cycle): \(error)")
        }
    }

    private func writeMetrics(_ report: CycleReport, _ totals: MetricsFile.Totals, _ store: StoreStatistics?, _ context: PipelineContext) {
        guard let path = context.config.metricsFile else { return }
        do {
            try MetricsFile(path: path).write(
                report: report, totals: totals, feeds: (try? context.store.feedStates()) ?? [],
                store: store)
        } catch {
            context.logger.warning("metrics file \(path): \(error)")
        }
    }

    private func writeReports(_ report: CycleReport, _ context: PipelineContext) {
        guard let directory = context.config.reportDir else { return }
        do {
            try DailyReportFiles(directory: directory, store: context.store).write(after: report.finished)
        } catch {
            context.logger.warning("report \(directory): \(error)")
        }
    }

    /// Feeds systemd's watchdog only while the store answers, so a wedged database gets the daemon restarted.
    private func keepWatchdogFed(_ store: SummitStore) async {
        guard let interval = SystemdNotifier.watchdogInterval() else { return }
        while !Task.isCancelled {
            if store.ping() { notifier.notify("WATCHDOG=1") }
            try? await Task.sleep(for: interval / 2)
        }
    }
}

extension SummitDaemon {
    /// Runs the daemon under a ServiceGroup that turns SIGTERM and SIGINT into a graceful shutdown; SIGHUP reloads.
    public static func runUntilStopped(context: PipelineContext, reloader: Reloader? = nil) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: SummitDaemon(context: context, reloader: reloader))],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: context.logger))
        try await group.run()
    }
}

/// A pending "read the config again", set from the signal task and taken by the run loop.
final class ReloadRequest: Sendable {
    private let flag = Atomic<Bool>(false)
    func request() { flag.store(true, ordering: .releasing) }
    var isRequested: Bool { flag.load(ordering: .acquiring) }
    func take() -> Bool { flag.exchange(false, ordering: .acquiringAndReleasing) }
}
