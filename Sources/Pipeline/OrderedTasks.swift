/// Runs `work` on up to `window` inputs at once and hands the results back in input order. The window bounds
/// what is held in memory (pages fetched and read but not yet stored) whatever the number of feeds or items;
/// the order makes the store the same for the same input however the network interleaves.
/// Used by one task (the cycle's writer); the work itself runs on the cooperative pool, one thread per core.
final class OrderedTasks<Input: Sendable, Output: Sendable> {
    private let window: Int
    private let work: @Sendable (Input) async -> Output
    private var queued: [Input] = []
    private var queuedHead = 0
    private var running: [(input: Input, task: Task<Output, Never>)] = []
    private var runningHead = 0

    init(window: Int, work: @escaping @Sendable (Input) async -> Output) {
        self.window = max(1, window)
        self.work = work
    }

    deinit {
        for index in runningHead..<running.count { running[index].task.cancel() }
    }

    /// Inputs appended and not yet handed back (waiting or running).
    var backlog: Int { (queued.count - queuedHead) + (running.count - runningHead) }

    func append(contentsOf inputs: some Sequence<Input>) {
        queued.append(contentsOf: inputs)
        startWithinWindow()
    }

    /// The next input's result, in input order; nil when everything appended has been handed back, or when the
    /// calling task is cancelled (the daemon stopping: what is running is cancelled, nothing new starts).
    func next() async -> (Input, Output)? {
        startWithinWindow()
        guard runningHead < running.count, !Task.isCancelled else {
            cancelAll()
            return nil
        }
        let (input, task) = running[runningHead]
        runningHead += 1
        if runningHead > 256, runningHead * 2 > running.count {
            running.removeFirst(runningHead)
            runningHead = 0
        }
        let output = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        startWithinWindow()
        return (input, output)
    }

    private func startWithinWindow() {
        while running.count - runningHead < window, queuedHead < queued.count {
            let input = queued[queuedHead]
            queuedHead += 1
            let work = work
            running.append((input, Task { await work(input) }))
        }
        if queuedHead > 256, queuedHead * 2 > queued.count {
            queued.removeFirst(queuedHead)
            queuedHead = 0
        }
    }

    private func cancelAll() {
        for index in runningHead..<running.count { running[index].task.cancel() }
        running.removeAll()
        runningHead = 0
        queued.removeAll()
        queuedHead = 0
    }
}
