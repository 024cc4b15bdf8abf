import AdvisorCore
import Foundation
import Migrations
import SQLParsing
import Testing

/// Reading migration directories: layouts recognised from names and contents, the up direction
/// only, the transaction each statement runs in, and bad files named with their line.
@Suite struct MigrationReaderTests {
    @Test func layoutsAreRecognisedAndOrderedByVersion() throws {
        let scripts = try MigrationReader.read(
            files: [
                "V10__late.sql": "CREATE INDEX CONCURRENTLY b ON t (b);",
                "V2__early.sql": "CREATE INDEX CONCURRENTLY a ON t (a);",
                "U2__early.sql": "DROP INDEX CONCURRENTLY a;",
                "V2__early.sql.conf": "executeInTransaction=false\n",
                "000003_x.up.sql": "SELECT 1;",
                "000003_x.down.sql": "SELECT 2;",
                "20261123170000_y.sql": "-- migrate:up\nSELECT 3;\n-- migrate:down\nSELECT 4;\n",
                "20261123170001_add_z.rb":
                    "class AddZ < ActiveRecord::Migration[7.1]\n  def change\n    add_index :t, :z\n  end\nend\n",
                "README.md": "notes",
                "atlas.sum": "h1:abc",
            ], engine: .postgres)
        #expect(
            scripts.map(\.path) == [
                "V2__early.sql", "000003_x.up.sql", "V10__late.sql", "20261123170000_y.sql", "20261123170001_add_z.rb",
            ])
        #expect(scripts.map(\.layout) == [.flyway, .golangMigrate, .flyway, .dbmate, .rails])
        // Down and undo scripts are not read: dbmate's down block neither.
        #expect(scripts[3].statements.map(\.statement.text) == ["SELECT 3"])
        #expect(scripts[3].statements.first?.line == 2)
        // ActiveRecord's add_index, as the DDL it sends, at the call's line.
        #expect(scripts[4].statements.first?.line == 3)
        #expect(scripts[4].statements.first?.statement.text == #"CREATE INDEX "index_t_on_z" ON "t" ("z")"#)
    }

    @Test func eachStatementKnowsWhetherItRunsInATransaction() throws {
        func transactions(_ path: String, _ contents: String, extra: [String: String] = [:]) throws -> [String?] {
            let files = extra.merging([path: contents]) { $1 }
            return try MigrationReader.read(files: files, engine: .postgres).first { $0.path == path }!
                .statements.map(\.transaction)
        }
        #expect(try transactions("001_a.sql", "CREATE INDEX CONCURRENTLY a ON t (a);") == [nil])
        #expect(
            try transactions("001_a.sql", "SET x = 1; CREATE INDEX CONCURRENTLY a ON t (a);").allSatisfy { $0 != nil })
        let explicit = try transactions("001_a.sql", "BEGIN;\nCREATE INDEX a ON t (a);\nCOMMIT;\nSELECT 1;")
        #expect(explicit[1] == "inside the transaction block opened at line 1")
        #expect(
            try transactions("1_a.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY a ON t (a);") == [
                nil
            ])
        #expect(try transactions("1_a.sql", "-- migrate:up\nCREATE INDEX CONCURRENTLY a ON t (a);").first! != nil)
        #expect(try transactions("V1__a.sql", "CREATE INDEX CONCURRENTLY a ON t (a);") == [nil])
        #expect(try transactions("V1__a.sql", "UPDATE t SET a = 1;\nCREATE INDEX CONCURRENTLY a ON t (a);")[1] != nil)
        #expect(
            try transactions(
                "V1__a.sql", "UPDATE t SET a = 1;\nCREATE INDEX CONCURRENTLY a ON t (a);",
                extra: ["V1__a.sql.conf": "executeInTransaction=false\n"]) == [nil, nil])
        let rails = """
            class A < ActiveRecord::Migration[7.1]
              disable_ddl_transaction!
              def up
                execute "CREATE INDEX CONCURRENTLY a ON t (a)"
              end
            end
            """
        #expect(try transactions("1_a.rb", rails) == [nil])
        #expect(
            try transactions("1_a.rb", rails.replacingOccurrences(of: "disable_ddl_transaction!", with: "")).first!
                != nil)
    }

    @Test func railsIndexCallsInTheirCommonForms() throws {
        let rails = """
            class OrderIndexes < ActiveRecord::Migration[7.1]
              disable_ddl_transaction!

              def change
                add_index :orders, %i[customer_id status],
                          name: "orders_customer_status_idx",
                          algorithm: :concurrently
                remove_index :orders, column: :status, algorithm: :concurrently
                add_index(:orders, ["created_at"], unique: true)
              end

              def down
                add_index :orders, :status
              end
            end
            """
        let statements = try MigrationReader.read(files: ["20261123170000_order_indexes.rb": rails], engine: .postgres)
            .flatMap(\.statements)
        #expect(statements.map(\.line) == [5, 8, 9])
        #expect(
            statements.map(\.statement.text) == [
                #"CREATE INDEX CONCURRENTLY "orders_customer_status_idx" ON "orders" ("customer_id", "status")"#,
                #"DROP INDEX CONCURRENTLY "index_orders_on_status""#,
                #"CREATE UNIQUE INDEX "index_orders_on_created_at" ON "orders" ("created_at")"#,
            ])
        #expect {
            try MigrationReader.read(
                files: [
                    "1_a.rb": "class A < ActiveRecord::Migration[7.1]\n  def up\n    add_index :t, cols\n  end\nend\n"
                ],
                engine: .postgres)
        } throws: { error in
            "\(error)".hasPrefix("1_a.rb:3: cannot read this add_index call")
        }
    }

    @Test func mysqlMigrationsAreReadWithTheMySQLDialect() throws {
        let scripts = try MigrationReader.read(
            files: ["002_idx.sql": "ALTER TABLE `orders` ADD INDEX `s` (`status`), ALGORITHM=INPLACE, LOCK=NONE;"],
            engine: .mariadb)
        guard case .createIndex(let index)? = scripts.first?.statements.first?.actions.first else {
            Issue.record("expected an index, got \(scripts)")
            return
        }
        #expect(index.algorithm == "INPLACE" && index.lock == "NONE")
    }

    @Test func badFilesAreNamedWithTheirLine() {
        func problems(_ files: [String: String], engine: Engine = .postgres) -> [String] {
            do {
                _ = try MigrationReader.read(files: files, engine: engine)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        #expect(
            problems(["002_a.sql": "CREATE INDEX a ON t (a);\n\nCREATE INDX b ON t (b);\n"]) == [
                #"002_a.sql:3:8: SQL syntax error: syntax error at or near "INDX""#
            ])
        #expect(problems(["002_a.sql": "  \n\n"]) == ["002_a.sql:1: empty migration: the file has no statements"])
        #expect(
            problems(["0003_orders.py": "operations = []"]).first?.hasPrefix(
                "0003_orders.py:1: unknown migration layout") == true)
        #expect(
            problems(["1_a.sql": "SELECT 1;\n-- migrate:down\nSELECT 2;\n"]) == [
                "1_a.sql:2: dbmate file has `-- migrate:down` but no `-- migrate:up` block"
            ])
        #expect(
            problems(["1_a.rb": "puts 1\n"]) == [
                "1_a.rb:1: not an ActiveRecord migration (no class … < ActiveRecord::Migration)"
            ])
        #expect(
            problems(["AddIndex.rb": "class A < ActiveRecord::Migration[7.1]\nend\n"]).first?.contains(
                "<digits>_<snake_case_name>.rb") == true)
        let mysql = problems(["7_b.sql": "SELECT 1;\nALTER TABLE t ADD INDEX b;\n"], engine: .mysql)
        #expect(mysql.first?.hasPrefix("7_b.sql:2:") == true && mysql.first?.contains("key columns") == true)
        // Every bad file is reported, not only the first.
        #expect(problems(["1_a.sql": "", "2_b.sql": "CREATE INDX"]).count == 2)
    }

    @Test func aDirectoryIsReadWithPathsAsGiven() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID())")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "CREATE INDEX CONCURRENTLY a ON t (a);\n".write(
            to: directory.appendingPathComponent("sub/002_a.sql"), atomically: true, encoding: .utf8)
        try "x".write(to: directory.appendingPathComponent(".hidden.sql"), atomically: true, encoding: .utf8)
        let scripts = try MigrationReader.read(directory: directory.path, engine: .postgres)
        #expect(scripts.map(\.path) == ["\(directory.path)/sub/002_a.sql"])
        #expect {
            try MigrationReader.read(directory: directory.path + "/missing", engine: .postgres)
        } throws: { error in
            "\(error)".contains("no such directory")
        }
    }
}
