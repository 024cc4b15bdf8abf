import AdvisorCore
import Foundation
import Migrations
import Testing

/// Generated MySQL-family files fed to the `mariadb` client, in a scratch database.
@Suite(.serialized, .enabled(if: ServerHarness.enabled))
struct MariaDBServerTests {
    /// 57 characters, so the index name must be cut to 64 characters.
    static let longTable = "überlange_bestellpositionen_für_größere_aufträge_und_mehr"

    static let schema = """
        CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL,
            total DECIMAL(10,2)) ENGINE=InnoDB;
        CREATE TABLE `order` (`User Id` INT, `select` VARCHAR(20), `qu``ote` INT, größe INT, `back\\slash` INT) ENGINE=InnoDB;
        CREATE TABLE `\(longTable)` (kundennummer_des_empfängers INT, lieferdatum DATE, menge INT) ENGINE=InnoDB;
        INSERT INTO orders SELECT seq, seq % 50, IF(seq % 3 = 0, 'paid', 'open'), seq FROM seq_1_to_500;
        INSERT INTO `order` SELECT seq, 'x', seq, seq, seq FROM seq_1_to_100;
        """

    private static let prepared = Result { () throws -> DataSourceName in
        let dsn = try ServerHarness.adminDSN("DBADVISOR_MYSQL_ADMIN_DSN")
        try client(dsn, database: nil, command: "DROP DATABASE IF EXISTS \(ServerHarness.database)")
        try client(dsn, database: nil, command: "CREATE DATABASE \(ServerHarness.database) CHARACTER SET utf8mb4")
        let directory = try ServerHarness.write([MigrationFile(path: "schema.sql", contents: schema)])
        defer { try? FileManager.default.removeItem(at: directory) }
        try client(dsn, database: ServerHarness.database, file: directory.appendingPathComponent("schema.sql"))
        return dsn
    }

    private static func arguments(_ dsn: DataSourceName, database: String?) -> [String] {
        [
            "mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-N", "-B", "-h", dsn.host ?? "127.0.0.1",
            "-P", "\(dsn.port ?? 3306)", "-u", dsn.user ?? "root",
        ] + (database.map { [$0] } ?? [])
    }

    private static func password(_ dsn: DataSourceName) -> [String: String] {
        dsn.password.map { ["MYSQL_PWD": $0] } ?? [:]
    }

    @discardableResult
    private static func client(_ dsn: DataSourceName, database: String?, command: String) throws -> String {
        try ServerHarness.run(arguments(dsn, database: database) + ["-e", command], environment: password(dsn))
    }

    /// `mariadb … db < file`, as the header suggests.
    private static func client(_ dsn: DataSourceName, database: String?, file: URL) throws {
        try ServerHarness.run(arguments(dsn, database: database), input: file, environment: password(dsn))
    }

    /// The index's IGNORED column (`NO`/`YES`) per key part, or "" when no index has that name.
    private func ignored(_ dsn: DataSourceName, table: String, name: String) throws -> String {
        func literal(_ text: String) -> String {
            "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        }
        return try Self.client(
            dsn, database: nil,
            command: """
                SELECT GROUP_CONCAT(IGNORED ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS
                WHERE TABLE_SCHEMA = \(literal(ServerHarness.database)) AND TABLE_NAME = \(literal(table))
                AND INDEX_NAME = \(literal(name)) HAVING COUNT(*) > 0
                """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func recommendation(_ candidate: IndexCandidate) -> Recommendation {
        Recommendation(
            index: candidate, name: "", ruleIDs: ["missing-composite-index"], queries: [],
            gain: Gain(costBefore: 100, costAfter: 1, basis: .statisticsModel))
    }

    private var candidates: [IndexCandidate] {
        [
            IndexCandidate(table: "orders", keyColumns: ["customer_id", "status"], includedColumns: ["total"]),
            IndexCandidate(
                table: "order", keyColumns: ["User Id", "select", "back\\slash"], includedColumns: ["qu`ote", "größe"]),
            IndexCandidate(
                table: Self.longTable, keyColumns: ["kundennummer_des_empfängers", "lieferdatum"],
                includedColumns: ["menge"]),
        ]
    }

    @Test(arguments: [Engine.mariadb, .mysql])
    func upFilesAddIndexesAndDownFilesDropThem(_ engine: Engine) throws {
        let dsn = try Self.prepared.get()
        for candidate in candidates {
            let name = IndexNaming.name(for: candidate, engine: engine)
            let files = try MigrationWriter.files(
                for: [recommendation(candidate)], engine: engine, layout: .plain, version: "1",
                database: ServerHarness.database)
            let directory = try ServerHarness.write(files)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.client(
                dsn, database: ServerHarness.database, file: directory.appendingPathComponent(files[0].path))
            // The exact name came back, so nothing was truncated or mangled.
            #expect(try ignored(dsn, table: candidate.table, name: name).hasPrefix("NO"), "\(name)")
            if engine == .mariadb {
                // IF NOT EXISTS / IF EXISTS make reruns harmless on MariaDB.
                try Self.client(
                    dsn, database: ServerHarness.database, file: directory.appendingPathComponent(files[0].path))
            }
            try Self.client(
                dsn, database: ServerHarness.database, file: directory.appendingPathComponent(files[1].path))
            #expect(try ignored(dsn, table: candidate.table, name: name) == "")
        }
    }

    @Test func hiddenIndexesArriveIgnoredAndTheHeaderStatementMakesThemVisible() throws {
        let dsn = try Self.prepared.get()
        let candidate = candidates[0]
        let name = IndexNaming.name(for: candidate, engine: .mariadb)
        let files = try MigrationWriter.files(
            for: [recommendation(candidate)], engine: .mariadb, layout: .plain, version: "1",
            database: ServerHarness.database, options: MigrationOptions(hidden: true))
        let directory = try ServerHarness.write(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.client(dsn, database: nil, file: directory.appendingPathComponent(files[0].path))
        #expect(try ignored(dsn, table: "orders", name: name) == "YES,YES,YES")
        let visible = try MigrationSQL.makeVisible(
            candidate, name: name, engine: .mariadb, database: ServerHarness.database)
        #expect(files[0].contents.contains(visible))
        try Self.client(dsn, database: nil, command: visible)
        #expect(try ignored(dsn, table: "orders", name: name) == "NO,NO,NO")
        try Self.client(dsn, database: nil, file: directory.appendingPathComponent(files[1].path))
        #expect(try ignored(dsn, table: "orders", name: name) == "")
    }

    @Test func dbmateBlocksApplyOnTheirOwn() throws {
        let dsn = try Self.prepared.get()
        let candidate = candidates[1]
        let name = IndexNaming.name(for: candidate, engine: .mariadb)
        let files = try MigrationWriter.files(
            for: [recommendation(candidate)], engine: .mariadb, layout: .dbmate, version: "1",
            database: ServerHarness.database)
        let directory = try ServerHarness.write(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocks = try ServerHarness.dbmateBlocks(of: directory.appendingPathComponent(files[0].path))
        try Self.client(dsn, database: nil, file: blocks.up)
        #expect(try ignored(dsn, table: "order", name: name).hasPrefix("NO"))
        try Self.client(dsn, database: nil, file: blocks.down)
        #expect(try ignored(dsn, table: "order", name: name) == "")
    }
}
