import AdvisorCore
import RuleEngine
import Testing

/// `QueryLoopDetector` on hand-written traces: what counts as one loop, and what ends one.
@Suite struct QueryLoopDetectorTests {
    static let roles: [String: StatementRole] = [
        "parent": .read, "lookup": .lookup, "other-lookup": .lookup, "write": .write, "begin": .utility,
    ]

    func detector(minRepeats: Int = 5, maxGapMs: Double = 1000) -> QueryLoopDetector {
        QueryLoopDetector(minRepeats: minRepeats, maxGapMs: maxGapMs)
    }

    /// Events 1 ms apart from `start`, each 0.1 ms long; `pause` entries (fingerprint "") add 5 s.
    func trace(_ session: String, _ steps: [(String, Int, Int64?)], start: Double = 1_000) -> SessionTrace {
        var time = start
        var events: [SessionEvent] = []
        for (fingerprint, count, rows) in steps {
            if fingerprint.isEmpty {
                time += 5
                continue
            }
            for _ in 0..<count {
                events.append(SessionEvent(fingerprintID: fingerprint, time: time, durationMs: 0.1, rows: rows))
                time += 0.001
            }
        }
        return SessionTrace(session: session, events: events)
    }

    @Test func aLookupRepeatedAfterAReadIsOneLoopWithItsParent() throws {
        var detector = detector()
        detector.consume(trace("7", [("parent", 1, 20), ("lookup", 20, 3), ("write", 1, 1)]))
        let loop = try #require(detector.loops.first)
        #expect(detector.loops.count == 1)
        #expect(loop.parentFingerprint == "parent" && loop.repeatedFingerprint == "lookup")
        #expect(loop.occurrences == 1 && loop.queries == 20 && loop.sessions == 1)
        #expect(abs(loop.timeMs - 2.0) < 1e-9)
        #expect(loop.example?.session == "7" && loop.example?.parentRows == 20 && loop.example?.startTime == 1_000)
    }

    @Test func runsOfOnePairAddUpAcrossSessionsAndKeepTheLargestAsExample() throws {
        var detector = detector()
        detector.consume(
            trace("1", [("parent", 1, nil), ("lookup", 6, nil), ("", 0, nil), ("parent", 1, nil), ("lookup", 9, nil)]))
        detector.consume(trace("2", [("parent", 1, nil), ("lookup", 7, nil)]))
        let loop = try #require(detector.loops.first)
        #expect(loop.occurrences == 3 && loop.queries == 22 && loop.sessions == 2)
        #expect(loop.minRepeats == 6 && loop.maxRepeats == 9)
        #expect(loop.example?.session == "1" && loop.example?.repeats == 9)
    }

    @Test func fewerRepeatsThanTheThresholdAreNoLoop() {
        var detector = detector(minRepeats: 5)
        detector.consume(trace("1", [("parent", 1, nil), ("lookup", 4, nil)]))
        #expect(detector.loops.isEmpty)
    }

    @Test func aRunWithoutAParentReadIsNoLoop() {
        var detector = detector()
        // At the start of the session, and after a write (it returns no rows to iterate).
        detector.consume(trace("1", [("lookup", 8, nil), ("write", 1, nil), ("lookup", 8, nil)]))
        #expect(detector.loops.isEmpty)
    }

    @Test func aParentThatReturnedFewerRowsThanTheRunIsNotItsSource() {
        var detector = detector()
        detector.consume(trace("1", [("parent", 1, 3), ("lookup", 10, nil)]))
        #expect(detector.loops.isEmpty)
    }

    @Test func aPauseLongerThanTheGapEndsTheRun() {
        var detector = detector(maxGapMs: 1000)
        // 4 + 4 lookups split by a 5 s pause: neither half reaches 5, and the second has no parent.
        detector.consume(trace("1", [("parent", 1, nil), ("lookup", 4, nil), ("", 0, nil), ("lookup", 4, nil)]))
        #expect(detector.loops.isEmpty)
        var patient = self.detector(maxGapMs: 10_000)
        patient.consume(trace("1", [("parent", 1, nil), ("lookup", 4, nil), ("", 0, nil), ("lookup", 4, nil)]))
        #expect(patient.loops.map(\.queries) == [8])
    }

    @Test func transactionStatementsAreTransparentButOtherStatementsEndTheRun() {
        var detector = detector()
        detector.consume(
            trace(
                "1", [("parent", 1, nil), ("begin", 1, nil), ("lookup", 3, nil), ("begin", 1, nil), ("lookup", 3, nil)])
        )
        #expect(detector.loops.map(\.queries) == [6])
        var interrupted = self.detector()
        interrupted.consume(
            trace("1", [("parent", 1, nil), ("lookup", 3, nil), ("other-lookup", 1, nil), ("lookup", 3, nil)]))
        #expect(interrupted.loops.isEmpty)
    }

    @Test func anUnknownStatementEndsTheRunAndIsNoParent() {
        var detector = detector()
        detector.consume(trace("1", [("parent", 1, nil), ("lookup", 3, nil), ("unknown", 1, nil), ("lookup", 6, nil)]))
        #expect(detector.loops.isEmpty)
    }

    @Test func repeatedWritesAreNeverALoop() {
        var detector = QueryLoopDetector(minRepeats: 5, maxGapMs: 1000)
        detector.consume(trace("1", [("claim", 1, 100), ("upsert", 100, 1)])) { $0 == "upsert" ? .write : .read }
        #expect(detector.loops.isEmpty)
    }

    /// Statements arriving one by one from interleaved connections give the loops of the
    /// connections' own traces, and a connection idle longer than max_gap_ms is closed (its loop
    /// counted) while the log goes on, so open connections do not pile up.
    @Test func interleavedStatementsGiveEachConnectionsLoopsAndIdleConnectionsAreClosed() throws {
        let first = trace("1", [("parent", 1, 20), ("lookup", 6, 1)])
        let second = trace("2", [("parent", 1, 20), ("lookup", 8, 1)], start: 1_000.0005)
        var whole = detector()
        whole.consume(first)
        whole.consume(second)
        var streaming = detector()
        let events = (first.events.map { ("1", $0) } + second.events.map { ("2", $0) }).sorted {
            ($0.1.time ?? 0) < ($1.1.time ?? 0)
        }
        for (session, event) in events {
            streaming.consume(event, role: Self.roles[event.fingerprintID], session: session)
        }
        // Another connection keeps the log going for over 65,536 statements, 10 s later.
        for n in 0..<70_000 {
            let event = SessionEvent(fingerprintID: "write", time: 1_010 + Double(n) / 1e4, durationMs: 0.01)
            streaming.consume(event, role: .write, session: "3")
        }
        #expect(streaming.loops.first?.occurrences == 2, "the idle connections' runs are counted before the end")
        streaming.finish()
        let loop = try #require(streaming.loops.first)
        #expect(streaming.loops.count == 1 && whole.loops.count == 1)
        #expect((loop.occurrences, loop.queries, loop.sessions) == (2, 14, 2))
        #expect(loop == whole.loops.first)
    }

    @Test func rolesComeFromTheShape() {
        let table = [TableReference(name: "t")]
        let key = ColumnPredicate(column: ColumnReference(table: "t", column: "id"), kind: .equality, op: "=")
        #expect(StatementRole(QueryShape(kind: .select, tables: table, predicates: [key])) == .lookup)
        #expect(StatementRole(QueryShape(kind: .select, tables: table)) == .read)
        #expect(StatementRole(QueryShape(kind: .select)) == .utility)
        #expect(StatementRole(QueryShape(kind: .update, tables: table, predicates: [key])) == .write)
        #expect(StatementRole(QueryShape(kind: .other)) == .utility)
        #expect(StatementRole(nil) == nil)
    }
}

extension QueryLoopDetector {
    /// A whole trace with the roles of `QueryLoopDetectorTests.roles`.
    mutating func consume(_ trace: SessionTrace) {
        consume(trace) { QueryLoopDetectorTests.roles[$0] }
    }
}
