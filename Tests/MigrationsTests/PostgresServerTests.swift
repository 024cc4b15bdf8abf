import AdvisorCore
import Foundation
import Migrations
import Testing

/// Generated PostgreSQL files applied with psql exactly as a user would, in a scratch database.
@Suite(.serialized, .enabled(if: ServerHarness.enabled))
struct PostgresServerTests {
    /// A long name with multibyte characters (53 bytes), so the index name must be cut to 63 bytes.
    static let longTable = "überlange_bestellpositionen_für_größere_aufträge"

    static let schema = #"""
        CREATE SCHEMA sales;
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, total numeric(10,2));
        CREATE TABLE sales.line_items (id bigint PRIMARY KEY, order_id bigint NOT NULL, quantity int);
        CREATE SCHEMA "Odd ""Schema""";
        CREATE TABLE "Odd ""Schema"""."order" ("User Id" int, "select" text, "qu""ote" int, größe int, "Status" text, "back\slash" int);
        CREATE TABLE "\#(longTable)" (kundennummer_des_empfängers int, lieferdatum date, menge int);
        INSERT INTO orders SELECT i, i % 50, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, i FROM generate_series(1, 500) i;
        INSERT INTO sales.line_items SELECT i, i % 500 + 1, 1 FROM generate_series(1, 1000) i;
        INSERT INTO "Odd ""Schema"""."order" SELECT i, 'x', i, i, 'live', i FROM generate_series(1, 100) i;
        """#

    private static let prepared = Result { () throws -> DataSourceName in
        var dsn = try ServerHarness.adminDSN("DBADVISOR_PG_ADMIN_DSN")
        try psql(dsn, command: "DROP DATABASE IF EXISTS \(ServerHarness.database) WITH (FORCE)")
        try psql(dsn, command: "CREATE DATABASE \(ServerHarness.database)")
        dsn.database = ServerHarness.database
        let directory = try ServerHarness.write([MigrationFile(path: "schema.sql", contents: schema)])
        defer { try? FileManager.default.removeItem(at: directory) }
        try psql(dsn, file: directory.appendingPathComponent("schema.sql"))
        return dsn
    }

    private static func arguments(_ dsn: DataSourceName) -> [String] {
        [
            "psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", dsn.host ?? "127.0.0.1", "-p",
            "\(dsn.port ?? 5432)",
            "-U", dsn.user ?? "postgres", "-d", dsn.database ?? "postgres",
        ]
    }

    private static func password(_ dsn: DataSourceName) -> [String: String] {
        dsn.password.map { ["PGPASSWORD": $0] } ?? [:]
    }

    @discardableResult
    private static func psql(_ dsn: DataSourceName, command: String) throws -> String {
        try ServerHarness.run(arguments(dsn) + ["-c", command], environment: password(dsn))
    }

    /// `psql -X -v ON_ERROR_STOP=1 -f file`: no --single-transaction, as the header says.
    private static func psql(_ dsn: DataSourceName, file: URL) throws {
        try ServerHarness.run(arguments(dsn) + ["-f", file.path], environment: password(dsn))
    }

    /// `t`/`f` for the index's indisvalid, or "" when there is no index of that exact name.
    private func validity(_ dsn: DataSourceName, schema: String, name: String) throws -> String {
        func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return try Self.psql(
            dsn,
            command: """
                SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = \(literal(name)) AND n.nspname = \(literal(schema))
                """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func recommendation(_ candidate: IndexCandidate) -> Recommendation {
        Recommendation(
            index: candidate, name: "", ruleIDs: ["missing-composite-index"], queries: [],
            gain: Gain(costBefore: 100, costAfter: 1, basis: .hypothetical))
    }

    @Test func upFilesCreateValidIndexesAndDownFilesDropThem() throws {
        let dsn = try Self.prepared.get()
        let recommendations = Fixtures.recommendations(for: .postgres)
        let files = try MigrationWriter.files(
            for: recommendations, engine: .postgres, layout: .plain, version: Fixtures.version, database: nil)
        let directory = try ServerHarness.write(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let targets = [
            ("public", IndexNaming.name(for: recommendations[0].index, engine: .postgres)),
            ("sales", recommendations[1].name),
        ]
        for (offset, (schema, name)) in targets.enumerated() {
            let up = directory.appendingPathComponent(files[offset * 2].path)
            let down = directory.appendingPathComponent(files[offset * 2 + 1].path)
            try Self.psql(dsn, file: up)
            #expect(try validity(dsn, schema: schema, name: name) == "t")
            try Self.psql(dsn, file: up)  // IF NOT EXISTS: a rerun is harmless
            try Self.psql(dsn, file: down)
            #expect(try validity(dsn, schema: schema, name: name) == "")
            try Self.psql(dsn, file: down)  // IF EXISTS
        }
    }

    @Test func oddNamesKeywordsAndPredicatesRoundTrip() throws {
        let dsn = try Self.prepared.get()
        let odd = IndexCandidate(
            schema: "Odd \"Schema\"", table: "order", keyColumns: ["User Id", "select", "back\\slash"],
            includedColumns: ["qu\"ote", "größe"], predicate: "\"Status\" <> 'gone; really' AND größe > 0")
        let long = IndexCandidate(
            table: Self.longTable, keyColumns: ["kundennummer_des_empfängers", "lieferdatum"],
            includedColumns: ["menge"])
        for (candidate, schema) in [(odd, "Odd \"Schema\""), (long, "public")] {
            let name = IndexNaming.name(for: candidate, engine: .postgres)
            let files = try MigrationWriter.files(
                for: [recommendation(candidate)], engine: .postgres, layout: .golangMigrate, version: "1", database: nil
            )
            let directory = try ServerHarness.write(files)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.psql(dsn, file: directory.appendingPathComponent(files[0].path))
            // The exact name: PostgreSQL did not truncate it (it would have, with a NOTICE, past 63 bytes).
            #expect(try validity(dsn, schema: schema, name: name) == "t", "\(name)")
            try Self.psql(dsn, file: directory.appendingPathComponent(files[1].path))
            #expect(try validity(dsn, schema: schema, name: name) == "")
        }
    }

    @Test func dbmateBlocksApplyOnTheirOwn() throws {
        let dsn = try Self.prepared.get()
        let recommendation = Fixtures.recommendations(for: .postgres)[1]
        let files = try MigrationWriter.files(
            for: [recommendation], engine: .postgres, layout: .dbmate, version: Fixtures.version, database: nil)
        let directory = try ServerHarness.write(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocks = try ServerHarness.dbmateBlocks(of: directory.appendingPathComponent(files[0].path))
        try Self.psql(dsn, file: blocks.up)
        #expect(try validity(dsn, schema: "sales", name: recommendation.name) == "t")
        try Self.psql(dsn, file: blocks.down)
        #expect(try validity(dsn, schema: "sales", name: recommendation.name) == "")
    }
}
