import Glibc
import Synchronization

/// The CPU-bound stages of the pipe, as the cycle report accounts their time.
public enum PipelineStage: String, CaseIterable, Sendable, Codable {
    case feedParse = "feed_parse"
    case extract
    case fingerprint
    case entities
    case store
    case changeLog = "change_log"
}

/// CPU time spent in each stage, summed over the threads that ran it. Each measured step is synchronous, so the
/// calling thread's CPU clock (CLOCK_THREAD_CPUTIME_ID) sees exactly its cost, whatever else the process does.
final class StageClock: Sendable {
    private let totals = Mutex<[PipelineStage: Double]>([:])

    func measure<T, E: Error>(_ stage: PipelineStage, _ work: () throws(E) -> T) throws(E) -> T {
        let started = Self.threadCPU()
        defer {
            let spent = Self.threadCPU() - started
            totals.withLock { $0[stage, default: 0] += spent }
        }
        return try work()
    }

    var seconds: [PipelineStage: Double] { totals.withLock { $0 } }

    private static func threadCPU() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
