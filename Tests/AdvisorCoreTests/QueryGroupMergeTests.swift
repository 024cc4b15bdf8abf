import AdvisorCore
import Testing

@Suite("Merging query groups of several sources")
struct QueryGroupMergeTests {
    func group(_ literals: ClosedRange<Int>) -> QueryGroup {
        let texts = literals.map { "SELECT * FROM jobs WHERE job_id = \($0)" }
        var group = QueryGroup(
            fingerprint: Fingerprint(id: "f", normalized: "SELECT * FROM jobs WHERE job_id = ?"),
            sampleText: texts[0], calls: texts.count, totalTimeMs: 0)
        group.otherSamples = Array(texts.dropFirst())
        group.sampledStatements = texts.count
        return group
    }

    @Test func theOtherSamplesKeptDoNotDependOnTheOrderOfTheOtherSources() {
        let first = group(1...5)
        let (b, c) = (group(10...15), group(20...26))
        let one = first.merged(with: b).merged(with: c)
        let other = first.merged(with: c).merged(with: b)
        #expect(one.otherSamples.count == QueryGroup.maxOtherSamples)
        #expect(Set(one.otherSamples) == Set(other.otherSamples))
        #expect(one.sampledStatements == 5 + 6 + 7)
        #expect(!one.otherSamples.contains(first.sampleText))
    }

    @Test func aStableHashIsTheSameOnEveryRun() {
        #expect(StableTextHash.hash("SELECT 1") == 6_679_074_991_636_154_678)
    }

    /// The hash as defined: words of eight bytes, then the last bytes one by one into a word.
    static func referenceHash(_ text: String) -> UInt64 {
        let bytes = Array(text.utf8)
        var h = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(bytes.count) &* 0xBF58_476D_1CE4_E5B9)
        var i = 0
        while i + 8 <= bytes.count {
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            h = (h ^ word) &* 0x9FB2_1C65_1E98_DF25
            i += 8
        }
        var tail: UInt64 = 0
        for k in i..<bytes.count { tail |= UInt64(bytes[k]) << (8 * UInt64(k - i)) }
        h = (h ^ tail) &* 0x9FB2_1C65_1E98_DF25
        var z = h
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @Test func aStableHashReadsTheLastBytesOfEveryLengthAsDefined() {
        let text = "SELECT id, status FROM jobs WHERE job_id = 'é42' AND tenant = 7"
        for length in 0...text.utf8.count {
            let prefix = String(decoding: Array(text.utf8.prefix(length)), as: UTF8.self)
            #expect(StableTextHash.hash(prefix) == Self.referenceHash(prefix), "length \(length)")
        }
    }
}
