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

    /// A log format a dev server writes, and the file it appends to.
    enum Log: String, CaseIterable, CustomStringConvertible {
        case stderr = "postgresql"
        case csv = "postgresql.csv"
        case json = "postgresql.json"
        case slowLog = "slow.log"

        var description: String { rawValue }
        var engine: String { self == .slowLog ? "mysql" : "postgres" }

        var path: String {
            let env = TestServers.environment
            if self == .slowLog { return env["DBADVISOR_MYSQL_SLOW_LOG"] ?? "" }
            return (env["DBADVISOR_PG_LOG_DIR"] ?? "") + "/" + rawValue
        }
    }

    static let cases: [(SampleSchema, Log)] = SampleSchema.all.flatMap { s in Log.allCases.map { (s, $0) } }

    @Test(arguments: cases)
    func analyzeFindsThePlantedLoopsInAFreshLog(schema: SampleSchema, log: Log) throws {
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
    func digestFindsThePlantedLoopsFromTheLogAlone(schema: SampleSchema, log: Log) throws {
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
    func freshLog(_ schema: SampleSchema, _ log: Log) throws -> URL {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let slice = Self.slices["\(schema)/\(log)"] { return slice }
        let logs = Log.allCases.filter { $0.engine == log.engine }
        let run = try RecordedWorkload.replaying { try runWorkload(schema, engine: log.engine, logs: logs) }
        for (log, slice) in zip(logs, run) {
            Self.slices["\(schema)/\(log)"] = slice
        }
        return try #require(Self.slices["\(schema)/\(log)"])
    }

    /// Runs the workload of `engine` once and returns the slice of each of `logs`, in order.
    private func runWorkload(_ schema: SampleSchema, engine: String, logs: [Log]) throws -> [URL] {
        let marker = "nplus1-e2e-\(UUID().uuidString)"
        let workload = try schema.file(engine, "workload.sql")
        let begin = engine == "postgres" ? "BEGIN;" : "START TRANSACTION;"
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("\(marker).sql")
        try "\(begin)\n\(workload)\nROLLBACK;\nSELECT '\(marker)' AS marker;\n".write(
            to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let starts = try logs.map { try size(of: $0.path) }
        if engine == "postgres" {
            let dsn = try TestServers.postgresAdmin(database: schema.name)
            try Shell.run(
                "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-d", dsn, "-f", script.path])
        } else {
            try TestServers.mariadb(database: schema.name, file: script.path)
        }
        return try zip(logs, starts).map { log, start in try slice(log, from: start, upTo: marker) }
    }

    /// The bytes of `log` from `start` once they contain `marker`, as a temporary file.
    private func slice(_ log: Log, from start: UInt64, upTo marker: String) throws -> URL {
        // The PostgreSQL logging collector writes asynchronously: wait for the marker.
        let deadline = Date().addingTimeInterval(30)
        while true {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: log.path))
            defer { try? handle.close() }
            try handle.seek(toOffset: start)
            let data = handle.readDataToEndOfFile()
            if String(decoding: data, as: UTF8.self).contains(marker) {
                let slice = FileManager.default.temporaryDirectory.appendingPathComponent("\(marker).\(log.rawValue)")
                try data.write(to: slice)
                return slice
            }
            guard Date() < deadline else {
                throw Shell.Failure(description: "\(log.path): the workload's statements did not reach the log in 30 s")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    private func size(of path: String) throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
