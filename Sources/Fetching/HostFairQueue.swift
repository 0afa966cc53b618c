/// Waiting transfers, one FIFO per host, served round-robin so that a host with 500 queued pages
/// cannot starve the others.
struct HostFairQueue {
    private var queues: [String: [CurlTransfer]] = [:]
    private var hosts: [String] = []
    private var cursor = 0

    var isEmpty: Bool { hosts.isEmpty }
    var count: Int { queues.values.reduce(0) { $0 + $1.count } }

    mutating func append(_ transfer: CurlTransfer) {
        if queues[transfer.host] == nil { hosts.append(transfer.host) }
        queues[transfer.host, default: []].append(transfer)
    }

    /// The next transfer whose host may start one more, taking hosts in turn.
    mutating func next(where hostHasRoom: (String) -> Bool) -> CurlTransfer? {
        guard !hosts.isEmpty else { return nil }
        for step in 0..<hosts.count {
            let index = (cursor + step) % hosts.count
            let host = hosts[index]
            guard hostHasRoom(host), var queue = queues[host], !queue.isEmpty else { continue }
            let transfer = queue.removeFirst()
            if queue.isEmpty {
                queues[host] = nil
                hosts.remove(at: index)
                cursor = hosts.isEmpty ? 0 : index % hosts.count
            } else {
                queues[host] = queue
                cursor = (index + 1) % hosts.count
            }
            return transfer
        }
        return nil
    }

    mutating func removeAll() -> [CurlTransfer] {
        let all = hosts.flatMap { queues[$0] ?? [] }
        queues = [:]
        hosts = []
        cursor = 0
        return all
    }
}
