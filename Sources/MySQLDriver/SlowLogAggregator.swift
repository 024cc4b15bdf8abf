import AdvisorCore

/// Folds `mysql.slow_log` rows into a `Workload`: groups by the caller's fingerprint, counters,
/// the slowest statement of each group as its sample, and per-thread traces. Pure, so it is
/// testable without a server.
struct SlowLogAggregator {
    /// Where the rows came from, for `Workload.sources` (`mysql.slow_log on 127.0.0.1:3306/shop`).
    let source: String
    let database: String

    private struct Accumulator {
        var fingerprint: Fingerprint
        var firstSeen: Int
        var calls = 0
        var totalMicroseconds: Int64 = 0
        var minMicroseconds = Int64.max
        var maxMicroseconds = Int64.min
        var rowsSent: Int64 = 0
        var rowsExamined: Int64 = 0
        var rowsAffected: Int64?
        var lockMicroseconds: Int64 = 0
        var sample = ""
        var sampleOrigin = ""
    }

    private struct TracedEvent {
        var start: Double?
        var sequence: Int
        var event: SessionEvent
    }

    private var fingerprint: FingerprintMemo
    private var groups: [String: Accumulator] = [:]
    private var traces: [String: [TracedEvent]] = [:]
    private var rowsSeen = 0
    private var skipped = 0
    private var unreadable = 0
    private var diagnostics: [WorkloadDiagnostic] = []

    init(source: String, database: String, fingerprint: @escaping (String) -> Fingerprint) {
        self.source = source
        self.database = database
        self.fingerprint = FingerprintMemo(fingerprint)
    }

    /// Adds one row of the table (values in `SlowLogRow.selectList` order).
    mutating func add(values: [String?]) {
        guard let row = SlowLogRow(values: values) else {
            unreadable += 1
            return
        }
        add(row)
    }

    /// Adds one execution.
    mutating func add(_ row: SlowLogRow) {
        rowsSeen += 1
        guard WorkloadStatementFilter.isWorkload(row.sqlText) else {
            skipped += 1
            return
        }
        let print = fingerprint(row.sqlText)
        var group = groups[print.id] ?? Accumulator(fingerprint: print, firstSeen: rowsSeen)
        group.calls += 1
        group.totalMicroseconds += row.queryTimeMicroseconds
        group.minMicroseconds = min(group.minMicroseconds, row.queryTimeMicroseconds)
        if row.queryTimeMicroseconds > group.maxMicroseconds {
            // The slowest execution is the one worth EXPLAINing (pt-query-digest's "worst sample").
            group.maxMicroseconds = row.queryTimeMicroseconds
            group.sample = row.sqlText
            group.sampleOrigin = "mysql.slow_log start_time \(row.startTime) thread \(row.threadID)"
        }
        group.rowsSent += row.rowsSent
        group.rowsExamined += row.rowsExamined
        if let affected = row.rowsAffected { group.rowsAffected = (group.rowsAffected ?? 0) + affected }
        group.lockMicroseconds += row.lockTimeMicroseconds
        groups[print.id] = group
        traces[row.threadID, default: []].append(
            TracedEvent(
                start: row.startEpoch, sequence: rowsSeen,
                event: SessionEvent(
                    fingerprintID: print.id, time: row.startEpoch,
                    durationMs: Double(row.queryTimeMicroseconds) / 1000,
                    rows: row.rowsSent + (row.rowsAffected ?? 0))))
    }

    /// Adds a diagnostic found by the reader (a capped read, settings that stopped logging).
    mutating func addDiagnostic(_ diagnostic: WorkloadDiagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Rows added so far, workload or not.
    var rowCount: Int { rowsSeen + unreadable }

    /// The workload: groups heaviest first; one trace per thread id in start_time order (the table
    /// is in the order statements were logged, i.e. finished, which differs for overlapping ones).
    func build() -> Workload {
        var out = diagnostics
        if skipped > 0 {
            out.append(
                WorkloadDiagnostic(
                    location: "mysql.slow_log",
                    message: "statements that are not SELECT, INSERT, UPDATE, DELETE, REPLACE, TABLE or WITH, "
                        + "or that read the server's own schemas, were left out",
                    count: skipped))
        }
        if unreadable > 0 {
            out.append(
                WorkloadDiagnostic(
                    location: "mysql.slow_log", message: "rows with an unreadable query_time or lock_time were skipped",
                    count: unreadable))
        }
        let built = groups.values.sorted { $0.firstSeen < $1.firstSeen }.map { g in
            QueryGroup(
                fingerprint: g.fingerprint, sampleText: g.sample, calls: g.calls,
                totalTimeMs: Double(g.totalMicroseconds) / 1000, minTimeMs: Double(g.minMicroseconds) / 1000,
                maxTimeMs: Double(g.maxMicroseconds) / 1000, rows: g.rowsSent + (g.rowsAffected ?? 0),
                database: database, origins: [g.sampleOrigin],
                counters: ExecutionCounters(
                    calls: g.calls, rowsExamined: g.rowsExamined, rowsSent: g.rowsSent, rowsAffected: g.rowsAffected,
                    lockTimeMs: Double(g.lockMicroseconds) / 1000))
        }
        let sessions = traces.keys.sorted { (Int64($0) ?? 0, $0) < (Int64($1) ?? 0, $1) }.map { thread in
            let ordered = traces[thread, default: []].sorted {
                ($0.start ?? 0, $0.sequence) < ($1.start ?? 0, $1.sequence)
            }
            return SessionTrace(session: thread, events: ordered.map(\.event))
        }
        return Workload(groups: built, sessions: sessions, sources: [source], diagnostics: out).sorted()
    }
}
