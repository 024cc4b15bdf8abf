import AdvisorCore
import Foundation
import Testing

/// The log-bucket histogram: quantiles within one bucket (5%) above the exact value and never
/// outside [min, max], merging equals recording everything in one, and it survives JSON.
struct TimeDistributionTests {
    /// Times in ms spread over six orders of magnitude, deterministic.
    static func times(_ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            return 0.001 * pow(10, unit * 6)
        }
    }

    @Test func quantilesAreAtMostOneBucketAboveTheExactValue() throws {
        let values = Self.times(10_000, seed: 1)
        var distribution = TimeDistribution()
        for v in values { distribution.record(ms: v) }
        let sorted = values.sorted()
        #expect(distribution.count == values.count)
        for q in [0.5, 0.9, 0.95, 0.99, 1.0] {
            let exact = sorted[Int((q * Double(sorted.count)).rounded(.up)) - 1]
            let estimate = try #require(distribution.quantileMs(q))
            #expect(estimate >= exact, "q \(q)")
            #expect(estimate <= exact * TimeDistribution.growth * (1 + 1e-9), "q \(q): \(estimate) vs \(exact)")
        }
        #expect(distribution.quantileMs(1.0) == sorted.last)
    }

    @Test func quantilesStayWithinMinAndMax() {
        var distribution = TimeDistribution()
        for _ in 0..<100 { distribution.record(ms: 12.0) }
        #expect(distribution.quantileMs(0.95) == 12.0)
        var tiny = TimeDistribution()
        tiny.record(ms: 0)
        tiny.record(ms: 0.0001)
        #expect(tiny.quantileMs(0.99) == 0.0001)
        #expect(TimeDistribution().quantileMs(0.5) == nil)
    }

    @Test func mergingEqualsRecordingAllInOne() throws {
        let values = Self.times(3_000, seed: 2)
        var whole = TimeDistribution()
        var first = TimeDistribution()
        var second = TimeDistribution()
        for (i, v) in values.enumerated() {
            whole.record(ms: v)
            if i % 3 == 0 { first.record(ms: v) } else { second.record(ms: v) }
        }
        first.merge(second)
        #expect(first == whole)
        let decoded = try JSONDecoder().decode(TimeDistribution.self, from: JSONEncoder().encode(whole))
        #expect(decoded == whole)
    }

    /// The bucket of `ms` by its definition: the first (from 1) whose upper bound is above it.
    static func bucketByDefinition(_ ms: Double) -> Int {
        guard ms >= TimeDistribution.baseMs else { return 0 }
        var k = 1
        while k < TimeDistribution.bucketCount - 1, TimeDistribution.upperBoundMs(ofBucket: k) <= ms { k += 1 }
        return k
    }

    @Test func aTimeFallsInTheFirstBucketWhoseUpperBoundIsAboveIt() {
        // Every bound, the times just below and above it, and times between them.
        var probes: [Double] = []
        for k in 0..<TimeDistribution.bucketCount {
            let bound = TimeDistribution.upperBoundMs(ofBucket: k)
            probes += [bound.nextDown, bound, bound.nextUp, bound * 1.01, bound * 1.049]
        }
        probes += Self.times(20_000, seed: 3)
        for ms in probes {
            #expect(TimeDistribution.bucket(ofMs: ms) == Self.bucketByDefinition(ms), "\(ms) ms")
        }
    }

    @Test func timesBeyondTheBucketsFallInTheFirstOrTheLast() {
        let last = TimeDistribution.bucketCount - 1
        for ms in [0, -1, -Double.infinity, .nan, 0.000_999] { #expect(TimeDistribution.bucket(ofMs: ms) == 0) }
        for ms in [1e19, 1e300, .greatestFiniteMagnitude, .infinity] {
            #expect(TimeDistribution.bucket(ofMs: ms) == last, "\(ms) ms")
        }
        var distribution = TimeDistribution()
        distribution.record(ms: 1e300)
        #expect(distribution.quantileMs(0.5) == 1e300)
    }
}
