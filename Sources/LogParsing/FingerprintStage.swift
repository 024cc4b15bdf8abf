import Foundation

/// Fingerprints the statements a parser read, in batches of whole log entries, on worker threads
/// when more than one is allowed, and hands the batches back in log order (the PostgreSQL reader;
/// slow logs are read whole on workers, see `SlowLogParser`).
///
/// Reading lines, pairing events and adding up groups stay on the caller's thread, in order. Each worker has its own cache, and a cache
/// entry is a pure function of its key, so which worker fingerprinted a statement never changes the
/// result: a parallel read equals the single-threaded one. Workers start only once a log has filled
/// a first batch, so small logs never start threads.
struct FingerprintStage<Item: Sendable> {
    /// Entries per batch by default: large enough that handing a batch over costs little.
    static var defaultBatchItems: Int { 2_048 }
    /// Statement bytes per batch (long statements make fewer entries per batch).
    static var batchBytes: Int { 2 << 20 }

    private let threads: Int
    private let batchItems: Int
    private let makeCache: () -> FingerprintCache
    private let prepare: @Sendable (inout Item, inout FingerprintCache) -> Void
    private var inline: FingerprintCache?
    private var pipeline: OrderedBatchPipeline<[Item], FingerprintCache>?
    private var pending: [Item] = []
    private var pendingBytes = 0

    /// A stage with `threads` workers (1: everything on the caller's thread) and batches of
    /// `batchItems` entries (tests make them small to cross many batch boundaries).
    init(
        threads: Int, batchItems: Int = defaultBatchItems, makeCache: @escaping () -> FingerprintCache,
        prepare: @escaping @Sendable (inout Item, inout FingerprintCache) -> Void
    ) {
        self.threads = max(1, threads)
        self.batchItems = max(1, batchItems)
        self.makeCache = makeCache
        self.prepare = prepare
    }

    /// Queues `item` (`bytes` long); returns the batches that are ready, in order, to apply now.
    mutating func add(_ item: Item, bytes: Int) -> [[Item]] {
        pending.append(item)
        pendingBytes += bytes
        guard pending.count >= batchItems || pendingBytes >= Self.batchBytes else { return [] }
        return flush(draining: false)
    }

    /// Everything still queued, prepared, in order; stops the workers.
    mutating func finish() -> [[Item]] {
        let out = flush(draining: true)
        pipeline?.stop()
        pipeline = nil
        return out
    }

    private mutating func flush(draining: Bool) -> [[Item]] {
        var batch = pending
        pending = []
        pendingBytes = 0
        if threads == 1 {
            if inline == nil { inline = makeCache() }
            for i in batch.indices { prepare(&batch[i], &inline!) }
            return batch.isEmpty ? [] : [batch]
        }
        if pipeline == nil {
            let prepare = self.prepare
            pipeline = OrderedBatchPipeline(contexts: (0..<threads).map { _ in makeCache() }) { batch, cache in
                for i in batch.indices { prepare(&batch[i], &cache) }
            }
        }
        if !batch.isEmpty { pipeline!.submit(batch) }
        var ready: [[Item]] = []
        // Keep every worker busy with one batch and one waiting, no more: memory stays bounded.
        while draining ? pipeline!.inFlight > 0 : pipeline!.inFlight > threads * 2 {
            ready.append(pipeline!.next()!)
        }
        return ready
    }
}
