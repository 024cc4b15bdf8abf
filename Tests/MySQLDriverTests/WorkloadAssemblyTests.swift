import AdvisorCore
import Testing

@testable import MySQLDriver

/// Slow-log and performance_schema rows folded into workloads, without a server.
@Suite("Workload assembly")
struct WorkloadAssemblyTests {
    private func row(
        _ start: Double, thread: String, ms: Int64, sql: String, sent: Int64 = 1, examined: Int64 = 10,
        affected: Int64? = 0
    ) -> SlowLogRow {
        SlowLogRow(
            startTime: "2026-11-23 18:40:\(Int(start))", startEpoch: start, threadID: thread,
            queryTimeMicroseconds: ms * 1000, lockTimeMicroseconds: 7, rowsSent: sent, rowsExamined: examined,
            rowsAffected: affected, sqlText: sql)
    }

    @Test func slowLogRowsGroupAndTraceInStartOrder() {
        var aggregator = SlowLogAggregator(source: "t", database: "shop", fingerprint: WorkloadTestServer.fingerprint)
        // Logged in finishing order: the long statement started first but was logged last.
        aggregator.add(row(2, thread: "8", ms: 1, sql: "SELECT * FROM a WHERE id = 1"))
        aggregator.add(row(3, thread: "8", ms: 3, sql: "SELECT * FROM a WHERE id = 2"))
        aggregator.add(row(1, thread: "8", ms: 900, sql: "SELECT * FROM b", sent: 50, examined: 5000))
        aggregator.add(row(4, thread: "9", ms: 2, sql: "SELECT * FROM a WHERE id = 3", affected: nil))
        aggregator.add(row(5, thread: "9", ms: 2, sql: "SET timestamp=1"))
        let workload = aggregator.build()
        #expect(workload.groups.map(\.sampleText) == ["SELECT * FROM b", "SELECT * FROM a WHERE id = 2"])
        let a = workload.groups[1]
        #expect(a.calls == 3 && a.totalTimeMs == 6 && a.minTimeMs == 1 && a.maxTimeMs == 3 && a.rows == 3)
        #expect(a.origins == ["mysql.slow_log start_time 2026-11-23 18:40:3 thread 8"])
        #expect(
            a.counters
                == ExecutionCounters(calls: 3, rowsExamined: 30, rowsSent: 3, rowsAffected: 0, lockTimeMs: 0.021))
        let b = workload.groups[0].fingerprint.id
        #expect(workload.sessions.map(\.session) == ["8", "9"])
        #expect(workload.sessions[0].events.map(\.fingerprintID) == [b, a.fingerprint.id, a.fingerprint.id])
        #expect(workload.sessions[0].events.map(\.time) == [1, 2, 3])
        #expect(workload.diagnostics.map(\.count) == [1])
    }

    @Test func slowLogRowsNeedTheirTimes() {
        var aggregator = SlowLogAggregator(source: "t", database: "shop", fingerprint: WorkloadTestServer.fingerprint)
        aggregator.add(values: ["2026-11-23 18:40:01", "1", "4", "bogus", "00:00:00", "1", "1", "0", "SELECT 1"])
        aggregator.add(values: ["2026-11-23 18:40:01", "1", "4", "00:00:00.5", "00:00:00", "1", "1", nil, "SELECT 1"])
        let workload = aggregator.build()
        #expect(workload.groups.count == 1 && workload.groups[0].totalTimeMs == 500)
        #expect(workload.groups[0].counters?.rowsAffected == nil)
        #expect(workload.diagnostics.contains { $0.message.hasPrefix("rows with an unreadable") && $0.count == 1 })
    }

    private func digest(_ id: String, _ text: String, calls: Int, sample: String? = nil, scans: Int64 = 0)
        -> StatementDigest
    {
        let values: [String: String?] = [
            "digest": id, "digest_text": text, "count_star": "\(calls)", "sum_timer_wait": "3000000000",
            "min_timer_wait": "1000000000", "max_timer_wait": "2000000000", "sum_lock_time": "5000000",
            "sum_rows_affected": "0", "sum_rows_sent": "\(calls)", "sum_rows_examined": "40",
            "sum_created_tmp_disk_tables": "0", "sum_select_full_join": "9", "sum_select_scan": "\(scans)",
            "sum_no_index_used": "1", "sum_sort_scan": "1", "sum_sort_range": "1", "query_sample_text": sample,
        ]
        let columns = Array(values.keys)
        return StatementDigest(QueryResult(columns: columns, rows: [columns.map { values[$0]! }]).namedRows[0])!
    }

    @Test func digestCountersAreExecutionsCappedAtCalls() {
        let counters = digest("d1", "SELECT * FROM `t` WHERE `a` = ?", calls: 4, scans: 3).counters
        #expect(
            counters
                == ExecutionCounters(
                    calls: 4, rowsExamined: 40, rowsSent: 4, rowsAffected: 0, lockTimeMs: 0.005, fullScans: 3,
                    fullJoins: 4, filesorts: 2, tmpDiskTables: 0))
    }

    @Test func digestSamplesPreferRealStatementsAndFlagNormalizedText() {
        let history = [
            HistoryStatement(
                threadID: 1, eventID: 1, timerStart: 0, durationMs: 1, digest: "d1",
                sqlText: "SELECT * FROM t WHERE a = 1"),
            HistoryStatement(
                threadID: 1, eventID: 2, timerStart: 0, durationMs: 9, digest: "d1",
                sqlText: "SELECT * FROM t WHERE a = 2"),
            HistoryStatement(
                threadID: 1, eventID: 3, timerStart: 0, durationMs: 99, digest: "d1",
                sqlText: String(repeating: "x", count: 1024)),
        ]
        let samples = DigestWorkloadAssembler.samples(from: history, maxTextBytes: 1024)
        #expect(samples == ["d1": "SELECT * FROM t WHERE a = 2"])
        let workload = DigestWorkloadAssembler.workload(
            digests: [
                digest("d1", "SELECT * FROM `t` WHERE `a` = ?", calls: 2),
                digest("d2", "SELECT * FROM `u` WHERE `b` = ?", calls: 1),
                digest("d3", "SELECT * FROM `v`", calls: 1, sample: "SELECT * FROM v"),
                digest("d4", "SHOW TABLES", calls: 1),
            ],
            samples: samples, maxTextBytes: 1024, database: "shop", source: "ps", historyCollected: false,
            historySize: nil, fingerprint: WorkloadTestServer.fingerprint)
        #expect(workload.groups.count == 3)
        let bySample = Dictionary(uniqueKeysWithValues: workload.groups.map { ($0.sampleText, $0) })
        #expect(bySample["SELECT * FROM t WHERE a = 2"]?.origins == ["performance_schema digest d1"])
        #expect(bySample["SELECT * FROM v"]?.origins == ["performance_schema digest d3"])
        #expect(
            bySample["SELECT * FROM `u` WHERE `b` = ?"]?.origins
                == ["performance_schema digest d2 (normalized text only)"])
        #expect(bySample["SELECT * FROM t WHERE a = 2"]?.totalTimeMs == 3)
        let normalized = workload.diagnostics.first { $0.message.contains("cannot be EXPLAINed") }
        #expect(normalized?.count == 1)
        #expect(workload.diagnostics.contains { $0.message.hasPrefix("digests of statements that are not") })
    }

    @Test func digestsWithTheSameFingerprintMerge() {
        let workload = DigestWorkloadAssembler.workload(
            digests: [
                digest("d1", "SELECT 1 FROM t", calls: 2, sample: "SELECT 1 FROM t"),
                digest("d2", "select 1 from t", calls: 3, sample: "select 2 from T"),
            ],
            samples: [:], maxTextBytes: nil, database: "shop", source: "ps", historyCollected: true, historySize: 10,
            fingerprint: WorkloadTestServer.fingerprint)
        #expect(workload.groups.count == 1)
        #expect(workload.groups[0].calls == 5)
        #expect(workload.groups[0].origins == ["performance_schema digest d1", "performance_schema digest d2"])
        #expect(workload.groups[0].counters?.calls == 5)
    }

    @Test func historyTracesAreOrderedByEventAndDeduplicated() {
        var memo = FingerprintMemo(WorkloadTestServer.fingerprint)
        let statements = [
            HistoryStatement(
                threadID: 7, eventID: 3, timerStart: 3_000_000_000_000, durationMs: 1, rowsSent: 1, digest: "d",
                sqlText: "SELECT 2 FROM t"),
            HistoryStatement(
                threadID: 7, eventID: 2, timerStart: 2_000_000_000_000, durationMs: 1, rowsSent: 1, digest: "d",
                sqlText: "SELECT 1 FROM t"),
            HistoryStatement(
                threadID: 7, eventID: 3, timerStart: 3_000_000_000_000, durationMs: 1, rowsSent: 1, digest: "d",
                sqlText: "SELECT 2 FROM t"),
            HistoryStatement(
                threadID: 5, eventID: 9, timerStart: nil, durationMs: 1, digest: nil, sqlText: "SHOW TABLES"),
        ]
        let sessions = DigestWorkloadAssembler.sessions(from: statements, serverStartEpoch: 100, fingerprint: &memo)
        #expect(sessions.map(\.session) == ["performance_schema thread 7"])
        #expect(sessions[0].events.map(\.time) == [102, 103])
        #expect(sessions[0].events.map(\.rows) == [1, 1])
    }

    @Test func duj1FollowsPostgreSQLsAnalyze() {
        // All sampled values unique: a unique column, as many values as non-NULL rows.
        #expect(
            DistinctEstimator.estimate(sampleNonNullRows: 100, distinct: 100, singletons: 100, tableNonNullRows: 5000)
                == 5000)
        // No value seen once: the sample saw every value.
        #expect(
            DistinctEstimator.estimate(sampleNonNullRows: 100, distinct: 7, singletons: 0, tableNonNullRows: 5000) == 7)
        // n·d / ((n − f1) + f1·n/N) = 1000·300 / (800 + 200·1000/100000) = 300000 / 802 ≈ 374.06.
        #expect(
            DistinctEstimator.estimate(
                sampleNonNullRows: 1000, distinct: 300, singletons: 200, tableNonNullRows: 100_000) == 374)
        #expect(DistinctEstimator.estimate(sampleNonNullRows: 0, distinct: 0, singletons: 0, tableNonNullRows: 10) == 0)
        let sample = ColumnSample(rows: 1000, nullRows: 0, distinct: 300, singletons: 200)
        #expect(sample.statistics(tableRows: 100_000, complete: false) == (0, 374))
        #expect(sample.statistics(tableRows: 100_000, complete: true) == (0, 300))
    }

    @Test func samplingStatementsAreBoundedInRowsAndTime() {
        #expect(ColumnSampleQuery.rangeStarts(minimum: 1, maximum: 20000, count: 10).count == 10)
        #expect(ColumnSampleQuery.rangeStarts(minimum: 1, maximum: 3, count: 10) == [1, 2])
        #expect(ColumnSampleQuery.rangeStarts(minimum: 5, maximum: 5, count: 10) == [5])
        let ranges = ColumnSampleQuery(
            database: "shop", table: "or`ders", column: "status",
            plan: .keyRanges(key: "id", bounds: [1, 50], perRange: 20))
        #expect(
            ranges.sampleSQL
                == "(SELECT `status` AS v FROM `shop`.`or``ders` WHERE `id` >= 1 AND `id` < 50 ORDER BY `id` LIMIT 20)"
                + " UNION ALL (SELECT `status` AS v FROM `shop`.`or``ders` WHERE `id` >= 50 ORDER BY `id` LIMIT 20)")
        let first = ColumnSampleQuery(database: "shop", table: "t", column: "c", plan: .firstRows(limit: 100))
        #expect(
            first.sql(engine: .mariadb, timeoutSeconds: 2).hasPrefix(
                "SET STATEMENT max_statement_time = 2.000 FOR SELECT "))
        #expect(first.sql(engine: .mysql, timeoutSeconds: 2).hasPrefix("SELECT /*+ MAX_EXECUTION_TIME(2000) */ "))
        #expect(
            first.sql(engine: .mysql, timeoutSeconds: 2).contains("FROM (SELECT `c` AS v FROM `shop`.`t` LIMIT 100)"))
    }
}
