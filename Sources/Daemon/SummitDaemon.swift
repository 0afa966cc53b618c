import ChangeLog
import Configuration
import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Store

/// The long-running service: runs a cycle whenever a feed is due, sleeps until the next one, tells systemd
/// it is ready and alive, writes metrics, and stops cleanly on SIGTERM/SIGINT (the cycle in flight finishes
/// its current writes; nothing stored is lost).
public struct SummitDaemon: Service {
    let context: PipelineContext
    let notifier: SystemdNotifier

    public init(context: PipelineContext, notifier: SystemdNotifier = SystemdNotifier()) {
        self.context = context
        self.notifier = notifier
    }

    public func run() async throws {
        let cycle = FetchCycle(context: context)
        let logger = context.logger
        var totals = MetricsFile.Totals()
        notifier.notify("READY=1\nSTATUS=starting first cycle")
        logger.notice("daemon started: \(context.config.feeds.count) feeds, database \(context.config.database)")
        let watchdog = Task { await keepWatchdogFed() }
        defer { watchdog.cancel() }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if let report = await runOneCycle(cycle) {
                totals.add(report)
                writeMetrics(report, totals)
                notifier.notify("STATUS=last cycle \(ISOTime.format(report.finished)): \(report.newArticles) new, \(report.updatedArticles) updated, \(report.failedFeeds) feeds failing")
            }
            let pause = sleepDuration()
            logger.debug("next cycle in \(Int(pause))s")
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pause)) }
            } catch {
                break
            }
        }
        notifier.notify("STOPPING=1")
        logger.notice("daemon stopping")
    }

    private func runOneCycle(_ cycle: FetchCycle) async -> CycleReport? {
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
                context.logger.info("cycle: \(feeds) feeds, \(report.newArticles) new, \(report.updatedArticles) updated, \(report.duplicates) duplicates, \(report.failedFeeds) failed")
            }
            return report
        } catch {
            context.logger.error("cycle failed: \(error)")
            return nil
        }
    }

    /// Until the earliest feed is due, between one second and the default interval.
    private func sleepDuration() -> Double {
        let interval = context.config.schedule.interval.seconds
        guard let states = try? context.store.feedStates() else { return min(interval, 60) }
        let configured = Set(context.config.feeds.map(\.name))
        let nextDue = states.filter { configured.contains($0.name) }.compactMap(\.nextDue).min()
        let wait = nextDue.map { $0.timeIntervalSinceNow } ?? interval
        return min(max(wait, 1), interval)
    }

    private func writeMetrics(_ report: CycleReport, _ totals: MetricsFile.Totals) {
        guard let path = context.config.metricsFile else { return }
        do {
            try MetricsFile(path: path).write(report: report, totals: totals, feeds: (try? context.store.feedStates()) ?? [])
        } catch {
            context.logger.warning("metrics file \(path): \(error)")
        }
    }

    private func keepWatchdogFed() async {
        guard let interval = SystemdNotifier.watchdogInterval() else { return }
        while !Task.isCancelled {
            notifier.notify("WATCHDOG=1")
            try? await Task.sleep(for: interval / 2)
        }
    }
}

extension SummitDaemon {
    /// Runs the daemon under a ServiceGroup that turns SIGTERM and SIGINT into a graceful shutdown.
    public static func runUntilStopped(context: PipelineContext) async throws {
        let group = ServiceGroup(configuration: .init(services: [.init(service: SummitDaemon(context: context))],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: context.logger))
        try await group.run()
    }
}
