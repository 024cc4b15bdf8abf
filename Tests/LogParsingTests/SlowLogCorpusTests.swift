import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// percona-toolkit's slow logs: every one reads without a crash, and where pt-query-digest's
/// expected report covers the whole log, our events, groups and query ids are its own.
struct SlowLogCorpusTests {
    /// Slow log → a pt-query-digest report over all of it (default grouping by fingerprint, no filter).
    static let reports: [(log: String, report: String)] = [
        ("t/lib/samples/slowlogs/slow001.txt", "slow001_report.txt"),
        ("t/lib/samples/slowlogs/slow002.txt", "json/slow002.txt"),
        ("t/lib/samples/slowlogs/slow003.txt", "slow003_report.txt"),
        ("t/lib/samples/slowlogs/slow004.txt", "slow004_report.txt"),
        ("t/lib/samples/slowlogs/slow006.txt", "slow006_report.txt"),
        ("t/lib/samples/slowlogs/slow007.txt", "slow007_explain_json_1-80.txt"),
        ("t/lib/samples/slowlogs/slow008.txt", "slow008_report.txt"),
        ("t/lib/samples/slowlogs/slow011.txt", "slow011_report.txt"),
        ("t/lib/samples/slowlogs/slow013.txt", "slow013_report.txt"),
        ("t/lib/samples/slowlogs/slow014.txt", "slow014_report.txt"),
        ("t/lib/samples/slowlogs/slow018.txt", "slow018_report.txt"),
        ("t/lib/samples/slowlogs/slow019.txt", "slow019_report.txt"),
        ("t/lib/samples/slowlogs/slow023.txt", "slow023.txt"),
        ("t/lib/samples/slowlogs/slow024.txt", "slow024.txt"),
        ("t/lib/samples/slowlogs/slow028.txt", "slow028.txt"),
        ("t/lib/samples/slowlogs/slow032.txt", "slow032.txt"),
        ("t/lib/samples/slowlogs/slow033.txt", "slow033-untl-1d.txt"),
        ("t/lib/samples/slowlogs/slow034.txt", "slow034-order-by-Locktime-sum.txt"),
        ("t/lib/samples/slowlogs/slow035.txt", "slow035.txt"),
        ("t/lib/samples/slowlogs/slow042.txt", "slow042-show-all-host.txt"),
        ("t/lib/samples/slowlogs/slow048.txt", "slow048.txt"),
        ("t/lib/samples/slowlogs/slow049.txt", "slow049.txt"),
        ("t/lib/samples/slowlogs/slow050.txt", "slow050.txt"),
        ("t/lib/samples/slowlogs/slow051.txt", "slow051.txt"),
        ("t/lib/samples/slowlogs/slow052.txt", "slow052.txt"),
        ("t/lib/samples/slowlogs/slow053.txt", "slow053.txt"),
        ("t/lib/samples/slowlogs/slow054.txt", "slow054.txt"),
        ("t/lib/samples/slowlogs/slow056.txt", "slow056.txt"),
        ("t/lib/samples/slowlogs/slow058.txt", "slow058.txt"),
        ("t/lib/samples/slowlogs/slow059.txt", "slow059_report01.txt"),
        ("t/pt-query-digest/samples/issue_1196.log", "issue_1196-output-8.0.txt"),
    ]

    /// Where we differ from pt-query-digest on purpose: (our events, our groups) and why.
    static let knownDifferences: [String: (events: Int, groups: Int, reason: String)] = [
        "slow056.txt": (
            1, 1,
            "the first entry has a header, `SET timestamp` and `use` but no statement; pt-query-digest counts it as "
                + "`/* No query */` (query id D41D8CD98F00B204E9800998ECF8427E, the MD5 of an empty fingerprint), "
                + "we report it as an entry without a statement"
        )
    ]

    @Test func theCorpusHasItsHundredSlowLogs() {
        #expect(Corpus.perconaSlowLogs.count == 100)
    }

    @Test(arguments: Corpus.perconaSlowLogs)
    func everySlowLogReadsWithoutCrashing(_ name: String) throws {
        let workload = try WorkloadReader.readLog(path: try Corpus.percona(name))
        #expect(workload.sources.count == 1)
        for group in workload.groups { #expect(group.calls > 0) }
    }

    @Test(arguments: reports)
    func eventsGroupsAndQueryIDsMatchPtQueryDigest(_ log: String, _ reportName: String) throws {
        let path = try Corpus.percona("\(Corpus.ptQueryDigestSamples)/\(reportName)")
        let report = try #require(try PtQueryDigestReport(path: path), "\(reportName) does not cover the whole log")
        let workload = try WorkloadReader.readLog(path: try Corpus.percona(log))
        let name = (log as NSString).lastPathComponent
        if let known = Self.knownDifferences[name] {
            #expect((workload.calls, workload.groups.count) == (known.events, known.groups), "\(known.reason)")
            #expect((known.events, known.groups) != (report.events, report.classes), "no longer differs: \(name)")
            return
        }
        #expect(workload.calls == report.events, "events of \(name)")
        #expect(workload.groups.count == report.classes, "groups of \(name)")
        if !report.ids.isEmpty {
            #expect(Set(workload.groups.map(\.fingerprint.id)) == report.ids, "query ids of \(name)")
        }
    }
}
