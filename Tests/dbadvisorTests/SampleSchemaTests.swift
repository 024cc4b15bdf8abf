import AdvisorCore
import Foundation
import MySQLDriver
import PostgresDriver
import SQLParsing
import Testing

/// The sample schemas are consistent with themselves: every expected problem names a real workload
/// statement, and every PostgreSQL workload statement parses and groups by fingerprint.
@Suite("Sample schemas, offline")
struct SampleSchemaFileTests {
    @Test(arguments: SampleSchema.all)
    func expectedProblemsNameWorkloadQueries(schema: SampleSchema) throws {
        let expected = try schema.expected()
        #expect(expected.schema == schema.name)
        for engine in SampleSchema.engines {
            let ids = Set(try schema.workload(engine).map(\.id))
            for problem in expected.problems where problem.applies(to: engine) {
                #expect(ids.contains(problem.query), "\(schema)/\(engine): no workload query \(problem.query)")
                if let parent = problem.parent {
                    #expect(ids.contains(parent), "\(schema)/\(engine): no parent query \(parent)")
                }
            }
            for entry in expected.unfixable + expected.fine where entry.applies(to: engine) {
                #expect(ids.contains(entry.query), "\(schema)/\(engine): no workload query \(entry.query)")
            }
        }
    }

    @Test(arguments: SampleSchema.all)
    func plantsEveryKindOfProblemTheIssueAsksFor(schema: SampleSchema) throws {
        let expected = try schema.expected()
        let rules = Set(expected.problems.map(\.rule))
        for rule in ["full-table-scan", "missing-composite-index", "n-plus-one"] {
            #expect(rules.contains(rule), "\(schema) plants no \(rule)")
        }
        #expect(!expected.unfixable.isEmpty)
        #expect(expected.fine.count >= 3)
    }

    @Test(arguments: SampleSchema.all)
    func everyPostgresWorkloadStatementHasAShape(schema: SampleSchema) throws {
        let statements = try schema.workload("postgres")
        #expect(statements.count >= 20)
        for (id, sql) in statements {
            let shape = try PostgresParser.shape(of: sql)
            // Session settings (SET …) have no tables; every query the app sends does.
            #expect(shape.kind == .other || !shape.tables.isEmpty, "\(id) has no tables: \(sql)")
        }
    }

    /// Repeated executions of one query differ only in literals: one fingerprint per query id,
    /// and different queries do not collide.
    @Test(arguments: SampleSchema.all)
    func workloadFingerprintsGroupByQuery(schema: SampleSchema) throws {
        var fingerprintsByID: [String: Set<String>] = [:]
        for (id, sql) in try schema.workload("postgres") {
            fingerprintsByID[id, default: []].insert(try PostgresParser.fingerprint(of: sql).id)
        }
        for (id, fingerprints) in fingerprintsByID {
            #expect(fingerprints.count == 1, "\(id) has \(fingerprints.count) fingerprints")
        }
        let owners = Dictionary(grouping: fingerprintsByID.keys) { fingerprintsByID[$0]!.first! }
        for (fingerprint, ids) in owners {
            #expect(ids.count == 1, "queries \(ids.sorted()) share fingerprint \(fingerprint)")
        }
    }
}

/// The drivers read the catalogs of both sample schemas on the real servers `make test` loaded.
@Suite("Sample schemas on the servers", .enabled(if: TestServers.available))
struct SampleSchemaServerTests {
    func connect(_ engine: String, _ schema: SampleSchema) throws -> any DatabaseConnection {
        switch engine {
        case "postgres":
            return try PostgresConnection(dsn: DataSourceName(parsing: TestServers.postgres(database: schema.name)))
        default: return try MySQLConnection(dsn: DataSourceName(parsing: TestServers.mysql(database: schema.name)))
        }
    }

    @Test(arguments: SampleSchema.all, SampleSchema.engines)
    func catalogHasEveryTableIndexAndStatistic(schema: SampleSchema, engine: String) throws {
        let catalog = try connect(engine, schema).readSchema()
        let tables = Dictionary(uniqueKeysWithValues: catalog.tables.map { ($0.name.lowercased(), $0) })
        for name in try schema.tableNames(engine) {
            let table = try #require(tables[name], "\(schema)/\(engine): table \(name) missing from the catalog")
            #expect(!table.columns.isEmpty)
            #expect(table.primaryKey != nil, "\(name) has no primary key in the catalog")
        }
        let indexNames = Set(catalog.tables.flatMap(\.indexes).map(\.name))
        for index in try schema.createdIndexNames(engine) {
            #expect(indexNames.contains(index), "\(schema)/\(engine): index \(index) missing from the catalog")
        }
        let biggest = catalog.tables.compactMap(\.estimatedRows).max() ?? 0
        // InnoDB's TABLE_ROWS is a sampled estimate; allow it 20% below the seeded million.
        #expect(biggest >= (engine == "postgres" ? 1_000_000 : 800_000), "biggest table has \(biggest) rows")
        let analyzed = catalog.tables.flatMap(\.columns).filter { $0.statistics?.distinctValues != nil }
        #expect(!analyzed.isEmpty, "no column statistics: was the seed's ANALYZE run?")
    }

    /// What `dbadvisor explain` reports as JSON for a workload query.
    ///
    /// Writes are planned as the admin role: both engines check a statement's own privileges even
    /// for a plain EXPLAIN, and the advisor's role is read-only.
    func explain(_ engine: String, _ schema: SampleSchema, _ id: String) throws -> Plan {
        let sql = try #require(try schema.workload(engine).first { $0.id == id }?.sql)
        let isWrite = try PostgresParser.shape(of: sql).kind != .select
        let dsn =
            switch (engine, isWrite) {
            case ("postgres", false): try TestServers.postgres(database: schema.name)
            case ("postgres", true): try TestServers.postgresAdmin(database: schema.name)
            case (_, false): try TestServers.mysql(database: schema.name)
            case (_, true): try TestServers.mysqlAdmin(database: schema.name)
            }
        let run = try CLI.run(["explain", "--dsn", dsn, "--format", "json", sql])
        try #require(run.status == 0, "explain \(id) failed: \(run.stderr)")
        struct Output: Decodable { var plan: Plan }
        return try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8)).plan
    }

    @Test(arguments: SampleSchema.all, SampleSchema.engines)
    func explainShowsThePlantedFullScans(schema: SampleSchema, engine: String) throws {
        let expected = try schema.expected()
        for problem in expected.problems where problem.rule == "full-table-scan" && problem.applies(to: engine) {
            let plan = try explain(engine, schema, problem.query)
            let scanned = plan.fullScans.compactMap(\.relation)
            #expect(scanned.contains(problem.table ?? ""), "\(problem.query) on \(engine): full scans \(scanned)")
        }
    }

    @Test func readOnlyRoleCannotPlanWritesAndIsToldWhy() throws {
        let run = try CLI.run([
            "explain", "--dsn", try TestServers.postgres(database: "shop"), "DELETE FROM orders WHERE id = 1",
        ])
        #expect(run.status == 3)
        #expect(
            run.stderr.contains("permission denied")
                && run.stderr.contains("EXPLAIN needs the statement's own privileges"))
    }

    @Test(arguments: SampleSchema.engines)
    func explainPrintsPlanShapeAndFingerprint(engine: String) throws {
        let dsn =
            engine == "postgres" ? try TestServers.postgres(database: "shop") : try TestServers.mysql(database: "shop")
        let sql =
            "SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.id = 42 ORDER BY o.created_at DESC LIMIT 20"
        let run = try CLI.run(["explain", "--dsn", dsn, sql])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("plan:\n"))
        #expect(run.stdout.contains("query shape:\n"))
        #expect(run.stdout.contains("tables:     orders AS o, customers AS c"))
        #expect(run.stdout.contains("joins:      customers.id = orders.customer_id"))
        #expect(run.stdout.contains("order by:   orders.created_at DESC"))
        #expect(run.stdout.contains("limit:      20"))
        #expect(run.stdout.contains("fingerprint: "))
        #expect(!run.stdout.contains("not shown"))
        if engine == "postgres" {
            #expect(run.stdout.contains("Index Only Scan using customers_pkey on customers c"))
        } else {
            #expect(run.stdout.contains("const on c using PRIMARY"))
        }
    }
}
