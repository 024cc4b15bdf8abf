import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Work split over the machine's cores for the steps after a log is read (findings, reports),
/// which otherwise ran on one core while the others waited.
///
/// The results never depend on the number of threads: each slice is transformed on its own and
/// the results come back in the items' order.
public enum Parallel {
    /// Threads when not told otherwise: `DBADVISOR_THREADS` (benchmarks compare 1 with more, and
    /// instruction counts are only repeatable on one), else one per core. Read once: copying the
    /// environment costs ~400k instructions, and every report array asks.
    public static let defaultThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["DBADVISOR_THREADS"], let n = Int(text), n > 0 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }()

    /// `transform` of contiguous slices of `items`, at most `threads` of them and none smaller than
    /// `minimumSlice` items (fewer items stay on this thread), concatenated in order. A slice is
    /// where per-slice state (caches) lives: `transform` must give a slice's results whatever the
    /// slices around it. (Errors come back as values: `Result` elements.)
    ///
    /// The first slice runs on this thread and each other one on a thread of its own, started
    /// here and joined before `map` returns. (`DispatchQueue.concurrentPerform` ran a map inside
    /// another map's slice on one thread: the N+1 findings, while the rules ran side by side.)
    public static func map<Item, Output>(
        _ items: [Item], threads: Int = defaultThreads, minimumSlice: Int = 1,
        _ transform: (ArraySlice<Item>) -> [Output]
    ) -> [Output] {
        let slices = max(1, min(threads, items.count / max(1, minimumSlice)))
        guard slices > 1 else { return transform(items[...]) }
        let bounds = (0...slices).map { items.count * $0 / slices }
        var outputs = [[Output]](repeating: [], count: slices)
        withoutActuallyEscaping(transform) { transform in
            let shared = Shared(items: items, transform: transform)
            outputs.withUnsafeMutableBufferPointer { slots in
                let slots = Slots(base: slots.baseAddress!)
                func run(_ k: Int) { slots.base[k] = shared.transform(shared.items[bounds[k]..<bounds[k + 1]]) }
                var started: [pthread_t] = []
                for k in 1..<slices {
                    let job = Unmanaged.passRetained(Job { run(k) })
                    if let thread = Job.start(job) {
                        started.append(thread)
                    } else {
                        // No thread to be had: the slice runs here.
                        job.takeRetainedValue().run()
                    }
                }
                run(0)
                // Joined, each thread has also let go of its job (and `transform` with it).
                for thread in started { pthread_join(thread, nil) }
            }
        }
        var out: [Output] = []
        out.reserveCapacity(outputs.reduce(0) { $0 + $1.count })
        for output in outputs { out += output }
        return out
    }

    /// A slice's work, handed to the thread that runs it.
    private final class Job {
        let run: () -> Void

        init(_ run: @escaping () -> Void) { self.run = run }

        /// A thread running `job` (whose retain it takes over), or nil when none could be started.
        static func start(_ job: Unmanaged<Job>) -> pthread_t? {
            // Glibc's pthread_t is an integer and Darwin's an optional pointer, and only Glibc
            // hands the start routine an optional context.
            #if canImport(Darwin)
                var thread: pthread_t?
            #else
                var thread = pthread_t()
            #endif
            let status = pthread_create(
                &thread, nil,
                { context in
                    Unmanaged<Job>.fromOpaque(unwrapped(context)).takeRetainedValue().run()
                    return nil
                }, job.toOpaque())
            return status == 0 ? thread : nil
        }
    }

    /// What the threads of one `map` call read; `map` returns only after they all ended.
    private struct Shared<Item, Output>: @unchecked Sendable {
        let items: [Item]
        let transform: (ArraySlice<Item>) -> [Output]
    }

    /// Each thread writes its own slot only, and the caller reads them after all ended.
    private struct Slots<Item>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Item>
    }
}

/// The start routine's context: optional in Glibc's signature, not in Darwin's.
private func unwrapped(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer { context! }
