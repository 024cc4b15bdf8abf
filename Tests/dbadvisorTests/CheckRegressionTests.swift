import Foundation
import Testing

/// `dbadvisor check --dsn … --workload …` against the real servers: on a private copy of the shop
/// sample, a migration adding a good index passes and shows the improvement, and one dropping an
/// index a workload query needs fails at the DROP statement's line.
@Suite("check: workload regression", .enabled(if: TestServers.available), .serialized)
struct CheckRegressionTests {
    static let workload = """
        -- support looks a parcel up by its tracking number
        SELECT id, status FROM orders WHERE tracking_number = 'JJD0000012345';

        -- the daily report
        SELECT id, total FROM orders WHERE created_at >= '2025-07-01' AND created_at < '2025-07-02';

        """

    struct Scenario {
        var engine: String
        var database: String
        var adminDSN: String
        var addIndex: [String: String]
        var dropIndex: [String: String]
        var dropLine: Int
    }

    static func scenario(_ engine: String) throws -> Scenario {
        if engine == "postgres" {
            let database = "dbadvisor_check_regression"
            return Scenario(
                engine: engine, database: database, adminDSN: try TestServers.postgresAdmin(database: database),
                addIndex: [
                    "20261123170000_orders_tracking_number.sql": """
                    -- migrate:up transaction:false
                    CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_tracking_number_idx ON orders (tracking_number);

                    -- migrate:down transaction:false
                    DROP INDEX CONCURRENTLY IF EXISTS orders_tracking_number_idx;

                    """
                ],
                dropIndex: [
                    "20261124090000_drop_orders_created_at.sql": """
                    -- migrate:up transaction:false
                    -- the report is gone, or so we think
                    DROP INDEX CONCURRENTLY IF EXISTS orders_created_at_idx;

                    -- migrate:down transaction:false
                    CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);

                    """
                ], dropLine: 3)
        }
        let database = "dbadvisor_check_regression"
        return Scenario(
            engine: engine, database: database, adminDSN: try TestServers.mysqlAdmin(database: database),
            addIndex: [
                "000002_orders_tracking_number.up.sql":
                    "ALTER TABLE orders ADD INDEX orders_tracking_number_idx (tracking_number), ALGORITHM=INPLACE, LOCK=NONE;\n",
                "000002_orders_tracking_number.down.sql": "ALTER TABLE orders DROP INDEX orders_tracking_number_idx;\n",
            ],
            dropIndex: [
                "000003_drop_orders_created_at.up.sql":
                    "SET SESSION lock_wait_timeout = 5;\nALTER TABLE orders DROP INDEX orders_created_at_idx, ALGORITHM=INPLACE, LOCK=NONE;\n"
            ], dropLine: 2)
    }

    @Test(arguments: ["postgres", "mysql"])
    func goodIndexPassesWithItsGainAndDroppingANeededIndexFails(engine: String) throws {
        let scenario = try Self.scenario(engine)
        try Shell.run(
            SampleSchema.root.deletingLastPathComponent().appendingPathComponent("scripts/load-sample").path,
            ["shop", engine, "--database", scenario.database])
        defer {
            if engine == "postgres" {
                _ = try? Shell.run(
                    "psql",
                    [
                        try TestServers.postgresAdmin(database: "postgres"), "-X", "-q", "-c",
                        "DROP DATABASE IF EXISTS \(scenario.database) WITH (FORCE)",
                    ])
            } else {
                _ = try? TestServers.mariadb("DROP DATABASE IF EXISTS \(scenario.database)")
            }
        }
        let project = try CheckProject(["queries/orders.sql": Self.workload])
        defer { project.remove() }
        for (path, contents) in scenario.addIndex { try project.write("add/\(path)", contents) }
        for (path, contents) in scenario.dropIndex { try project.write("drop/\(path)", contents) }

        let add = try project.run(["--dsn", scenario.adminDSN, "--migrations", "add", "--workload", "queries"])
        #expect(add.status == 0, "\(add.stdout)\(add.stderr)")
        #expect(add.stdout.contains("2 queries planned before and after the migrations, 1 changed"), "\(add.stdout)")
        #expect(add.stdout.contains("  queries/orders.sql:2: estimated"), "\(add.stdout)")
        #expect(add.stdout.contains(" (-"), "the improvement is shown: \(add.stdout)")
        #expect(add.stdout.contains("using orders_tracking_number_idx on orders"), "\(add.stdout)")
        #expect(!add.stdout.contains("unused-new-index"))
        #expect(add.stdout.hasSuffix("check: no findings in 1 migration file\n"))

        let drop = try project.run([
            "--dsn", scenario.adminDSN, "--migrations", "drop", "--workload", "queries", "--format", "github",
        ])
        #expect(drop.status == 1, "\(drop.stdout)\(drop.stderr)")
        let dropFile = "drop/\(scenario.dropIndex.keys.first!)"
        #expect(
            drop.stdout.hasPrefix(
                "::error file=\(dropFile),line=\(scenario.dropLine),col=1,title=dbadvisor plan-regression::queries/orders.sql:5 got worse:"
            ), "\(drop.stdout)")
        #expect(drop.stdout.contains("orders now read by a full scan instead of an index"))
        #expect(drop.stdout.contains("help: keep orders_created_at_idx: queries/orders.sql:5 reads through it"))
        #expect(drop.stdout.hasSuffix("check: 1 error in 1 migration file\n"))
    }

    @Test func aMigrationTheServerRefusesIsAFindingAtItsLine() throws {
        let project = try CheckProject([
            "queries/q.sql": "SELECT 1 FROM pg_class WHERE relname = 'x';\n",
            "db/001_bad.sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS x_idx ON no_such_table (a);\n",
        ])
        defer { project.remove() }
        let run = try project.run([
            "--dsn", try TestServers.postgresAdmin(database: "postgres"), "--migrations", "db", "--workload", "queries",
        ])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("error[migration-fails]: the statement fails on the scratch server:"))
        #expect(run.stdout.contains("no_such_table"))
        #expect(run.stdout.contains("  --> db/001_bad.sql:1:1"))
    }
}

extension CheckRegressionTests {
    /// An empty scratch database is built from the migrations' own history and a seed file.
    @Test func anEmptyScratchDatabaseIsBuiltFromTheHistoryAndTheSeed() throws {
        let database = "dbadvisor_check_history"
        let admin = try TestServers.postgresAdmin(database: "postgres")
        try Shell.run("psql", [admin, "-X", "-q", "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"])
        try Shell.run("psql", [admin, "-X", "-q", "-c", "CREATE DATABASE \(database)"])
        defer {
            _ = try? Shell.run("psql", [admin, "-X", "-q", "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"])
        }
        let project = try CheckProject([
            "db/001_create_parcels.sql":
                "CREATE TABLE parcels (id bigint PRIMARY KEY, tracking_number text NOT NULL, weight_g integer);\n",
            "db/002_parcels_tracking_number.sql":
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS parcels_tracking_number_idx ON parcels (tracking_number);\n",
            "seed.sql":
                "INSERT INTO parcels SELECT i, 'P' || lpad(i::text, 9, '0'), i % 5000 FROM generate_series(1, 200000) AS i;\n",
            "queries/parcels.sql": "SELECT id, weight_g FROM parcels WHERE tracking_number = 'P000012345';\n",
        ])
        defer { project.remove() }
        let run = try project.run([
            "--dsn", try TestServers.postgresAdmin(database: database), "--migrations", "db", "--since", "1",
            "--apply-history", "--seed", "seed.sql", "--workload", "queries",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("  queries/parcels.sql:1: estimated cost"), "\(run.stdout)")
        #expect(run.stdout.contains("after:  Index Scan using parcels_tracking_number_idx on parcels"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("check: no findings in 2 migration files\n"))
    }
}
