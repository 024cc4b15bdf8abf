import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a transformation over batches on worker threads and hands the batches back in the order
/// they were submitted, so the caller folds them exactly as a single-threaded pass would.
///
/// Each worker owns one `Context` (a fingerprint cache), touched by that worker's thread only. The
/// caller bounds memory by draining with `next()` whenever `inFlight` reaches its limit. The
/// workers stop when the pipeline is released, also when reading ended early with an error.
final class OrderedBatchPipeline<Batch: Sendable, Context> {
    /// What the workers share with the owner; the workers keep this alive, not the pipeline, so
    /// releasing the pipeline can stop them.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        let transform: @Sendable (inout Batch, inout Context) -> Void
        /// Guarded by `condition`.
        var contexts: [Context?]
        var waiting: [(sequence: Int, batch: Batch)] = []
        var finished: [Int: Batch] = [:]
        var nextSequence = 0
        var nextToHandOut = 0
        var stopping = false

        init(contexts: [Context], transform: @escaping @Sendable (inout Batch, inout Context) -> Void) {
            self.contexts = contexts
            self.transform = transform
        }

        func work(_ index: Int) {
            condition.lock()
            var context = contexts[index]!
            contexts[index] = nil
            while true {
                while waiting.isEmpty && !stopping { condition.wait() }
                if waiting.isEmpty {
                    condition.unlock()
                    return
                }
                var (sequence, batch) = waiting.removeFirst()
                condition.unlock()
                transform(&batch, &context)
                condition.lock()
                finished[sequence] = batch
                condition.broadcast()
            }
        }
    }

    private let queue: Queue

    /// Starts `contexts.count` workers.
    init(contexts: [Context], transform: @escaping @Sendable (inout Batch, inout Context) -> Void) {
        queue = Queue(contexts: contexts, transform: transform)
        HeapSettings.ensure()
        for index in contexts.indices {
            let thread = Thread { [queue] in queue.work(index) }
            // The main thread's size: libpg_query recurses on deeply nested statements.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit {
        stop()
    }

    /// Batches submitted and not yet handed back.
    var inFlight: Int {
        queue.condition.lock()
        defer { queue.condition.unlock() }
        return queue.nextSequence - queue.nextToHandOut
    }

    /// Queues `batch` for a worker.
    func submit(_ batch: Batch) {
        queue.condition.lock()
        queue.waiting.append((queue.nextSequence, batch))
        queue.nextSequence += 1
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    /// The oldest submitted batch once transformed (waits for it); nil when none is in flight.
    func next() -> Batch? {
        queue.condition.lock()
        defer { queue.condition.unlock() }
        guard queue.nextToHandOut < queue.nextSequence else { return nil }
        while queue.finished[queue.nextToHandOut] == nil { queue.condition.wait() }
        let batch = queue.finished.removeValue(forKey: queue.nextToHandOut)!
        queue.nextToHandOut += 1
        return batch
    }

    /// Lets the workers end once the queue is empty.
    func stop() {
        queue.condition.lock()
        queue.stopping = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }
}

/// Blocks of 1 MiB and more (chunk buffers, long statements) are mapped and unmapped on their own
/// rather than carved out of a heap. glibc raises that threshold (from 128 KiB up to 32 MiB) each
/// time such a block is freed, after which they come from the heap of the thread allocating them
/// and stay resident once freed on another: at 1 GB (PostgreSQL stderr, 2 workers) peak RSS was
/// 101 MB with glibc's defaults, 86 MB with the threshold fixed. (One arena for all threads,
/// `M_ARENA_MAX` 1, kept it to 88 MB, but then threads waited on its lock: the 100 MB MySQL 8 log
/// took ~25 ms longer, and the steps after reading gained nothing from running on every core.)
private enum HeapSettings {
    private static let done: Bool = {
        #if canImport(Glibc)
            // `mallopt(M_MMAP_THRESHOLD, 1 MiB)`: Swift's Glibc module leaves out <malloc.h>, so it is
            // looked up by name (a null handle is RTLD_DEFAULT; M_MMAP_THRESHOLD is -3 there).
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            if let symbol = dlsym(nil, "mallopt") { _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 1 << 20) }
        #endif
        return true
    }()

    /// Sets the allocator up once per process, before the first workers start.
    static func ensure() {
        _ = done
    }
}
