import AdvisorCore
import Foundation
import Reports
import SQLParsing
import Testing
import Yams

/// `n-plus-one` from the logs the real servers write: each sample workload is run once more over
/// one connection inside a transaction that is rolled back (the data stays as loaded), the bytes
/// the server appended to its log meanwhile are cut out, and `analyze --log/--slow-log` and
/// `digest` must find exactly the planted loops, with their parent and counts, and nothing on the
/// look-alikes (repeated UPDATEs and upserts, a cheap lookup repeated without a parent).
@Suite("n-plus-one from server logs, end to end", .enabled(if: TestServers.available), .serialized)
struct NPlusOneEndToEndTests {
    /// The n-plus-one entries of expected.yml, with the figures only this rule uses.
    struct PlantedLoop: Decodable {
        var query: String
        var rule: String
        var engines: [String]?
        var table: String?
        var parent: String?
        var repeats: Int?
        var occurrences: Int?
    }

    struct Expected: Decodable {
        var problems: [PlantedLoop]
    }

    static let cases: [(SampleSchema, ServerLog)] = SampleSchema.all.flatMap { s in ServerLog.allCases.map { (s, $0) } }

    @Test(arguments: cases)
    func analyzeFindsThePlantedLoopsInAFreshLog(schema: SampleSchema, log: ServerLog) throws {
        let slice = try freshLog(schema, log)
        let dsn =
            log.engine == "postgres"
            ? try TestServers.postgresAdmin(database: schema.name) : try TestServers.mysqlAdmin(database: schema.name)
        let run = try CLI.run(
            ["analyze", "--dsn", dsn, "--format", "json", log == .slowLog ? "--slow-log" : "--log", slice.path],
            timeout: 300)
        try #require(run.status == 0, "analyze \(schema) --log \(log) failed: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        try expectPlantedLoops(report.findings, schema: schema, engine: log.engine, source: "analyze \(log)")
    }

    @Test(arguments: cases)
    func digestFindsThePlantedLoopsFromTheLogAlone(schema: SampleSchema, log: ServerLog) throws {
        let slice = try freshLog(schema, log)
        let run = try CLI.run(["digest", "--format", "json", slice.path], timeout: 300)
        try #require(run.status == 0, "digest \(schema) \(log) failed: \(run.stderr)")
        let report = try JSONDecoder().decode(DigestReport.self, from: Data(run.stdout.utf8))
        try expectPlantedLoops(report.findings, schema: schema, engine: log.engine, source: "digest \(log)")
    }

    /// Each planted loop is one finding on its repeated query with the planted parent, every loop
    /// `repeats` long and `occurrences` of them per connection that ran the workload; no other
    /// workload query is called a loop.
    func expectPlantedLoops(_ findings: [Finding], schema: SampleSchema, engine: String, source: String) throws {
        let ids = try fingerprints(schema, engine)
        let text = try String(contentsOf: schema.directory.appendingPathComponent("expected.yml"), encoding: .utf8)
        let planted = try YAMLDecoder().decode(Expected.self, from: text).problems.filter {
            $0.rule == "n-plus-one" && ($0.engines?.contains(engine) ?? true)
        }
        try #require(!planted.isEmpty)
        let loops = findings.filter { $0.ruleID == "n-plus-one" }
        for problem in planted {
            let child = try #require(ids[problem.query])
            let found = loops.filter { $0.fingerprint == child }
            try #require(
                found.count == 1,
                "\(schema) \(source): \(problem.query) reported \(found.count) times; n-plus-one findings: \(loops.map(\.message))"
            )
            let finding = found[0]
            let loop = try #require(finding.loop)
            #expect(finding.table == problem.table)
            #expect(loop.basis == .sessionTrace)
            #expect(loop.parentFingerprint == problem.parent.flatMap { ids[$0] }, "\(schema) \(source): parent")
            #expect(loop.minRepeats == problem.repeats && loop.maxRepeats == problem.repeats, "\(finding.message)")
            #expect(loop.sessions >= 1 && loop.occurrences == (problem.occurrences ?? 0) * loop.sessions)
            #expect(loop.roundTripsSaved == loop.queries - loop.occurrences)
            #expect(finding.help?.contains("one statement") == true)
        }
        let children = Set(planted.compactMap { ids[$0.query] })
        let workload = Dictionary(ids.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for finding in loops {
            guard let fingerprint = finding.fingerprint, let id = workload[fingerprint], !children.contains(fingerprint)
            else { continue }
            Issue.record("\(schema) \(source): look-alike \(id) reported as n-plus-one: \(finding.message)")
        }
    }

    /// Fingerprint of each workload query id, as the log parsers group that engine's statements.
    func fingerprints(_ schema: SampleSchema, _ engine: String) throws -> [String: String] {
        var ids: [String: String] = [:]
        for (id, sql) in try schema.workload(engine) where ids[id] == nil {
            if engine == "postgres" {
                ids[id] = try PostgresParser.fingerprint(of: sql).id
            } else {
                ids[id] = MySQLParser.fingerprint(of: sql.hasSuffix(";") ? String(sql.dropLast()) : sql).id
            }
        }
        return ids
    }

    /// Slices already cut, by schema and log: the workload runs once per schema and engine (10 s
    /// on PostgreSQL), and its three PostgreSQL logs are cut from that one run.
    nonisolated(unsafe) private static var slices: [String: URL] = [:]
    private static let lock = NSLock()

    /// What the server appended to `log` while the schema's workload ran in a rolled-back
    /// transaction, as a temporary file (other connections' statements may be in it too).
    func freshLog(_ schema: SampleSchema, _ log: ServerLog) throws -> URL {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let slice = Self.slices["\(schema)/\(log)"] { return slice }
        let logs = ServerLog.of(log.engine)
        let run = try RecordedWorkload.replaying { try runWorkload(schema, engine: log.engine, logs: logs) }
        for (log, slice) in zip(logs, run) {
            Self.slices["\(schema)/\(log)"] = slice
        }
        return try #require(Self.slices["\(schema)/\(log)"])
    }

    /// Runs the workload of `engine` once, rolled back, and returns the slice of each of `logs`, in order.
    private func runWorkload(_ schema: SampleSchema, engine: String, logs: [ServerLog]) throws -> [URL] {
        let workload = try schema.file(engine, "workload.sql")
        let begin = engine == "postgres" ? "BEGIN;" : "START TRANSACTION;"
        return try ServerLog.slices(
            of: logs, whileRunning: "\(begin)\n\(workload)\nROLLBACK;", engine: engine, database: schema.name)
    }
}
