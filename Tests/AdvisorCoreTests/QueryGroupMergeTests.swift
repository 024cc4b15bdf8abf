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
}
