import AdvisorCore
import Foundation
import TestSupport
import Testing

@testable import LogParsing

/// Digest summaries of corpus logs, compared with golden files byte for byte.
struct GoldenDigestTests {
    /// What a reviewer checks in a digest: groups, counts, times, sessions, diagnostics.
    struct Digest: Encodable {
        struct Group: Encodable {
            var fingerprint: String
            var normalized: String
            var sample: String
            var calls: Int
            var totalTimeMs: Double
            var minTimeMs: Double?
            var maxTimeMs: Double?
            var database: String?
            var origins: [String]
            var hasLoggedPlan: Bool
            var rows: Int64?
            var counters: ExecutionCounters?
        }

        var format: String
        var groups: [Group]
        var sessions: Int
        var sessionEvents: Int
        var diagnostics: [String]

        init(_ w: Workload) {
            // Sources name the absolute path; keep only what was detected.
            format = w.sources.first.map { s in s.firstIndex(of: "(").map { String(s[$0...]) } ?? s } ?? ""
            groups = w.groups.map {
                Group(
                    fingerprint: $0.fingerprint.id, normalized: $0.fingerprint.normalized, sample: $0.sampleText,
                    calls: $0.calls, totalTimeMs: ($0.totalTimeMs * 1000).rounded() / 1000, minTimeMs: $0.minTimeMs,
                    maxTimeMs: $0.maxTimeMs, database: $0.database, origins: $0.origins,
                    hasLoggedPlan: $0.loggedPlan != nil, rows: $0.rows, counters: $0.counters)
            }
            sessions = w.sessions.count
            sessionEvents = w.sessions.reduce(0) { $0 + $1.events.count }
            diagnostics = w.diagnostics.map(\.description)
        }
    }

    @Test(arguments: ["light.postgres.log", "multiline_param.log", "anonymize.log", "queryid.log"])
    func digestOfCorpusLogMatchesGolden(_ name: String) throws {
        let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger(name))
        try GoldenFile(name: "digest-\(name).json").assertMatches(json: Digest(workload))
    }

    @Test(arguments: ["src/go/pt-secure-collect/testdata/slow_80.log", "t/lib/samples/slowlogs/slow059.txt"])
    func digestOfCorpusSlowLogMatchesGolden(_ path: String) throws {
        let workload = try WorkloadReader.readLog(path: try Corpus.percona(path))
        try GoldenFile(name: "digest-\((path as NSString).lastPathComponent).json").assertMatches(
            json: Digest(workload))
    }

    @Test func digestOfMariaDBSlowLogMatchesGolden() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let workload = try WorkloadReader.readLog(path: try dir.write("mariadb-slow.log", SlowLogParsingTests.mariaDB))
        try GoldenFile(name: "digest-mariadb-slow.log.json").assertMatches(json: Digest(workload))
    }
}
