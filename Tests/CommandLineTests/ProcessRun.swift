import Foundation

/// Runs the built binary on a thread of its own and awaits it. Waiting for a child process blocks a thread; done on
/// Swift's cooperative pool (two threads on a two-core machine), two such waits starve the in-process FlyingFox
/// servers the child is talking to, and the child hangs until its timeouts.
enum ProcessRun {
    static func run(_ arguments: [String]) async throws -> CommandLineTests.Run {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try CommandLineTests.run(arguments)) } catch { continuation.resume(throwing: error) }
            }
            thread.start()
        }
    }
}
