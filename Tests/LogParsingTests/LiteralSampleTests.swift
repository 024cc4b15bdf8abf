import AdvisorCore
import Testing

@testable import LogParsing

/// Log readers keep a bounded sample of each group's literal texts that does not depend on the
/// order statements come in, so the index advisor can tell a code constant from a bound value.
struct LiteralSampleTests {
    static func offered(_ texts: [String]) -> LiteralSample {
        var sample = LiteralSample()
        for text in texts { sample.offer(hash: LiteralSample.hash(text, parameters: nil)) { .string(text) } }
        return sample
    }

    @Test func theSampleIsTheSameInAnyOrderAndMergedFromParts() {
        let texts = (0..<500).map { "SELECT * FROM jobs WHERE status = 'pending' AND job_id = \($0 % 137)" }
        let whole = Self.offered(texts)
        #expect(whole.seen == 500)
        #expect(whole.entries.count == LiteralSample.capacity)
        #expect(Self.offered(texts.reversed()).entries.map(\.text) == whole.entries.map(\.text))
        var parts = Self.offered(Array(texts[300...]))
        parts.merge(Self.offered(Array(texts[..<120])))
        parts.merge(Self.offered(Array(texts[120..<300])))
        #expect(parts.seen == 500)
        #expect(parts.entries.map(\.text) == whole.entries.map(\.text))
        let others = whole.others(than: texts[0])
        #expect(others.count == QueryGroup.maxOtherSamples)
        #expect(Set(others).count == others.count && !others.contains(texts[0]))
    }

    @Test func hashesAreStableAndSeeTheParameters() {
        // Fixed values: the sample of a log must not change between runs or platforms.
        #expect(LiteralSample.hash("SELECT 1", parameters: nil) == 6_679_074_991_636_154_678)
        #expect(
            LiteralSample.hash("SELECT * FROM jobs WHERE job_id = 21", parameters: nil) == 12_490_200_269_977_990_569)
        #expect(LiteralSample.hash("", parameters: nil) != LiteralSample.hash(" ", parameters: nil))
        #expect(
            LiteralSample.hash("SELECT $1", parameters: "$1 = '7'")
                != LiteralSample.hash("SELECT $1", parameters: "$1 = '8'"))
        let text = "SELECT * FROM t WHERE id = 12345678"
        #expect(LiteralSample.hash(text, parameters: nil) != LiteralSample.hash(text + "9", parameters: nil))
    }

    @Test func slowLogGroupsSampleTheirLiteralsAndCountTheStatements() throws {
        var log = ""
        for id in 0..<40 {
            log +=
                "# Time: 2024-05-10T17:45:09.474988Z\n# User@Host: app[app] @ localhost []  Id: 7\n"
                + "# Query_time: 0.000244  Lock_time: 0.000003 Rows_sent: 0  Rows_examined: 0\n"
                + "SELECT * FROM jobs WHERE status = 'pending' AND job_id = \(id % 20);\n"
                + "# Time: 2024-05-10T17:45:09.474988Z\n# User@Host: app[app] @ localhost []  Id: 7\n"
                + "# Query_time: 0.000244  Lock_time: 0.000003 Rows_sent: 0  Rows_examined: 0\n"
                + "SELECT 1 FROM dual;\n"
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let workload = try WorkloadReader.readSlowLog(path: try dir.write("slow.log", log))
        let jobs = try #require(workload.group("jobs"))
        #expect(jobs.calls == 40 && jobs.sampledStatements == 40)
        #expect(jobs.otherSamples.count == QueryGroup.maxOtherSamples)
        #expect(jobs.otherSamples.allSatisfy { $0.contains("status = 'pending'") && $0 != jobs.sampleText })
        let constant = try #require(workload.group("dual"))
        #expect(constant.otherSamples.isEmpty && constant.sampledStatements == 40)
    }

    @Test func postgresGroupsSampleTheirBoundValues() throws {
        let p = "2026-01-01 10:00:00.000 UTC [42] app@shop "
        var log = ""
        for id in 0..<12 {
            log += "\(p)LOG:  duration: 1.0 ms  execute <unnamed>: SELECT * FROM jobs WHERE status = $1 AND id = $2\n"
            log += "\(p)DETAIL:  parameters: $1 = 'pending', $2 = '\(id % 3)'\n"
        }
        let jobs = try #require(try readLog(log).group("jobs"))
        #expect(jobs.calls == 12 && jobs.sampledStatements == 12)
        #expect(jobs.sampleText == "SELECT * FROM jobs WHERE status = 'pending' AND id = '0'")
        #expect(
            Set(jobs.otherSamples) == [
                "SELECT * FROM jobs WHERE status = 'pending' AND id = '1'",
                "SELECT * FROM jobs WHERE status = 'pending' AND id = '2'",
            ])
    }
}
