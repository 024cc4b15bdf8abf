import AdvisorCore
import SQLParsing
import Testing

/// Tables, column resolution and the clauses of a shape other than predicates.
@Suite struct PostgresShapeTests {
    @Test func cteNamesAreNotBaseTablesButTablesInsideThemAre() throws {
        let shape = try PostgresParser.shape(
            of:
                "WITH paid AS (SELECT * FROM orders WHERE status = 'paid') SELECT * FROM paid JOIN customers c ON c.id = paid.customer_id"
        )
        #expect(shape.tables == [TableReference(name: "orders"), TableReference(name: "customers", alias: "c")])
        #expect(shape.subqueryCount == 1)
    }

    @Test func nonRecursiveCTENamedLikeATableReadsTheTableInItsBody() throws {
        let shape = try PostgresParser.shape(
            of: "WITH orders AS (SELECT * FROM orders WHERE id > 5) SELECT * FROM orders")
        #expect(shape.tables == [TableReference(name: "orders")])
    }

    @Test func selfJoinKeepsBothAliases() throws {
        let shape = try PostgresParser.shape(
            of: "SELECT 1 FROM jobs parent JOIN jobs child ON child.parent_id = parent.id")
        #expect(shape.tables.map(\.alias) == ["parent", "child"])
        #expect(shape.joins.count == 1)
    }

    @Test func lockingReadsAreMarkedButNotTheirSubqueries() throws {
        #expect(
            try PostgresParser.shape(of: "SELECT id FROM jobs WHERE status = 'ready' FOR UPDATE SKIP LOCKED").locksRows)
        #expect(try PostgresParser.shape(of: "SELECT id FROM jobs FOR SHARE NOWAIT").locksRows)
        #expect(
            try !PostgresParser.shape(
                of: "SELECT * FROM orders WHERE id IN (SELECT order_id FROM items WHERE sku = 'x' FOR UPDATE)"
            ).locksRows)
        #expect(try !PostgresParser.shape(of: "SELECT id FROM jobs").locksRows)
    }

    @Test func schemaIsKept() throws {
        #expect(
            try PostgresParser.shape(of: "SELECT 1 FROM shop.orders").tables == [
                TableReference(schema: "shop", name: "orders")
            ])
    }

    @Test func unqualifiedColumnIsAttributedOnlyWhenOneTableIsInScope() throws {
        let single = try PostgresParser.shape(of: "SELECT status FROM orders")
        #expect(single.referencedColumns == [ColumnReference(table: "orders", column: "status")])
        let joined = try PostgresParser.shape(
            of: "SELECT status FROM orders o JOIN customers c ON c.id = o.customer_id")
        #expect(joined.referencedColumns.contains(ColumnReference(table: nil, column: "status")))
    }

    @Test func subqueryColumnsResolveInTheirOwnScope() throws {
        let shape = try PostgresParser.shape(
            of: "SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE country = 'DE')")
        #expect(
            shape.referencedColumns == [
                ColumnReference(table: "customers", column: "country"),
                ColumnReference(table: "customers", column: "id"),
                ColumnReference(table: "orders", column: "customer_id"), ColumnReference(table: "orders", column: "id"),
            ])
    }

    @Test func subqueriesAndCTEsAreCounted() throws {
        let shape = try PostgresParser.shape(
            of: """
                WITH a AS (SELECT 1 AS x)
                SELECT (SELECT max(id) FROM jobs) FROM (SELECT * FROM records) r
                WHERE EXISTS (SELECT 1 FROM job_runs) AND r.id IN (SELECT id FROM audit_log)
                """)
        #expect(shape.subqueryCount == 5)
    }

    @Test func literalLimitIsKeptAndParameterLimitIsOnlyFlagged() throws {
        let literal = try PostgresParser.shape(of: "SELECT id FROM orders LIMIT 25")
        #expect(literal.limit == 25 && literal.hasLimit)
        let parameter = try PostgresParser.shape(of: "SELECT id FROM orders LIMIT $1")
        #expect(parameter.limit == nil && parameter.hasLimit)
        let zero = try PostgresParser.shape(of: "SELECT id FROM orders LIMIT 0")
        #expect(zero.limit == 0 && zero.hasLimit)
        let all = try PostgresParser.shape(of: "SELECT id FROM orders LIMIT ALL")
        #expect(all.limit == nil && !all.hasLimit)
        let fetch = try PostgresParser.shape(of: "SELECT id FROM orders FETCH FIRST 3 ROWS ONLY")
        #expect(fetch.limit == 3)
    }

    @Test func orderByAliasOrPositionRefersToTheSelectList() throws {
        let shape = try PostgresParser.shape(
            of: "SELECT customer_id, sum(total) AS revenue FROM orders GROUP BY 1 ORDER BY revenue DESC, 1")
        #expect(
            shape.orderBy == [
                OrderItem(column: nil, expression: "sum(total)", descending: true),
                OrderItem(column: ColumnReference(table: "orders", column: "customer_id")),
            ])
        #expect(shape.groupBy == [ColumnReference(table: "orders", column: "customer_id")])
        #expect(!shape.referencedColumns.contains(ColumnReference(table: "orders", column: "revenue")))
    }

    @Test func starSelectsAllColumnsButCountStarAndExistsStarDoNot() throws {
        #expect(try PostgresParser.shape(of: "SELECT o.* FROM orders o").selectsAllColumns)
        #expect(try !PostgresParser.shape(of: "SELECT count(*) FROM orders").selectsAllColumns)
        #expect(
            try !PostgresParser.shape(of: "SELECT id FROM orders o WHERE EXISTS (SELECT * FROM order_items)")
                .selectsAllColumns)
    }

    @Test func writtenColumnsOfUpdateAndInsertAreReferenced() throws {
        let update = try PostgresParser.shape(of: "UPDATE records SET status = $1 WHERE id = $2")
        #expect(update.kind == .update)
        #expect(update.referencedColumns.contains(ColumnReference(table: "records", column: "status")))
        let insert = try PostgresParser.shape(of: "INSERT INTO audit_log (action, entity_id) VALUES ($1, $2)")
        #expect(insert.kind == .insert)
        #expect(
            insert.referencedColumns == [
                ColumnReference(table: "audit_log", column: "action"),
                ColumnReference(table: "audit_log", column: "entity_id"),
            ])
    }

    @Test func excludedInOnConflictIsTheTargetTable() throws {
        let shape = try PostgresParser.shape(
            of:
                "INSERT INTO products (sku, price) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET price = excluded.price"
        )
        #expect(shape.tables == [TableReference(name: "products")])
        #expect(shape.referencedColumns.allSatisfy { $0.table == "products" })
    }

    @Test func mergeIsRecognised() throws {
        let shape = try PostgresParser.shape(
            of: "MERGE INTO products p USING staged s ON p.sku = s.sku WHEN MATCHED THEN UPDATE SET price = s.price")
        #expect(shape.kind == .merge)
        #expect(shape.joins.count == 1)
    }

    @Test func otherStatementsAndEmptyInputHaveKindOther() throws {
        #expect(try PostgresParser.shape(of: "CREATE INDEX ON orders (customer_id)").kind == .other)
        #expect(try PostgresParser.shape(of: "-- nothing").kind == .other)
    }
}
