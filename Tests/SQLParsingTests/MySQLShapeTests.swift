import AdvisorCore
import SQLParsing
import TestSupport
import Testing

@Suite struct MySQLShapeTests {
    private func shape(_ sql: String) throws -> QueryShape { try MySQLParser.shape(of: sql) }

    @Test func backticksSchemaQualifiedNamesAndAliasesResolveToBaseTables() throws {
        let shape = try shape("SELECT o.`id` FROM `shop`.`orders` AS o WHERE o.customer_id = 7 AND `o`.status = 'paid'")
        #expect(shape.tables == [TableReference(schema: "shop", name: "orders", alias: "o")])
        #expect(shape.predicates.map(\.column.description) == ["orders.customer_id", "orders.status"])
        #expect(shape.predicates.allSatisfy { $0.kind == .equality })
    }

    @Test func limitWithOffsetCommaKeepsTheRowCount() throws {
        #expect(try shape("SELECT * FROM t ORDER BY a DESC LIMIT 40, 20").limit == 20)
        #expect(try shape("SELECT * FROM t LIMIT 20 OFFSET 40").limit == 20)
        let parameter = try shape("SELECT * FROM t LIMIT ?")
        #expect(parameter.hasLimit && parameter.limit == nil)
        #expect(try shape("SELECT * FROM t ORDER BY a DESC").orderBy.first?.descending == true)
    }

    @Test func joinsOfEveryKindGiveJoinConditions() throws {
        let shape = try shape(
            """
            SELECT STRAIGHT_JOIN * FROM orders o
            INNER JOIN customers c ON c.id = o.customer_id
            LEFT JOIN addresses a USING (customer_id)
            STRAIGHT_JOIN products p ON p.id = o.product_id
            CROSS JOIN regions r NATURAL JOIN zones
            """)
        #expect(shape.tables.map(\.name) == ["orders", "customers", "addresses", "products", "regions", "zones"])
        #expect(shape.joins.count == 3)
        #expect(shape.selectsAllColumns)
    }

    @Test func indexAndOptimizerHintsAndLockingClausesAreNotTables() throws {
        let shape = try shape(
            "SELECT /*+ BKA(o) */ id FROM orders o FORCE INDEX (idx_status) USE INDEX FOR ORDER BY (PRIMARY) WHERE status = ? FOR UPDATE SKIP LOCKED"
        )
        #expect(shape.tables == [TableReference(name: "orders", alias: "o")])
        #expect(shape.predicates.first?.kind == .equality)
        #expect(try self.shape("SELECT id FROM t WHERE a = 1 LOCK IN SHARE MODE").kind == .select)
    }

    @Test func lockingReadsAreMarkedWhateverTheirOptions() throws {
        #expect(try shape("SELECT id FROM t WHERE a = 1 FOR UPDATE SKIP LOCKED").locksRows)
        #expect(try shape("SELECT id FROM t WHERE a = 1 FOR SHARE NOWAIT").locksRows)
        #expect(try shape("SELECT id FROM t WHERE a = 1 LOCK IN SHARE MODE").locksRows)
        #expect(try !shape("SELECT id FROM t WHERE a = 1").locksRows)
    }

    @Test func executableCommentsAreReadAsSQL() throws {
        let shape = try shape("SELECT /*!40001 SQL_NO_CACHE */ a FROM t /*!50100 WHERE b = 1 */")
        #expect(shape.predicates.map(\.column.column) == ["b"])
    }

    @Test func predicatesAreClassifiedLikeThePostgreSQLSide() throws {
        let shape = try shape(
            """
            SELECT id FROM orders WHERE date(created_at) = '2025-01-18' AND note LIKE '%x' AND sku LIKE 'AB%'
              AND total BETWEEN 1 AND 9 AND status <> 'x' AND shipped_at IS NULL AND id IN (1, 2)
              AND (a = 1 OR b = 2)
            """)
        let byColumn = Dictionary(uniqueKeysWithValues: shape.predicates.map { ($0.column.column, $0) })
        #expect(byColumn["created_at"]?.reason == "function date() on column")
        #expect(byColumn["note"]?.reason == "leading wildcard in LIKE pattern")
        #expect(byColumn["sku"]?.kind == .likePrefix)
        #expect(byColumn["total"]?.kind == .range)
        #expect(byColumn["status"]?.reason == "inequality <>")
        #expect(byColumn["shipped_at"]?.kind == .isNull)
        #expect(byColumn["id"]?.kind == .inList)
        #expect(byColumn["a"]?.reason == "OR across columns")
    }

    @Test func aModuloIsToldFromOtherArithmetic() throws {
        #expect(try shape("SELECT id FROM t WHERE id % 2 = 0").predicates.first?.reason == "modulo of column")
        #expect(try shape("SELECT id FROM t WHERE id MOD 2 = 0").predicates.first?.reason == "modulo of column")
        #expect(try shape("SELECT id FROM t WHERE id + 1 = 5").predicates.first?.reason == "arithmetic on column")
    }

    @Test func insertVariantsRecordTheTargetColumns() throws {
        let values = try shape("INSERT INTO t (a, b) VALUES (1, 2), (3, 4) ON DUPLICATE KEY UPDATE b = VALUES(b) + 1")
        #expect(values.kind == .insert && values.tables.map(\.name) == ["t"])
        #expect(values.referencedColumns.map(\.description) == ["t.a", "t.b"])
        let select = try shape("REPLACE INTO archive SELECT * FROM orders WHERE created_at < ?")
        #expect(select.tables.map(\.name) == ["archive", "orders"])
        #expect(try shape("INSERT t SET a = 1").referencedColumns.map(\.description) == ["t.a"])
    }

    @Test func multiTableUpdateAndDeleteKeepEveryTable() throws {
        let update = try shape(
            "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.vip = 1 WHERE c.tier = 'gold'")
        #expect(update.kind == .update && update.tables.map(\.name) == ["orders", "customers"])
        #expect(update.joins.count == 1)
        let delete = try shape(
            "DELETE o FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL")
        #expect(delete.kind == .delete && delete.tables.map(\.name) == ["orders", "customers"])
        let limited = try shape("DELETE FROM audit_log WHERE created_at < ? ORDER BY created_at LIMIT 1000")
        #expect(limited.limit == 1000 && limited.orderBy.count == 1)
    }

    @Test func recursiveCTEsAndUnionsFoldIntoOneShape() throws {
        let shape = try shape(
            """
            WITH RECURSIVE tree AS (SELECT id, parent_id FROM categories WHERE id = 1
              UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id)
            SELECT * FROM tree WHERE id IN (SELECT category_id FROM products) ORDER BY id
            """)
        // Like the PostgreSQL side, one table under two aliases is listed twice.
        #expect(shape.tables.map(\.name) == ["categories", "categories", "products"])
        #expect(shape.subqueryCount == 2)
    }

    @Test func otherStatementsHaveKindOther() throws {
        for sql in ["SET NAMES utf8mb4", "SHOW TABLES", "USE shop", "BEGIN", "administrator command: Quit", "", "-- x"]
        {
            #expect(try shape(sql).kind == .other)
        }
    }

    @Test func brokenSQLThrowsWithAPosition() {
        #expect(throws: SQLParseError.self) { try MySQLParser.shape(of: "SELECT * FROM WHERE") }
        do {
            _ = try MySQLParser.shape(of: "SELECT a FROM t WHERE b = 'open")
            Issue.record("no error")
        } catch {
            #expect(error.position == 27)
            #expect(error.message == "unterminated string")
        }
    }

    @Test func hostileInputNeitherCrashesNorRecursesUnbounded() {
        _ = try? MySQLParser.shape(of: String(repeating: "(", count: 100_000))
        _ = try? MySQLParser.shape(of: "SELECT " + String(repeating: "NOT ", count: 100_000) + "1")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<64).map { _ in UInt8.random(in: 0...127, using: &generator) }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? MySQLParser.shape(of: "SELECT " + text)
            _ = try? MySQLParser.split(text)
        }
    }
}

@Suite struct MySQLSplitTests {
    @Test func splitRespectsQuotesCommentsAndDelimiterLines() throws {
        let script = """
            -- header
            SELECT 'a;b', "c;d", `e;f` FROM t; # trailing; comment
            DELIMITER //
            CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//
            DELIMITER ;
            UPDATE t SET a = 'it''s; \\'x' WHERE id = 1;
            /* only a comment; */
            """
        let statements = try MySQLParser.split(script)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix("SELECT 'a;b', \"c;d\", `e;f` FROM t"))
        #expect(statements[1] == "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END")
        #expect(statements[2].hasSuffix("WHERE id = 1"))
    }

    @Test func unterminatedStringInScriptThrows() {
        #expect(throws: SQLParseError.self) { try MySQLParser.split("SELECT 'x; SELECT 2") }
    }
}
