import AdvisorCore
import SQLParsing
import Testing

/// Unqualified columns of a statement over several tables (TPC-H style `FROM customer, orders`)
/// get their table from the catalog when exactly one of the statement's tables has the column.
struct UnqualifiedColumnTests {
    static func table(_ name: String, _ columns: [String]) -> Table {
        Table(
            schema: "public", name: name,
            columns: columns.map { Column(name: $0, dataType: "integer", isNullable: false) }, indexes: [])
    }

    static let schema = Schema(
        engine: .postgres, serverVersion: "15", database: "tpch",
        tables: [
            table("customer", ["c_custkey", "c_mktsegment", "id"]),
            table("orders", ["o_orderkey", "o_custkey", "o_orderdate", "id"]),
            table("lineitem", ["l_orderkey", "l_shipdate", "l_commitdate", "l_receiptdate", "l_shipmode"]),
        ])

    @Test func columnsOfOneTableGetThatTable() throws {
        let shape = try PostgresParser.shape(
            of: """
                SELECT o_orderkey FROM customer, orders
                WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND o_orderdate < date '1995-03-15'
                ORDER BY o_orderdate
                """
        ).resolvingUnqualifiedColumns(in: Self.schema)
        let predicates = Set(shape.predicates.map(\.column.description))
        #expect(predicates.isSuperset(of: ["customer.c_mktsegment", "orders.o_orderdate"]))
        #expect(
            shape.joins.contains {
                Set([$0.left.description, $0.right.description]) == ["customer.c_custkey", "orders.o_custkey"]
            })
        #expect(shape.orderBy.first?.column?.description == "orders.o_orderdate")
        #expect(shape.referencedColumns.allSatisfy { $0.table != nil })
    }

    @Test func aColumnSeveralTablesHaveStaysUnattributed() throws {
        let shape = try PostgresParser.shape(of: "SELECT 1 FROM customer, orders WHERE id = 7")
            .resolvingUnqualifiedColumns(in: Self.schema)
        #expect(shape.predicates.map(\.column) == [ColumnReference(table: nil, column: "id")])
    }

    /// TPC-H Q12: `l_commitdate < l_receiptdate` compares two columns of one row; neither is a
    /// range an index could seek on.
    @Test func twoColumnsOfOneTableComparedAreNotRanges() throws {
        let shape = try PostgresParser.shape(
            of: """
                SELECT l_shipmode FROM orders, lineitem
                WHERE o_orderkey = l_orderkey AND l_commitdate < l_receiptdate AND l_shipdate < l_commitdate
                  AND l_receiptdate >= date '1994-01-01'
                """
        ).resolvingUnqualifiedColumns(in: Self.schema)
        let kinds = Dictionary(
            shape.predicates.map { ($0.column.description + " " + $0.op, $0.kind) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["lineitem.l_commitdate <"] == .nonSargable)
        #expect(kinds["lineitem.l_receiptdate >"] == .nonSargable)
        #expect(kinds["lineitem.l_shipdate <"] == .nonSargable)
        #expect(kinds["lineitem.l_receiptdate >="] == .range)
        #expect(shape.joins.count == 1)
    }

    /// A non-equality join between two tables still bounds each side.
    @Test func aNonEqualityJoinOfTwoTablesStillBoundsEachSide() throws {
        let shape = try PostgresParser.shape(of: "SELECT 1 FROM orders, lineitem WHERE o_orderdate < l_shipdate")
            .resolvingUnqualifiedColumns(in: Self.schema)
        #expect(shape.predicates.map(\.kind) == [.range, .range])
        #expect(shape.predicates.first?.otherColumn?.description == "lineitem.l_shipdate")
    }

    /// A self-join's columns are qualified by the parser (two aliases of one table): still a join.
    @Test func aSelfJoinTheParserQualifiedStaysAJoin() throws {
        let shape = try PostgresParser.shape(
            of: "SELECT c.id FROM orders c JOIN orders p ON p.id = c.o_custkey WHERE c.o_orderdate < p.o_orderdate"
        ).resolvingUnqualifiedColumns(in: Self.schema)
        #expect(shape.joins.count == 1)
        #expect(!shape.predicates.contains { $0.kind == .nonSargable })
    }
}
