import Foundation
import Testing

@testable import AdvisorCore

/// `Parallel.map` gives the same results in the same order however many threads share the work.
struct ParallelTests {
    @Test func slicesComeBackInOrderWhateverTheThreads() {
        let items = Array(0..<1_003)
        let expected = items.flatMap { [$0, -$0] }
        for threads in [1, 2, 3, 8, 2_000] {
            for minimumSlice in [1, 16, 600, 5_000] {
                let mapped = Parallel.map(items, threads: threads, minimumSlice: minimumSlice) { slice in
                    slice.flatMap { [$0, -$0] }
                }
                #expect(mapped == expected, "threads \(threads), slices of at least \(minimumSlice)")
            }
        }
    }

    @Test func slicesAreContiguousAndNoSmallerThanAsked() {
        let items = Array(0..<100)
        let slices = Parallel.map(items, threads: 4, minimumSlice: 30) { slice in [slice.indices] }
        #expect(slices.count == 3)
        #expect(slices.map(\.lowerBound) == [0, 33, 66])
        #expect(slices.last?.upperBound == 100)
        #expect(slices.allSatisfy { $0.count >= 30 })
    }

    @Test func fewerItemsThanASliceStayInOneSlice() {
        #expect(Parallel.map([Int](), threads: 4) { slice in [slice.count] } == [0])
        #expect(Parallel.map([1, 2, 3], threads: 4, minimumSlice: 8) { slice in [slice.count] } == [3])
    }

    /// A map inside a map's slice (the N+1 rule's findings while the rules run side by side) still
    /// runs its slices at the same time: each slice here waits until the other one started too.
    @Test func nestedMapsRunTheirSlicesAtTheSameTime() {
        let met = Parallel.map([0, 1], threads: 2) { outer in
            outer.map { _ -> Bool in
                let started = NSCondition()
                var running = 0
                let together = Parallel.map([0, 1], threads: 2) { _ -> [Bool] in
                    started.lock()
                    defer { started.unlock() }
                    running += 1
                    started.broadcast()
                    let deadline = Date(timeIntervalSinceNow: 5)
                    while running < 2 && started.wait(until: deadline) {}
                    return [running == 2]
                }
                return together.allSatisfy { $0 }
            }
        }
        #expect(met == [true, true])
    }
}
