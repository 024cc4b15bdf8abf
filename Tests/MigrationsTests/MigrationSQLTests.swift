import AdvisorCore
import Migrations
import Testing

@Suite struct MigrationSQLTests {
    @Test func postgresCreatesConcurrentlyWithIncludeAndPredicate() throws {
        let candidate = IndexCandidate(
            schema: "sales", table: "orders", keyColumns: ["customer_id", "status"], includedColumns: ["total"],
            predicate: "status <> 'done'")
        #expect(
            try MigrationSQL.createIndex(candidate, name: "orders_open_idx", engine: .postgres)
                == "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_open_idx ON sales.orders (customer_id, status) "
                + "INCLUDE (total) WHERE status <> 'done';")
        #expect(
            try MigrationSQL.dropIndex(candidate, name: "orders_open_idx", engine: .postgres)
                == "DROP INDEX CONCURRENTLY IF EXISTS sales.orders_open_idx;")
    }

    @Test func postgresNamesAKeyColumnsOperatorClass() throws {
        let candidate = IndexCandidate(
            table: "products", keyColumns: ["status", "sku"], operatorClasses: ["sku": "text_pattern_ops"])
        #expect(
            try MigrationSQL.createIndex(candidate, name: "i", engine: .postgres)
                == "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON products (status, sku text_pattern_ops);")
    }

    @Test func postgresIgnoresTheDatabaseItCannotQualifyWith() throws {
        let candidate = IndexCandidate(table: "orders", keyColumns: ["id"])
        #expect(
            try MigrationSQL.createIndex(candidate, name: "i", engine: .postgres, database: "shop")
                == "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (id);")
    }

    @Test func mySQLAddsCoveringColumnsAsTrailingKeysOnline() throws {
        let candidate = IndexCandidate(
            table: "orders", keyColumns: ["customer_id", "status"], includedColumns: ["status", "total"])
        #expect(
            try MigrationSQL.createIndex(candidate, name: "i", engine: .mysql, database: "shop")
                == "ALTER TABLE `shop`.`orders` ADD INDEX `i` (`customer_id`, `status`, `total`), "
                + "ALGORITHM=INPLACE, LOCK=NONE;")
        #expect(
            try MigrationSQL.dropIndex(candidate, name: "i", engine: .mysql, database: "shop")
                == "ALTER TABLE `shop`.`orders` DROP INDEX `i`, ALGORITHM=INPLACE, LOCK=NONE;")
    }

    @Test func mariaDBGuardsWithIfExistsAndHidesWithIgnored() throws {
        let candidate = IndexCandidate(schema: "shop", table: "orders", keyColumns: ["a"])
        #expect(
            try MigrationSQL.createIndex(candidate, name: "i", engine: .mariadb, hidden: true)
                == "ALTER TABLE `shop`.`orders` ADD INDEX IF NOT EXISTS `i` (`a`) IGNORED, ALGORITHM=INPLACE, LOCK=NONE;"
        )
        #expect(
            try MigrationSQL.dropIndex(candidate, name: "i", engine: .mariadb)
                == "ALTER TABLE `shop`.`orders` DROP INDEX IF EXISTS `i`, ALGORITHM=INPLACE, LOCK=NONE;")
        #expect(
            try MigrationSQL.makeVisible(candidate, name: "i", engine: .mariadb)
                == "ALTER TABLE `shop`.`orders` ALTER INDEX `i` NOT IGNORED;")
        #expect(
            try MigrationSQL.makeVisible(candidate, name: "i", engine: .mysql)
                == "ALTER TABLE `shop`.`orders` ALTER INDEX `i` VISIBLE;")
    }

    @Test func mySQLRefusesPartialIndexesWithAClearError() {
        let candidate = IndexCandidate(table: "orders", keyColumns: ["created_at"], predicate: "status = 'open'")
        for engine in [Engine.mysql, .mariadb] {
            #expect(throws: MigrationError.predicateUnsupported(engine: engine, index: candidate.description)) {
                try MigrationSQL.createIndex(candidate, name: "i", engine: engine)
            }
        }
        let message = MigrationError.predicateUnsupported(engine: .mysql, index: candidate.description).description
        #expect(message.contains("MySQL has no partial indexes"))
        #expect(throws: MigrationError.self) {
            try MigrationWriter.files(
                for: [
                    Recommendation(
                        index: candidate, name: "", ruleIDs: [], queries: [],
                        gain: Gain(costBefore: 1, costAfter: 0, basis: .statisticsModel))
                ],
                engine: .mysql, layout: .plain, version: "1", database: "shop")
        }
    }

    @Test func postgresRefusesHiddenIndexes() {
        let candidate = IndexCandidate(table: "orders", keyColumns: ["a"])
        #expect(throws: MigrationError.hiddenIndexUnsupported(engine: .postgres)) {
            try MigrationSQL.createIndex(candidate, name: "i", engine: .postgres, hidden: true)
        }
    }

    @Test func predicatesThatEscapeTheStatementAreRefused() throws {
        for predicate in [
            "true; DROP TABLE orders", "a = 'x", "a = 1 -- ", "a = 1 /* ", "a = $$x", "a = 1\n",
            "a = 1 \\! touch /tmp/x",
        ] {
            let candidate = IndexCandidate(table: "orders", keyColumns: ["a"], predicate: predicate)
            #expect(throws: MigrationError.self, "\(predicate)") {
                try MigrationSQL.createIndex(candidate, name: "i", engine: .postgres)
            }
        }
        for predicate in ["status = ';'", "note <> E'it\\'s; fine'", "body = $x$ ; $x$", "\"a;b\" IS NULL", "id = $1"] {
            let candidate = IndexCandidate(table: "orders", keyColumns: ["a"], predicate: predicate)
            let sql = try MigrationSQL.createIndex(candidate, name: "i", engine: .postgres)
            #expect(sql.hasSuffix(" WHERE \(predicate);"))
        }
    }

    @Test func namesOverTheLimitAndEmptyIndexesAreRefused() {
        let candidate = IndexCandidate(table: "orders", keyColumns: ["a"])
        let long = String(repeating: "ä", count: 32)  // 64 bytes, 32 characters
        #expect(throws: MigrationError.self) { try MigrationSQL.createIndex(candidate, name: long, engine: .postgres) }
        #expect(throws: Never.self) { try MigrationSQL.createIndex(candidate, name: long, engine: .mysql) }
        #expect(throws: MigrationError.noKeyColumns(table: "orders")) {
            try MigrationSQL.createIndex(IndexCandidate(table: "orders", keyColumns: []), name: "i", engine: .postgres)
        }
    }
}
