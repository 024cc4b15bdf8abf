import AdvisorCore
import Foundation
import MySQLDriver
import PostgresDriver
import Reports
import Testing

/// A server that drops the advisor's connection mid-run: `analyze` says so and still reports what
/// it could work out, instead of failing with exit 3 and nothing.
///
/// While planning, the connection is killed as it waits in an EXPLAIN: the statement calls an
/// IMMUTABLE function, which the planner runs to fold the constant, and the function waits for an
/// advisory lock the test holds; so the killer finds the EXPLAIN every time, however busy the
/// machine (watching for an EXPLAIN of the sample workload, a millisecond each between
/// BEGIN/ROLLBACK, missed them under a full test run). A table lock would not do: the catalog read
/// before planning waits for it too. What-if costing runs many HypoPG calls, each visible as the
/// backend's last statement, and is watched for them.
@Suite("analyze when the server disconnects mid-run", .enabled(if: TestServers.available), .serialized)
struct AnalyzeDisconnectTests {
    /// What the advisor was doing when its backend is terminated.
    enum Phase: String, CaseIterable, CustomStringConvertible {
        /// Plain EXPLAINs of the workload, before any HypoPG call.
        case planning
        /// EXPLAINs with hypothetical indexes.
        case whatIf = "what-if costing"

        var description: String { rawValue }

        /// The note `analyze` writes for a connection lost in this phase.
        var note: String {
            switch self {
            case .planning: "was lost while planning"
            case .whatIf: "was lost during what-if costing"
            }
        }
    }

    /// A database of the planning case's own, so its lock touches no other test.
    static let database = "dbadvisor_disconnect"
    static let lockKey = 4242

    @Test(arguments: Phase.allCases)
    func analysisGoesOnAndSaysWhenTheConnectionIsLost(phase: Phase) throws {
        let application = "dbadvisor-disconnect-\(phase.rawValue.prefix(8))"
        let dsn: String
        let workload: String
        var locker: PostgresConnection?
        if phase == .planning {
            try createLockedTableDatabase()
            dsn = try TestServers.postgresAdmin(database: Self.database) + "?application_name=\(application)"
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("disconnect-\(UUID()).sql")
            try "SELECT id FROM parcels WHERE weight_g = held(42);\n".write(
                to: file, atomically: true, encoding: .utf8)
            workload = file.path
            let admin = try PostgresConnection(
                dsn: try DataSourceName(parsing: try TestServers.postgresAdmin(database: Self.database)))
            _ = try admin.query("SELECT pg_advisory_lock(\(Self.lockKey))")
            locker = admin
        } else {
            dsn = try TestServers.postgresAdmin(database: "shop") + "?application_name=\(application)"
            workload = SampleSchema.all[0].directory.appendingPathComponent("postgres/workload.sql").path
        }
        defer {
            if phase == .planning {
                try? FileManager.default.removeItem(atPath: workload)
                locker?.close()
                _ = try? Shell.run(
                    "psql",
                    [
                        try TestServers.postgresAdmin(database: "postgres"), "-X", "-q", "-c",
                        "DROP DATABASE IF EXISTS \(Self.database) WITH (FORCE)",
                    ])
            }
        }
        let killer = BackendKiller(applicationName: application, phase: phase)
        let thread = Thread { killer.run() }
        thread.start()
        defer { killer.stop() }

        let run = try CLI.run(["analyze", "--dsn", dsn, "--format", "json", "--workload", workload], timeout: 300)
        killer.stop()
        try #require(killer.terminated, "the advisor's backend was never seen in the \(phase) phase")
        #expect(run.status == 0, "analyze must go on after the disconnect: \(run.stderr)")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        #expect(report.notes.contains { $0.contains(phase.note) }, "notes: \(report.notes)")
        #expect(!report.queries.isEmpty)
        if phase == .whatIf {
            // Planning was complete, so the suggestions still come, priced by the statistics model.
            #expect(!report.suggestions.isEmpty)
            #expect(report.estimate?.basis == .statisticsModel)
        }
    }

    /// `dbadvisor_disconnect` with a `parcels` table and `held(v)`, which returns `v` once it gets
    /// the advisory lock `lockKey`.
    private func createLockedTableDatabase() throws {
        let admin = try TestServers.postgresAdmin(database: "postgres")
        _ = try Shell.run(
            "psql", [admin, "-X", "-q", "-c", "DROP DATABASE IF EXISTS \(Self.database) WITH (FORCE)"])
        _ = try Shell.run("psql", [admin, "-X", "-q", "-c", "CREATE DATABASE \(Self.database)"])
        _ = try Shell.run(
            "psql",
            [
                try TestServers.postgresAdmin(database: Self.database), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                "CREATE TABLE parcels (id bigint PRIMARY KEY, weight_g int); "
                    + "INSERT INTO parcels SELECT g, g % 5000 FROM generate_series(1, 10000) g; ANALYZE parcels; "
                    + "CREATE FUNCTION held(v int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS "
                    + "$$BEGIN PERFORM pg_advisory_lock(\(Self.lockKey)); PERFORM pg_advisory_unlock(\(Self.lockKey)); "
                    + "RETURN v; END$$",
            ])
    }
}

/// Watches pg_stat_activity from an admin connection and terminates the advisor's backend as
/// soon as it runs a statement of the wanted phase.
final class BackendKiller: @unchecked Sendable {
    let applicationName: String
    let phase: AnalyzeDisconnectTests.Phase
    private let lock = NSLock()
    private var stopped = false
    private var killed = false

    init(applicationName: String, phase: AnalyzeDisconnectTests.Phase) {
        self.applicationName = applicationName
        self.phase = phase
    }

    var terminated: Bool { lock.withLock { killed } }

    func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    func run() {
        guard let dsn = try? TestServers.postgresAdmin(database: "postgres"),
            let parsed = try? DataSourceName(parsing: dsn)
        else { return }
        var sawHypoPG = false
        var admin: PostgresConnection?
        let deadline = Date().addingTimeInterval(300)
        while !isStopped && Date() < deadline {
            // Connected (again) as needed: under a full test run the server can refuse a connection
            // for a moment, and a watcher that gave up then never saw the phase.
            if admin == nil { admin = try? PostgresConnection(dsn: parsed) }
            guard let connection = admin else {
                Thread.sleep(forTimeInterval: 0.01)
                continue
            }
            let rows: [[String?]]
            do {
                rows = try connection.query(
                    "SELECT pid, query FROM pg_stat_activity WHERE application_name = '\(applicationName)'"
                ).rows
            } catch {
                admin = nil
                continue
            }
            for row in rows {
                guard let pid = row[0], let query = row[1] else { continue }
                sawHypoPG = sawHypoPG || query.contains("hypopg")
                let wanted =
                    switch phase {
                    case .planning: !sawHypoPG && query.hasPrefix("EXPLAIN")
                    case .whatIf: query.contains("hypopg_create_index")
                    }
                if wanted {
                    _ = try? connection.query("SELECT pg_terminate_backend(\(pid))")
                    lock.withLock { killed = true }
                    return
                }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
}

/// The same on MariaDB: the advisor's connection is killed while it waits in an EXPLAIN. A table
/// of its own is write-locked by the test, so the EXPLAIN waits for its metadata lock and the
/// killer finds it in the process list every time, however busy the machine.
@Suite("analyze on MariaDB when the server disconnects mid-run", .enabled(if: TestServers.available))
struct AnalyzeMySQLDisconnectTests {
    /// A role and a database of their own, so the killer and the lock touch no other test.
    static let user = "dbadvisor_disconnect"
    static let database = "dbadvisor_disconnect"

    @Test func analysisGoesOnAndSaysWhenTheConnectionIsLostWhilePlanning() throws {
        try TestServers.mariadb(
            "CREATE USER IF NOT EXISTS '\(Self.user)'@'%' IDENTIFIED BY 'disconnect'; "
                + "GRANT SELECT, PROCESS, SHOW VIEW ON *.* TO '\(Self.user)'@'%'; "
                + "DROP DATABASE IF EXISTS \(Self.database); CREATE DATABASE \(Self.database); "
                + "CREATE TABLE \(Self.database).parcels (id bigint PRIMARY KEY, weight_g int); "
                + "INSERT INTO \(Self.database).parcels SELECT seq, seq % 5000 FROM \(Self.database).seq_1_to_10000")
        defer { _ = try? TestServers.mariadb("DROP DATABASE IF EXISTS \(Self.database)") }
        let adminDSN = try DataSourceName(parsing: TestServers.mysqlAdmin())
        let locker = try MySQLConnection(dsn: adminDSN)
        defer { locker.close() }
        _ = try locker.query("LOCK TABLES \(Self.database).parcels WRITE")

        let workload = FileManager.default.temporaryDirectory.appendingPathComponent("disconnect-\(UUID()).sql")
        try "SELECT id FROM parcels WHERE weight_g = 42;\n".write(to: workload, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: workload) }
        let dsn =
            "mariadb://\(Self.user):disconnect@\(adminDSN.host ?? "127.0.0.1"):\(adminDSN.port ?? 3306)/\(Self.database)"
        let killer = MariaDBConnectionKiller(user: Self.user)
        let thread = Thread { killer.run() }
        thread.start()
        defer { killer.stop() }

        let run = try CLI.run(["analyze", "--dsn", dsn, "--format", "json", "--workload", workload.path], timeout: 300)
        killer.stop()
        _ = try? locker.query("UNLOCK TABLES")
        try #require(killer.terminated, "the advisor's connection was never seen waiting in an EXPLAIN")
        #expect(run.status == 0, "analyze must go on after the disconnect: \(run.stderr)")
        #expect(!run.stdout.contains("disconnect@"), "the password must not be printed")
        let report = try JSONDecoder().decode(AnalyzeReport.self, from: Data(run.stdout.utf8))
        #expect(report.notes.contains { $0.contains("was lost while planning") }, "notes: \(report.notes)")
        #expect(!report.queries.isEmpty)
    }
}

/// Watches the MariaDB process list from a root connection and kills `user`'s connection as soon
/// as it runs an EXPLAIN.
final class MariaDBConnectionKiller: @unchecked Sendable {
    let user: String
    private let lock = NSLock()
    private var stopped = false
    private var killed = false

    init(user: String) { self.user = user }

    var terminated: Bool { lock.withLock { killed } }

    func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    func run() {
        guard let dsn = try? TestServers.mysqlAdmin(),
            let admin = try? MySQLConnection(dsn: try DataSourceName(parsing: dsn))
        else { return }
        defer { admin.close() }
        let deadline = Date().addingTimeInterval(300)
        while !isStopped && Date() < deadline {
            let rows =
                (try? admin.query(
                    "SELECT id FROM information_schema.processlist WHERE user = '\(user)' AND info LIKE 'EXPLAIN%'"))?
                .rows ?? []
            if let id = rows.first?[0] {
                _ = try? admin.query("KILL CONNECTION \(id)")
                lock.withLock { killed = true }
                return
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
