import AdvisorCore
import Migrations
import Testing

@Suite struct SQLIdentifierTests {
    @Test func plainLowerCaseNamesStayBareOnPostgres() {
        #expect(SQLIdentifier.quoted("customer_id", engine: .postgres) == "customer_id")
        #expect(SQLIdentifier.quoted("_tmp$1", engine: .postgres) == "_tmp$1")
    }

    @Test func keywordsAreQuotedOnPostgres() {
        for keyword in ["order", "user", "select", "table", "left", "between", "concurrently", "json_table"] {
            #expect(SQLIdentifier.quoted(keyword, engine: .postgres) == "\"\(keyword)\"")
        }
        // Unreserved keywords are fine bare, as quote_ident leaves them.
        #expect(SQLIdentifier.quoted("status", engine: .postgres) == "status")
        #expect(SQLIdentifier.quoted("index", engine: .postgres) == "index")
    }

    @Test func namesThatWouldFoldOrBreakAreQuotedOnPostgres() {
        #expect(SQLIdentifier.quoted("CustomerId", engine: .postgres) == "\"CustomerId\"")
        #expect(SQLIdentifier.quoted("unit price", engine: .postgres) == "\"unit price\"")
        #expect(SQLIdentifier.quoted("2fa", engine: .postgres) == "\"2fa\"")
        #expect(SQLIdentifier.quoted("größe", engine: .postgres) == "\"größe\"")
        #expect(SQLIdentifier.quoted("say \"hi\"", engine: .postgres) == "\"say \"\"hi\"\"\"")
    }

    @Test func mySQLAlwaysUsesBackticksAndDoublesEmbeddedOnes() {
        #expect(SQLIdentifier.quoted("orders", engine: .mysql) == "`orders`")
        #expect(SQLIdentifier.quoted("a`b", engine: .mariadb) == "`a``b`")
        #expect(SQLIdentifier.quoted("say \"hi\"", engine: .mysql) == "`say \"hi\"`")
    }

    @Test func schemaQualifiesWhenGiven() {
        #expect(SQLIdentifier.qualified("orders", schema: "sales", engine: .postgres) == "sales.orders")
        #expect(SQLIdentifier.qualified("order", schema: "Sales", engine: .postgres) == "\"Sales\".\"order\"")
        #expect(SQLIdentifier.qualified("orders", schema: nil, engine: .postgres) == "orders")
        #expect(SQLIdentifier.qualified("orders", schema: "shop", engine: .mysql) == "`shop`.`orders`")
    }

    @Test func hostileNamesStayOneIdentifierInOneStatement() throws {
        let candidate = IndexCandidate(
            schema: "s\"; DROP SCHEMA public; --", table: "t\"; DROP TABLE x; --",
            keyColumns: ["c\"); DROP TABLE y; --", "order"], includedColumns: ["user"])
        let postgres = try MigrationSQL.createIndex(candidate, name: "i\"; --", engine: .postgres)
        #expect(StatementCounter.statements(in: postgres) == 1)
        #expect(postgres.contains("\"t\"\"; DROP TABLE x; --\""))
        let mysqlCandidate = IndexCandidate(table: "t`; DROP TABLE x; --", keyColumns: ["c`)", "order"])
        let mysql = try MigrationSQL.createIndex(mysqlCandidate, name: "i`", engine: .mysql, database: "d`b")
        #expect(StatementCounter.statements(in: mysql) == 1)
        #expect(mysql.hasPrefix("ALTER TABLE `d``b`.`t``; DROP TABLE x; --` ADD INDEX `i``` (`c``)`, `order`)"))
    }

    @Test func controlCharactersAreRefused() {
        let candidate = IndexCandidate(table: "orders", keyColumns: ["a\nb"])
        #expect(throws: MigrationError.self) { try MigrationSQL.createIndex(candidate, name: "x", engine: .postgres) }
        let nul = IndexCandidate(table: "or\u{0}ders", keyColumns: ["a"])
        #expect(throws: MigrationError.self) { try MigrationSQL.createIndex(nul, name: "x", engine: .mysql) }
    }
}
