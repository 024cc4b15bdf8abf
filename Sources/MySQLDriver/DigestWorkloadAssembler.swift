import AdvisorCore

/// Builds workloads from performance_schema rows: digest groups with real sample statements where
/// the history has them, and per-thread traces from the history. Pure, so it is testable without
/// a server.
enum DigestWorkloadAssembler {
    /// The slowest complete, workload statement of each digest in the history: the sample to EXPLAIN.
    static func samples(from history: [HistoryStatement], maxTextBytes: Int?) -> [String: String] {
        var best: [String: HistoryStatement] = [:]
        for statement in history {
            guard let digest = statement.digest, !statement.mayBeTruncated(maxTextBytes: maxTextBytes),
                WorkloadStatementFilter.isWorkload(statement.sqlText)
            else { continue }
            if let known = best[digest], known.durationMs >= statement.durationMs { continue }
            best[digest] = statement
        }
        return best.mapValues(\.sqlText)
    }

    /// Digest groups. The sample is QUERY_SAMPLE_TEXT (MySQL 8), else the history's slowest statement
    /// of the digest, else the normalized DIGEST_TEXT, which is flagged in origins and counted in a
    /// diagnostic because it cannot be EXPLAINed. Groups are keyed by `fingerprint` of the sample,
    /// so digests that the caller's normalizer considers equal merge, and so do slow-log groups later.
    static func workload(
        digests: [StatementDigest], samples: [String: String], maxTextBytes: Int?, database: String, source: String,
        historyCollected: Bool, historySize: Int?, fingerprint: (String) -> Fingerprint
    ) -> Workload {
        var workload = Workload(sources: [source])
        var normalizedOnly = 0
        var skipped = 0
        for digest in digests {
            guard WorkloadStatementFilter.isWorkload(digest.digestText) else {
                skipped += 1
                continue
            }
            var origin = "performance_schema digest \(digest.digest)"
            let sample: String
            if let text = digest.querySampleText, !HistoryStatement.mayBeTruncated(text, maxTextBytes: maxTextBytes) {
                sample = text
            } else if let text = samples[digest.digest] {
                sample = text
            } else {
                sample = digest.digestText
                origin += " (normalized text only)"
                normalizedOnly += 1
            }
            let counters = digest.counters
            let rows: Int64? =
                digest.rowsSent == nil && digest.rowsAffected == nil
                ? nil : (digest.rowsSent ?? 0) + (digest.rowsAffected ?? 0)
            let group = QueryGroup(
                fingerprint: fingerprint(sample), sampleText: sample, calls: digest.calls,
                totalTimeMs: digest.totalTimeMs, minTimeMs: digest.minTimeMs, maxTimeMs: digest.maxTimeMs, rows: rows,
                database: database, origins: [origin], counters: counters)
            workload = workload.merged(with: Workload(groups: [group]))
        }
        if normalizedOnly > 0 {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: "performance_schema.events_statements_summary_by_digest",
                    message: WorkloadSourceAdvice.normalizedTextOnly(
                        historyEnabled: historyCollected, historySize: historySize),
                    count: normalizedOnly))
        }
        if skipped > 0 {
            workload.diagnostics.append(
                WorkloadDiagnostic(
                    location: "performance_schema.events_statements_summary_by_digest",
                    message: "digests of statements that are not SELECT, INSERT, UPDATE, DELETE, REPLACE, TABLE or "
                        + "WITH, or that read the server's own schemas, were left out",
                    count: skipped))
        }
        return workload.sorted()
    }

    /// One trace per thread, statements in EVENT_ID order. Times are the server start plus
    /// TIMER_START (performance_schema timers count picoseconds from server start), so they share
    /// one offset error of up to a second (Uptime's resolution) while gaps between them are exact.
    static func sessions(
        from history: [HistoryStatement], serverStartEpoch: Double?, fingerprint: inout FingerprintMemo
    ) -> [SessionTrace] {
        var seen = Set<[Int64]>()
        var byThread: [Int64: [HistoryStatement]] = [:]
        // events_statements_history and _history_long overlap: the same event can be in both.
        for statement in history where seen.insert([statement.threadID, statement.eventID]).inserted {
            guard WorkloadStatementFilter.isWorkload(statement.sqlText) else { continue }
            byThread[statement.threadID, default: []].append(statement)
        }
        return byThread.keys.sorted().map { thread in
            let events = byThread[thread, default: []].sorted { $0.eventID < $1.eventID }.map { statement in
                SessionEvent(
                    fingerprintID: fingerprint(statement.sqlText).id,
                    time: serverStartEpoch.flatMap { start in statement.timerStart.map { start + Double($0) / 1e12 } },
                    durationMs: statement.durationMs,
                    rows: statement.rowsSent.map { $0 + (statement.rowsAffected ?? 0) })
            }
            return SessionTrace(session: "performance_schema thread \(thread)", events: events)
        }
    }
}
