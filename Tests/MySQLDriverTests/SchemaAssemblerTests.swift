import AdvisorCore
import Testing

@testable import MySQLDriver

@Suite("Catalog rows into tables")
struct SchemaAssemblerTests {
    @Test func mySQL8FunctionalKeyPartsBecomeExpressions() throws {
        let assembler = SchemaAssembler(
            database: "shop",
            tables: QueryResult(
                columns: ["table_name", "table_rows", "data_length"], rows: [["users", "10", "16384"]]),
            columns: QueryResult(
                columns: ["table_name", "column_name", "column_type", "is_nullable"],
                rows: [["users", "id", "int", "NO"], ["users", "email", "varchar(255)", "YES"]]),
            indexes: QueryResult(
                columns: [
                    "table_name", "index_name", "seq_in_index", "column_name", "expression", "non_unique", "sub_part",
                    "collation", "index_type",
                ],
                rows: [
                    ["users", "PRIMARY", "1", "id", nil, "0", nil, "A", "BTREE"],
                    ["users", "idx_lower_email", "1", nil, "lower(`email`)", "1", nil, "A", "BTREE"],
                ]))
        let table = try #require(assembler.assemble().first)
        #expect(table.estimatedRows == 10)
        #expect(table.sizeBytes == 16384)
        #expect(table.columns.map(\.isNullable) == [false, true])
        let expression = table.indexes[1]
        #expect(expression.keyColumns == [IndexKey(name: "lower(`email`)", isExpression: true)])
        #expect(expression.keyColumnNames.isEmpty)
        #expect(expression.definition == "KEY `idx_lower_email` ((lower(`email`)))")
        #expect(table.indexes[0].sizeBytes == nil)
    }

    @Test func compositeForeignKeysKeepKeyOrderWhateverTheRowOrder() {
        let rows = QueryResult(
            columns: [
                "table_name", "constraint_name", "column_name", "ordinal_position", "referenced_schema",
                "referenced_table", "referenced_column",
            ],
            rows: [
                ["lines", "fk_lines_order", "order_no", "2", "shop", "orders", "no"],
                ["lines", "fk_lines_order", "order_year", "1", "shop", "orders", "year"],
                ["lines", "fk_lines_product", "product_id", "1", "catalog", "products", "id"],
            ])
        #expect(
            SchemaAssembler.foreignKeys(rows) == [
                "lines": [
                    ForeignKey(
                        name: "fk_lines_order", columns: ["order_year", "order_no"], referencedSchema: "shop",
                        referencedTable: "orders", referencedColumns: ["year", "no"]),
                    ForeignKey(
                        name: "fk_lines_product", columns: ["product_id"], referencedSchema: "catalog",
                        referencedTable: "products", referencedColumns: ["id"]),
                ]
            ])
    }

    @Test func partitionIndexSizesAreSummedPerTable() {
        let rows = QueryResult(
            columns: ["table_name", "index_name", "size_bytes"],
            rows: [["t#P#p0", "PRIMARY", "16384"], ["t#p#p1", "PRIMARY", "32768"], ["u", "PRIMARY", "16384"]])
        #expect(SchemaAssembler.indexSizes(rows) == ["t": ["PRIMARY": 49152], "u": ["PRIMARY": 16384]])
    }

    @Test func mariaDBDistinctValuesCountNonNullRowsPerAverageFrequency() throws {
        let rows = QueryResult(
            columns: ["table_name", "column_name", "nulls_ratio", "avg_length", "avg_frequency", "cardinality"],
            rows: [
                ["t", "a", "0.2000", "4.0000", "10.0000", "1000"],  // 800 non-NULL rows, 10 per value
                ["t", "b", "1.0000", "0.0000", nil, "1000"],  // all NULL
                ["u", "c", "0.0000", "2.0000", "3.0000", nil],  // no table_stats row: fall back to TABLE_ROWS
            ])
        let statistics = SchemaAssembler.mariaDBColumnStatistics(rows, fallbackRows: ["u": 30])
        #expect(statistics["t"]?["a"] == ColumnStatistics(nullFraction: 0.2, distinctValues: 80, averageWidth: 4))
        #expect(statistics["t"]?["b"]?.distinctValues == 0)
        #expect(statistics["u"]?["c"]?.distinctValues == 10)
    }

    @Test func definitionsReadLikeShowCreateTable() {
        #expect(
            SchemaAssembler.definition(
                of: Index(name: "ft_body", keyColumns: [IndexKey(name: "body")], method: "FULLTEXT"))
                == "FULLTEXT KEY `ft_body` (`body`)")
        #expect(
            SchemaAssembler.definition(of: Index(name: "odd`name", keyColumns: [IndexKey(name: "a")], isUnique: true))
                == "UNIQUE KEY `odd``name` (`a`)")
    }
}
