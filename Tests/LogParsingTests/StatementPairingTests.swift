import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// How log events that describe one execution are paired, so each execution counts once.
struct StatementPairingTests {
    let p = "2026-01-01 10:00:00.000 UTC [42] app@shop "

    @Test func logStatementLineAndLaterBareDurationAreOneTimedCall() throws {
        let w = try readLog(
            """
            \(p)LOG:  statement: SELECT * FROM t WHERE id = 1
            \(p)LOG:  duration: 2.500 ms
            \(p)LOG:  statement: SELECT * FROM t WHERE id = 2
            """)
        let g = try #require(w.group("FROM t"))
        #expect(g.calls == 2)
        #expect(g.totalTimeMs == 2.5)
        #expect(g.minTimeMs == 2.5)
    }

    /// Connection 7's statement is logged first but timed last: the group's sample and normalized
    /// text both come from that earliest line (the normalized text came from the execution timed
    /// first, so it could name another IN-list length than the sample beside it, and which one
    /// depended on where the log was cut into chunks).
    @Test func normalizedTextIsTheOneOfTheSamplesLine() throws {
        let q = "2026-01-01 10:00:00.000 UTC [8] app@shop "
        let w = try readLog(
            """
            \(p)LOG:  statement: SELECT id FROM t WHERE a IN (1, 2)
            \(q)LOG:  statement: SELECT id FROM t WHERE a IN (1, 2, 3)
            \(q)LOG:  duration: 1.000 ms
            \(p)LOG:  duration: 2.000 ms
            """)
        let g = try #require(w.group("FROM t"))
        #expect(g.calls == 2)
        #expect(g.sampleText == "SELECT id FROM t WHERE a IN (1, 2)")
        #expect(g.fingerprint.normalized == "SELECT id FROM t WHERE a IN ($1, $2)")
    }

    @Test func planBeforeItsStatementLineCountsOnceAndAttaches() throws {
        let w = try readLog(
            """
            \(p)LOG:  duration: 30.000 ms  plan:
            \t{
            \t  "Query Text": "SELECT * FROM t WHERE id = 1",
            \t  "Plan": {"Node Type": "Seq Scan", "Relation Name": "t", "Total Cost": 10.5, "Plan Rows": 1}
            \t}
            \(p)LOG:  duration: 31.000 ms  statement: SELECT * FROM t WHERE id = 1
            """)
        let g = try #require(w.group("FROM t"))
        #expect(g.calls == 1)
        #expect(g.totalTimeMs == 31)
        #expect(g.loggedPlan?.root.relation == "t")
    }

    @Test func planWithoutStatementLineIsTheExecution() throws {
        let w = try readLog(
            """
            \(p)LOG:  duration: 30.000 ms  plan:
            \t{"Query Text": "SELECT * FROM t WHERE id = 1", "Plan": {"Node Type": "Seq Scan", "Relation Name": "t"}}
            \(p)LOG:  duration: 40.000 ms  plan:
            \t{"Query Text": "SELECT * FROM t WHERE id = 2", "Plan": {"Node Type": "Seq Scan", "Relation Name": "t"}}
            """)
        let g = try #require(w.group("FROM t"))
        #expect(g.calls == 2)
        #expect(g.totalTimeMs == 70)
        #expect(g.loggedPlan != nil)
    }

    @Test func planAfterAnExecuteLineAttachesWithoutCounting() throws {
        let w = try readLog(
            """
            \(p)LOG:  duration: 0.100 ms  parse <unnamed>: SELECT * FROM t WHERE id = $1
            \(p)LOG:  duration: 0.100 ms  bind <unnamed>: SELECT * FROM t WHERE id = $1
            \(p)DETAIL:  parameters: $1 = '7'
            \(p)LOG:  duration: 25.000 ms  execute <unnamed>: SELECT * FROM t WHERE id = $1
            \(p)DETAIL:  parameters: $1 = '7'
            \(p)LOG:  duration: 24.000 ms  plan:
            \t{"Query Text": "SELECT * FROM t WHERE id = $1", "Plan": {"Node Type": "Index Scan", "Relation Name": "t"}}
            """)
        let g = try #require(w.group("FROM t"))
        #expect(g.calls == 1)
        #expect(g.totalTimeMs == 25)
        #expect(g.sampleText == "SELECT * FROM t WHERE id = '7'")
        #expect(g.loggedPlan?.root.nodeType == "Index Scan")
        #expect(w.diagnostics.isEmpty)
    }

    @Test func nonWorkloadLinesAreSkippedSilently() throws {
        let w = try readLog(
            """
            2026-01-01 10:00:00.000 UTC [7] LOG:  checkpoint starting: time
            \(p)LOG:  connection authorized: user=app database=shop
            \(p)ERROR:  relation "nope" does not exist at character 15
            \(p)STATEMENT:  SELECT * FROM nope
            2026-01-01 10:00:00.000 UTC [8] LOG:  automatic vacuum of table "shop.public.t": index scans: 0
            \tpages: 0 removed, 1 remain
            """)
        #expect(w.groups.isEmpty)
        #expect(w.diagnostics.isEmpty)
    }

    @Test func sessionTracesKeepOrderPerConnectionAndStopAtTheCap() throws {
        var log = ""
        for i in 0..<4 {
            log += "2026-01-01 10:00:0\(i).000 UTC [1] a@d LOG:  duration: 1.0 ms  statement: SELECT \(i) FROM a\n"
            log += "2026-01-01 10:00:0\(i).000 UTC [2] a@d LOG:  duration: 1.0 ms  statement: SELECT \(i) FROM b\n"
        }
        let full = try readLog(log)
        #expect(full.sessions.map(\.session) == ["1", "2"])
        #expect(full.sessions[0].events.map(\.time) == [1_767_261_600, 1_767_261_601, 1_767_261_602, 1_767_261_603])
        let capped = try readLog(log, maxTraceEvents: 5)
        #expect(capped.calls == 8)
        #expect(capped.sessions.reduce(0) { $0 + $1.events.count } == 5)
        #expect(capped.diagnostics.contains { $0.message.contains("N+1 evidence is truncated") && $0.count == 3 })
    }

    @Test func reusedPidAfterDisconnectionIsANewSession() throws {
        let w = try readLog(
            """
            \(p)LOG:  duration: 1.0 ms  statement: SELECT 1
            \(p)LOG:  disconnection: session time: 0:00:00.010 user=app database=shop host=[local]
            \(p)LOG:  duration: 1.0 ms  statement: SELECT 2
            """)
        #expect(w.sessions.map(\.session) == ["42", "42#1"])
    }

    @Test func unparsableStatementsStillCountGroupedByNormalizedText() throws {
        let w = try readLog(
            """
            \(p)LOG:  duration: 1.0 ms  statement: SELEKT 1 FROM t
            \(p)LOG:  duration: 2.0 ms  statement: selekt 2   FROM t
            """)
        #expect(w.groups.count == 1)
        #expect(w.groups.first?.calls == 2)
        #expect(w.groups.first?.fingerprint.normalized == "selekt ? from t")
        #expect(w.diagnostics.first?.count == 2)
    }
}
