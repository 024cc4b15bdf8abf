import Foundation

/// Execution times of one query group as a log-bucket histogram: fixed memory whatever the number
/// of calls, mergeable, and good for approximate quantiles (p95, p99).
///
/// The buckets are pt-query-digest's: bucket 0 holds everything below 1 µs, bucket k ≥ 1 holds
/// [1 µs · 1.05^(k-1), 1 µs · 1.05^k), and the last one everything above (about 1.4e12 s). A quantile
/// is the upper bound of the bucket that holds it, clamped to the observed min and max, so it is at
/// most 5% above the exact value (and never below it, nor outside [min, max]). Counts are kept
/// for the occupied range of buckets only, which is a few hundred bytes for a typical group and at
/// most `bucketCount` × 8 bytes.
public struct TimeDistribution: Codable, Equatable, Hashable, Sendable {
    /// Number of buckets (pt-query-digest's).
    public static let bucketCount = 1_000
    /// Lower bound of bucket 1, in ms (1 µs).
    public static let baseMs = 0.001
    /// Ratio between consecutive bucket bounds.
    public static let growth = 1.05

    /// Index of the first bucket in `counts`.
    public private(set) var offset: Int
    /// Counts of buckets `offset…offset + counts.count - 1`.
    public private(set) var counts: [UInt64]
    /// Smallest and largest recorded times in ms (exact); nil while empty.
    public private(set) var minMs: Double?
    public private(set) var maxMs: Double?

    /// An empty distribution.
    public init() {
        offset = 0
        counts = []
    }

    /// Calls recorded.
    public var count: Int { counts.reduce(0) { $0 + Int($1) } }

    /// The bucket of a time in ms: the first whose upper bound is above it (any time, even an
    /// infinite one, at most the last bucket; below 1 µs or not a number, bucket 0).
    public static func bucket(ofMs ms: Double) -> Int {
        guard ms >= baseMs else { return 0 }
        let table = bucketTable
        guard ms < table.upperBounds[bucketCount - 2] else { return bucketCount - 1 }
        // At most two bounds lie in one slot of the table, so this steps at most twice.
        var index = Int(table.firstBucket[Int(ms.bitPattern >> BucketTable.slotShift) - table.firstSlot])
        while table.upperBounds[index] <= ms { index += 1 }
        return index
    }

    /// The upper bound of bucket `index` in ms.
    public static func upperBoundMs(ofBucket index: Int) -> Double {
        bucketTable.upperBounds[index]
    }

    /// Computed once: `pow` per bound, and a logarithm per recorded call, showed in profiles.
    private static let bucketTable = BucketTable()

    /// The buckets' upper bounds, and where to start looking for a time's bucket by the top bits
    /// of its binary representation: its exponent and first four mantissa bits (a slot, a range
    /// of times whose largest is less than 1.0625 times its smallest, so it holds at most two
    /// bounds, 1.05 apart).
    private struct BucketTable: Sendable {
        static let slotShift: UInt64 = 48
        let upperBounds: [Double]
        /// The bucket of each slot's smallest time, from the slot of `baseMs` on.
        let firstBucket: [Int16]
        let firstSlot: Int

        init() {
            let bounds = (0..<TimeDistribution.bucketCount).map { baseMs * pow(growth, Double($0)) }
            upperBounds = bounds
            // The first bucket whose upper bound is above `ms` (a binary search, once per slot).
            func bucket(_ ms: Double) -> Int {
                var low = 1
                var high = bucketCount - 1
                while low < high {
                    let middle = (low + high) / 2
                    if bounds[middle] > ms { high = middle } else { low = middle + 1 }
                }
                return low
            }
            let first = Int(baseMs.bitPattern >> Self.slotShift)
            let last = Int(bounds[bucketCount - 2].bitPattern >> Self.slotShift)
            firstSlot = first
            firstBucket = (first...last).map { slot in
                let smallest = Double(bitPattern: UInt64(slot) << Self.slotShift)
                return Int16(bucket(Swift.max(smallest, baseMs)))
            }
        }
    }

    /// Records one execution time in ms.
    public mutating func record(ms: Double) {
        add(bucket: Self.bucket(ofMs: ms), count: 1)
        minMs = Swift.min(minMs ?? ms, ms)
        maxMs = Swift.max(maxMs ?? ms, ms)
    }

    /// Adds another distribution's calls (the distribution of both sets of executions).
    public mutating func merge(_ other: TimeDistribution) {
        for (k, c) in other.counts.enumerated() where c > 0 { add(bucket: other.offset + k, count: c) }
        if let low = other.minMs { minMs = Swift.min(minMs ?? low, low) }
        if let high = other.maxMs { maxMs = Swift.max(maxMs ?? high, high) }
    }

    /// The approximate `q`-quantile (0…1) in ms: the upper bound of the bucket holding the
    /// ⌈q·n⌉-th smallest time, clamped to [min, max]; nil when empty.
    public func quantileMs(_ q: Double) -> Double? {
        let total = count
        guard total > 0, let minMs, let maxMs else { return nil }
        let rank = Swift.max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (k, c) in counts.enumerated() {
            seen += Int(c)
            if seen >= rank {
                let bound = Self.upperBoundMs(ofBucket: offset + k)
                return Swift.min(Swift.max(bound, minMs), maxMs)
            }
        }
        return maxMs
    }

    private mutating func add(bucket: Int, count: UInt64) {
        if counts.isEmpty {
            offset = bucket
            counts = [count]
            return
        }
        if bucket < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - bucket), at: 0)
            offset = bucket
        } else if bucket >= offset + counts.count {
            counts.append(contentsOf: repeatElement(0, count: bucket - offset - counts.count + 1))
        }
        counts[bucket - offset] &+= count
    }
}
