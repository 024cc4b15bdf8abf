import AdvisorCore
import Foundation
import TestSupport
import Testing

@testable import LogParsing

/// The dev server writes every event to a stderr, a csv and a json log at once; one workload run
/// through psql must read the same from all three.
@Suite(.enabled(if: ServerEnvironment.serverTestsEnabled))
struct ServerLogTests {
    @Test func stderrCsvAndJsonLogsOfOneRunGiveTheSameGroupsAndSessionSequence() throws {
        let dsn = try ServerEnvironment.value("DBADVISOR_PG_ADMIN_DSN")
        let logDir = try ServerEnvironment.value("DBADVISOR_PG_LOG_DIR")
        // Letters only: libpg_query's fingerprint ignores digits in table names (partitions group together),
        // so a numbered name would join the groups of earlier runs in the shared log.
        let table = "logparse_" + String((0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        var script = "CREATE TABLE \(table) (id int PRIMARY KEY, v text);\n"
        script += "INSERT INTO \(table) SELECT g, 'v' || g FROM generate_series(1, 100) g;\n"
        for id in 1...30 { script += "SELECT v FROM \(table) WHERE id = \(id);\n" }
        script += "SELECT count(*)\n  FROM \(table)\n WHERE id > 5\n   AND v <> 'x';\n"
        script += "PREPARE \(table)_p AS SELECT v FROM \(table) WHERE id = $1;\nEXECUTE \(table)_p(7);\n"
        // Over auto_explain's 20 ms: logged as a plan and as a statement, counted once.
        script += "SELECT pg_sleep(0.03), v FROM \(table) WHERE id = 2;\n"
        script += "DROP TABLE \(table);\n"
        try runPsql(dsn: dsn, script: script)

        let paths = ["postgresql", "postgresql.csv", "postgresql.json"].map { "\(logDir)/\($0)" }
        try waitUntil(
            paths.allSatisfy {
                (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("DROP TABLE \(table)") == true
            })

        var digests: [RunDigest] = []
        for path in paths {
            let workload = try WorkloadReader.readPostgresLog(path: path)
            digests.append(RunDigest(workload, marker: table))
        }
        let stderr = digests[0]
        #expect(stderr.calls["SELECT v FROM \(table) WHERE id = $1;"] == 30)
        #expect(stderr.samples.contains("SELECT v FROM \(table) WHERE id = 1;"))
        // Logged twice (auto_explain plan + statement line), counted once, with the plan attached.
        #expect(stderr.calls["SELECT pg_sleep($1), v FROM \(table) WHERE id = $2;"] == 1)
        #expect(stderr.plans.contains("SELECT pg_sleep($1), v FROM \(table) WHERE id = $2;"))
        #expect(stderr.samples.contains("SELECT count(*)\n  FROM \(table)\n WHERE id > 5\n   AND v <> 'x';"))
        // 37 statements; the digest leaves the EXECUTE out: libpg_query's fingerprint ignores the
        // prepared statement's name, so it joins the group of whichever EXECUTE the shared log held first.
        #expect(stderr.sequence.count == 36)
        #expect(digests[1] == stderr, "csvlog differs from stderr")
        #expect(digests[2] == stderr, "jsonlog differs from stderr")
    }

    private func runPsql(dsn: String, script: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("logparse-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", dsn, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f", file.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql failed running the workload")
    }

    /// The logging collector writes asynchronously; give it a few seconds.
    private func waitUntil(_ condition: @autoclosure () -> Bool) throws {
        for _ in 0..<100 {
            if condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the workload's statements did not reach all three log files")
    }
}

/// What one log format said about the marked statements: calls per normalized text and the session's order.
private struct RunDigest: Equatable {
    var calls: [String: Int] = [:]
    var samples: Set<String> = []
    var plans: Set<String> = []
    var sequence: [String] = []

    init(_ workload: Workload, marker: String) {
        var ids: [String: String] = [:]
        for group in workload.groups
        where group.fingerprint.normalized.contains(marker) && !group.fingerprint.normalized.hasPrefix("EXECUTE") {
            calls[group.fingerprint.normalized] = group.calls
            samples.insert(group.sampleText)
            if group.loggedPlan != nil { plans.insert(group.fingerprint.normalized) }
            ids[group.fingerprint.id] = group.fingerprint.normalized
        }
        for session in workload.sessions {
            let mine = session.events.compactMap { ids[$0.fingerprintID] }
            if !mine.isEmpty { sequence = mine }
        }
    }
}
