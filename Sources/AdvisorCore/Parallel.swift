import Dispatch
import Foundation

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
                DispatchQueue.concurrentPerform(iterations: slices) { k in
                    slots.base[k] = shared.transform(shared.items[bounds[k]..<bounds[k + 1]])
                }
            }
        }
        var out: [Output] = []
        out.reserveCapacity(outputs.reduce(0) { $0 + $1.count })
        for output in outputs { out += output }
        return out
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
