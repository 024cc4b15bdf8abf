import AdvisorCore
import Reports
import TestSupport
import Testing

/// The compiler-style text of `analyze`, snapshotted: findings with their evidence, the gain and
/// the DDL as help, suggestions, declined candidates and the footer.
@Suite struct AnalyzeReportTextTests {
    static let fingerprint = "812f3a9c0d4e"

    static var report: AnalyzeReport {
        let candidate = IndexCandidate(
            schema: "public", table: "orders", keyColumns: ["customer_id", "status", "created_at"])
        let perCall = Gain(costBefore: 41_230, costAfter: 1_204, timeSavedMs: 2_340_000, basis: .hypothetical)
        let recommendation = Recommendation(
            index: candidate, name: "orders_customer_id_status_created_at_idx", ruleIDs: ["missing-composite-index"],
            queries: [QueryGain(fingerprint: fingerprint, calls: 3_412, gain: perCall)],
            gain: Gain(
                costBefore: 41_230 * 3_412, costAfter: 1_204 * 3_412, timeSavedMs: 2_340_000, basis: .hypothetical),
            estimatedSizeBytes: 25_165_824, writeOverhead: "~1,200 writes/h on orders also update this index")
        let finding = Finding(
            ruleID: "missing-composite-index", severity: .warning,
            message: "orders scanned for (customer_id =, status =, created_at >)", table: "orders",
            fingerprint: fingerprint,
            evidence: [
                "pg_stat_statements queryid 812: 3,412 calls, 41 min total (38% of workload time)",
                "sql: SELECT * FROM orders\n WHERE customer_id = $1 AND status = $2 AND created_at > $3",
                "plan: Seq Scan on orders (est. rows=12 of 1.2M, removed by filter=1.2M)",
            ])
        let unused = Finding(
            ruleID: "unused-index", severity: .info,
            message: "orders_created_at_idx on orders has not been used since statistics were last reset",
            table: "orders", evidence: ["orders: 400,017 inserts, 0 updates, 0 deletes in the same period"],
            help: "DROP INDEX CONCURRENTLY IF EXISTS public.orders_created_at_idx;")
        return AnalyzeReport(
            server: ServerInfo(engine: .postgres, version: "15.20", label: "127.0.0.1:5432/shop"),
            sources: ["pg_stat_statements 1.10 on 127.0.0.1:5432/shop"], workloadTimeMs: 6_480_000,
            queries: [
                QuerySummary(
                    fingerprint: fingerprint, sample: "SELECT * FROM orders WHERE customer_id = $1", calls: 3_412,
                    totalTimeMs: 2_460_000, share: 0.38, origin: "pg_stat_statements queryid 812",
                    costBefore: 41_230, costAfter: 1_204),
                QuerySummary(
                    fingerprint: "aa", sample: "SET search_path = public", calls: 10, totalTimeMs: 1, share: 0,
                    origin: nil, skipped: "not a query (utility or session statement)"),
            ],
            findings: [finding, unused],
            suggestions: [
                SuggestedIndex(
                    recommendation: recommendation,
                    createStatement:
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_status_created_at_idx ON public.orders (customer_id, status, created_at);",
                    files: ["migrations/20261123170000_orders_customer_id_status_created_at_idx.up.sql"])
            ],
            declined: [
                DeclinedCandidate(
                    index: IndexCandidate(schema: "public", table: "orders", keyColumns: ["customer_id"]),
                    reason: "redundant with existing index orders_customer_id_idx")
            ],
            estimate: WorkloadEstimate(
                basis: .hypothetical, costBefore: 140_700_000, costAfter: 4_200_000, whatIfCalls: 42),
            diagnostics: [WorkloadDiagnostic(location: "pg_stat_statements", message: "3 statements hidden", count: 1)],
            notes: ["gains come from HypoPG hypothetical indexes"])
    }

    @Test func textReadsLikeACompilerDiagnostic() throws {
        try GoldenFile(name: "analyze.txt").assertMatches(Self.report.text)
    }

    /// The fixture with a finding whose text holds Markdown and HTML markup characters.
    static var reportWithMarkup: AnalyzeReport {
        var report = report
        report.findings.append(
            Finding(
                ruleID: "non-sargable-predicate", severity: .warning,
                message:
                    "orders.created_at: function date() on column, so no index can serve the predicate (400k rows read)",
                table: "orders", fingerprint: "bb",
                evidence: [
                    "workload.sql:7: 80 calls, 4.3 s total (11% of workload time)",
                    "sql: SELECT count(*) AS n, sum(total) FROM orders WHERE date(created_at) = '2025-01-18' AND note <> 'a|b'",
                    "plan: Parallel Seq Scan on orders (est. rows=833 of 400k, filter: (date(created_at) = '2025-01-18'::date))",
                ],
                help:
                    "compare the bare column with a half-open range: created_at >= '<day>' AND created_at < '<day>' + 1 day"
            ))
        return report
    }

    @Test func markdownEscapesTheTextAndFencesTheSQL() throws {
        try GoldenFile(name: "analyze.md").assertMatches(Self.reportWithMarkup.document.markdown)
    }

    @Test func htmlIsOneStandalonePageWithEveryTextEscaped() throws {
        let html = Self.reportWithMarkup.document.html
        try GoldenFile(name: "analyze.html").assertMatches(html)
        #expect(!html.contains("'<day>'"))
        #expect(!html.contains("<script"))
    }

    @Test func worstSeverityDecidesTheExitCode() {
        #expect(Self.report.worstSeverity == .warning)
    }
}
