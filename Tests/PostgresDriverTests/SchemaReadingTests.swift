import AdvisorCore
import Testing

@testable import PostgresDriver

@Suite("Reading the catalog of a live database", .enabled(if: TestServer.enabled))
struct SchemaReadingTests {
    /// Read once as the read-only role; every test looks at a part of it.
    static func schema() throws -> Schema {
        try TestServer.readOnlyConnection().readSchema()
    }

    @Test func listsUserTablesInNameOrderWithSizesAndRowEstimates() throws {
        let schema = try Self.schema()
        #expect(schema.engine == .postgres)
        #expect(schema.database == TestServer.testDatabase)
        #expect(schema.serverVersion.hasPrefix("15"))
        #expect(schema.tables.map(\.qualifiedName) == ["public.audit_log", "public.customers", "public.orders"])

        let orders = try #require(schema.table(named: "orders"))
        #expect(orders.estimatedRows == 1000)
        #expect((orders.sizeBytes ?? 0) > 0)
        #expect(orders.writeStats?.inserts == 1000)
        #expect(orders.writeStats?.updates == 0)
        #expect(orders.writeStats?.deletes == 0)
        #expect(orders.writeStats?.sequentialScans != nil)

        let neverAnalyzed = try #require(schema.table(named: "audit_log"))
        #expect(neverAnalyzed.estimatedRows == nil)
        #expect(neverAnalyzed.columns.allSatisfy { $0.statistics == nil })
    }

    @Test func readsColumnsInDeclarationOrderWithCatalogTypes() throws {
        let orders = try #require(try Self.schema().table(named: "orders"))
        #expect(orders.columns.map(\.name) == ["id", "customer_id", "status", "total", "note", "created_at"])
        #expect(
            orders.columns.map(\.dataType) == [
                "bigint", "integer", "text", "numeric(10,2)", "text", "timestamp without time zone",
            ])
        #expect(orders.columns.map(\.isNullable) == [false, false, false, true, true, false])
        let customers = try #require(try Self.schema().table(named: "customers"))
        #expect(customers.column(named: "name")?.dataType == "character varying(64)")
    }

    @Test func convertsAnalyzedStatisticsToAbsoluteValues() throws {
        let orders = try #require(try Self.schema().table(named: "orders"))

        let id = try #require(orders.column(named: "id")?.statistics)
        #expect(id.nullFraction == 0)
        #expect(id.distinctValues == 1000)  // stored as n_distinct = -1 (all distinct)
        #expect(id.averageWidth == 8)
        #expect(id.correlation == 1)
        #expect(id.mostCommonValues.isEmpty)

        let note = try #require(orders.column(named: "note")?.statistics)
        #expect(note.nullFraction == 0.5)
        #expect(note.distinctValues == 500)  // stored as n_distinct = -0.5

        let status = try #require(orders.column(named: "status")?.statistics)
        #expect(status.distinctValues == 4)
        #expect(status.mostCommonValues == ["open", "shipped", "needs review", "say \"hi\""])
        #expect(status.mostCommonFrequencies == [0.5, 0.3, 0.15, 0.05])
    }

    @Test func readsCompositeDescendingCoveringAndPartialIndexes() throws {
        let orders = try #require(try Self.schema().table(named: "orders"))
        #expect(
            orders.indexes.map(\.name) == [
                "orders_customer_covering_idx", "orders_customer_status_created_idx", "orders_open_created_idx",
                "orders_pkey",
            ])
        let indexes = Dictionary(uniqueKeysWithValues: orders.indexes.map { ($0.name, $0) })

        let composite = try #require(indexes["orders_customer_status_created_idx"])
        #expect(
            composite.keyColumns == [
                IndexKey(name: "customer_id"), IndexKey(name: "status"), IndexKey(name: "created_at", descending: true),
            ])
        #expect(composite.includedColumns.isEmpty)
        #expect(!composite.isUnique)
        #expect(composite.method == "btree")
        #expect(composite.predicate == nil)
        #expect(
            composite.definition
                == "CREATE INDEX orders_customer_status_created_idx ON public.orders USING btree (customer_id, status, created_at DESC)"
        )
        #expect((composite.sizeBytes ?? 0) > 0)
        #expect(composite.scans != nil)

        let covering = try #require(indexes["orders_customer_covering_idx"])
        #expect(covering.keyColumns == [IndexKey(name: "customer_id")])
        #expect(covering.includedColumns == ["status", "total"])

        let partial = try #require(indexes["orders_open_created_idx"])
        #expect(partial.keyColumnNames == ["created_at"])
        #expect(partial.predicate == "(status = 'open'::text)")

        let primary = try #require(orders.primaryKey)
        #expect(primary.name == "orders_pkey")
        #expect(primary.isUnique && primary.isValid)
        #expect(primary.keyColumnNames == ["id"])
    }

    @Test func readsUniqueAndExpressionIndexes() throws {
        let customers = try #require(try Self.schema().table(named: "customers"))
        let unique = try #require(customers.indexes.first { $0.name == "customers_email_key" })
        #expect(unique.isUnique && !unique.isPrimary)
        #expect(unique.keyColumns == [IndexKey(name: "email")])

        let expression = try #require(customers.indexes.first { $0.name == "customers_lower_email_idx" })
        #expect(expression.keyColumns == [IndexKey(name: "lower(email)", isExpression: true)])
        #expect(expression.keyColumnNames.isEmpty)
    }

    @Test func readsForeignKeysWithTheReferencedTableAndColumns() throws {
        let schema = try Self.schema()
        #expect(
            schema.table(named: "orders")?.foreignKeys == [
                ForeignKey(
                    name: "orders_customer_id_fkey", columns: ["customer_id"], referencedSchema: "public",
                    referencedTable: "customers", referencedColumns: ["id"])
            ])
        #expect(schema.table(named: "customers")?.foreignKeys == [])
    }
}
