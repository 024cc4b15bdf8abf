import AdvisorCore
import Testing

@testable import RuleEngine

/// The DROP statements in findings' help are real, quoted DDL, not pasted names.
@Suite struct IndexDropTests {
    let table = Table(
        schema: "Sales", name: "orders", columns: [Column(name: "status", dataType: "text", isNullable: false)],
        indexes: [])

    @Test func quotesOddNamesAndQualifiesBySchemaOnPostgreSQL() {
        let index = Index(name: "Order-Status", keyColumns: [IndexKey(name: "status")])
        #expect(
            IndexDrop.statement(index, on: table, engine: .postgres)
                == #"DROP INDEX CONCURRENTLY IF EXISTS "Sales"."Order-Status";"#)
    }

    @Test func usesAnOnlineAlterTableOnMariaDB() {
        let index = Index(name: "status_idx", keyColumns: [IndexKey(name: "status")])
        #expect(
            IndexDrop.statement(index, on: table, engine: .mariadb)
                == "ALTER TABLE `Sales`.`orders` DROP INDEX IF EXISTS `status_idx`, ALGORITHM=INPLACE, LOCK=NONE;")
    }
}
