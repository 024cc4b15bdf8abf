import AdvisorCore
import Testing

@testable import IndexAdvisor

@Suite("Candidates from one statement's shape")
struct CandidateGenerationTests {
    let generator = CandidateGenerator(schema: ShopSchema.schema)

    func candidates(_ id: String) throws -> [IndexCandidate] {
        let query = try #require(try SampleWorkload.shop()[id])
        return generator.candidates(for: try #require(query.shape))
    }

    func candidates(sql: String) throws -> [IndexCandidate] {
        generator.candidates(for: try SampleWorkload.shape(sql))
    }

    @Test func equalityColumnsComeFirstThenTheOrderByColumn() throws {
        let found = try candidates("orders-by-customer-status")
        #expect(
            found.contains(
                IndexCandidate(schema: "public", table: "orders", keyColumns: ["customer_id", "status", "created_at"])))
        // The covering variant carries the other selected columns.
        #expect(
            found.contains(
                IndexCandidate(
                    schema: "public", table: "orders", keyColumns: ["customer_id", "status", "created_at"],
                    includedColumns: ["id", "total"])))
    }

    /// A CTE, MariaDB's virtual seq_1_to_n or a temporary table cannot be indexed by a migration.
    @Test func tablesTheCatalogDoesNotListGetNoCandidate() throws {
        let found = try candidates(
            sql: "WITH recent AS (SELECT id, customer_id FROM orders) SELECT n.seq, o.id FROM seq_1_to_5 n "
                + "JOIN recent o ON o.customer_id = n.seq WHERE o.id = 7")
        #expect(Set(found.map(\.table)).isSubset(of: ["orders"]), "\(found)")
    }

    @Test func mostSelectiveEqualityColumnLeadsWhateverTheWrittenOrder() throws {
        let found = try candidates(sql: "SELECT id FROM orders WHERE status = 'paid' AND customer_id = 7")
        #expect(found.map(\.keyColumns).contains(["customer_id", "status"]))
        #expect(!found.map(\.keyColumns).contains(["status", "customer_id"]))
    }

    @Test func singleLookupColumnGetsAPlainIndexAndNoCoveringVariantForSelectStar() throws {
        #expect(
            try candidates("order-by-tracking-number") == [
                IndexCandidate(schema: "public", table: "orders", keyColumns: ["tracking_number"])
            ])
    }

    @Test func orderByWithLimitAloneYieldsAnIndexThatDeliversTheOrder() throws {
        let found = try candidates("orders-recently-updated")
        #expect(found.first == IndexCandidate(schema: "public", table: "orders", keyColumns: ["updated_at"]))
        #expect(found.count == 2)  // and its covering variant
    }

    @Test func aggregateOverALookupGetsACoveringVariant() throws {
        #expect(
            try candidates("product-rating-summary").contains(
                IndexCandidate(
                    schema: "public", table: "reviews", keyColumns: ["product_id"],
                    includedColumns: ["created_at", "rating"])))
    }

    @Test func inListCountsAsEqualityButEndsOrderDelivery() throws {
        let found = try candidates(sql: "SELECT id FROM orders WHERE customer_id IN (1, 2, 3) ORDER BY created_at")
        #expect(found.map(\.keyColumns).contains(["customer_id"]))
        #expect(!found.map(\.keyColumns).contains(["customer_id", "created_at"]))
    }

    @Test func mixedSortDirectionsCannotBeDeliveredByAnAscendingIndex() throws {
        let found = try candidates(
            sql: "SELECT id FROM orders WHERE customer_id = 1 ORDER BY created_at DESC, updated_at ASC")
        #expect(found.allSatisfy { $0.keyColumns == ["customer_id"] })
    }

    @Test func rangeColumnFollowsTheEqualityColumns() throws {
        let found = try candidates(
            sql:
                "SELECT id FROM orders WHERE status = 'paid' AND created_at > now() - interval '1 day' AND customer_id = 3"
        )
        #expect(found.map(\.keyColumns).contains(["customer_id", "status", "created_at"]))
    }

    @Test func innerSideOfAJoinGetsItsJoinColumnWithItsFilters() throws {
        let found = try candidates(
            sql: """
                SELECT o.id, i.quantity FROM orders o JOIN order_items i ON i.order_id = o.id
                WHERE o.customer_id = 5 AND i.product_id = 9
                """)
        #expect(found.map(\.keyColumns).contains(["order_id", "product_id"]))
        #expect(found.contains { $0.table == "orders" && $0.keyColumns == ["customer_id"] })
    }

    @Test func writesGetKeyCandidatesButNoCoveringVariants() throws {
        let found = try candidates(sql: "UPDATE orders SET status = 'paid' WHERE tracking_number = 'x'")
        #expect(found == [IndexCandidate(schema: "public", table: "orders", keyColumns: ["tracking_number"])])
        #expect(try candidates(sql: "INSERT INTO orders (id) VALUES (1)").isEmpty)
    }

    /// `source` is the less selective column, but the unique key leads with it: for two equalities
    /// the order makes no difference, so the candidate takes the key's and is found redundant.
    @Test func equalitiesAnExistingIndexLeadsWithTakeItsOrder() throws {
        let balances = Table(
            schema: "public", name: "account_balances",
            columns: [
                ShopSchema.column("id", distinct: 200_000), ShopSchema.column("source", distinct: 3),
                ShopSchema.column("external_id", distinct: 200_000), ShopSchema.column("balance", distinct: 90_000),
            ],
            indexes: [
                ShopSchema.index("account_balances_pkey", ["id"], primary: true),
                ShopSchema.index("account_balances_source_external_id_key", ["source", "external_id"], unique: true),
            ])
        let schema = Schema(engine: .postgres, serverVersion: "15.20", database: "batch", tables: [balances])
        let shape = try SampleWorkload.shape(
            "SELECT balance FROM account_balances WHERE external_id = 'x' AND source = 'crm'")
        let found = CandidateGenerator(schema: schema).candidates(for: shape)
        #expect(found.map(\.keyColumns).contains(["source", "external_id"]), "\(found)")
        #expect(!found.map(\.keyColumns).contains(["external_id", "source"]), "\(found)")
        let pool = CandidatePool(perQuery: [found], schema: schema, options: IndexAdvisorOptions())
        #expect(pool.candidates.allSatisfy { !$0.includedColumns.isEmpty }, "\(pool.candidates)")
        #expect(
            pool.declined.contains {
                $0.index.keyColumns == ["source", "external_id"]
                    && $0.reason == "redundant with existing index account_balances_source_external_id_key"
            })
    }

    /// A LIKE prefix needs the pattern operator class unless the column's collation is bytewise.
    @Test(arguments: [("C.UTF-8", "text_pattern_ops"), ("en_US.UTF-8", "text_pattern_ops"), ("C", nil), ("POSIX", nil)])
    func aLikePrefixUnderANonBytewiseCollationGetsThePatternOperatorClass(collation: String, expected: String?) throws {
        let products = Table(
            schema: "public", name: "products",
            columns: [
                ShopSchema.column("id", distinct: 20_000),
                Column(
                    name: "sku", dataType: "character varying(32)", isNullable: false,
                    statistics: ColumnStatistics(nullFraction: 0, distinctValues: 20_000, averageWidth: 10),
                    collation: collation),
            ],
            indexes: [ShopSchema.index("products_pkey", ["id"], primary: true)])
        let schema = Schema(engine: .postgres, serverVersion: "15.20", database: "shop", tables: [products])
        let shape = try SampleWorkload.shape("SELECT id FROM products WHERE sku LIKE 'AB-1%'")
        let found = CandidateGenerator(schema: schema).candidates(for: shape)
        let key = try #require(found.first { $0.keyColumns == ["sku"] && $0.includedColumns.isEmpty })
        #expect(key.operatorClass(of: "sku") == expected, "\(found)")
        // A pattern key cannot deliver ORDER BY sku: the plain key is offered for that.
        let ordered = try SampleWorkload.shape("SELECT id FROM products WHERE sku LIKE 'AB-1%' ORDER BY sku LIMIT 20")
        let keys = CandidateGenerator(schema: schema).candidates(for: ordered).filter(\.includedColumns.isEmpty)
        #expect(keys.map(\.description).sorted() == Set(["products (sku)", key.description]).sorted(), "\(keys)")
    }

    @Test func aPatternKeyAndADefaultKeyDoNotStandInForEachOther() {
        let pattern = IndexCandidate(
            table: "products", keyColumns: ["sku"], operatorClasses: ["sku": "text_pattern_ops"])
        let plain = IndexCandidate(table: "products", keyColumns: ["sku"])
        let longer = IndexCandidate(
            table: "products", keyColumns: ["sku", "id"], operatorClasses: ["sku": "text_pattern_ops"])
        #expect(!pattern.isCovered(by: plain) && !plain.isCovered(by: pattern))
        #expect(pattern.isCovered(by: longer) && !plain.isCovered(by: longer))
        #expect(pattern.description == "products (sku text_pattern_ops)")
    }

    /// A locking read visits each row it returns in the table to lock it, so INCLUDE columns
    /// would only make the index bigger (the plan stays an Index Scan under LockRows).
    @Test func lockingReadsGetKeyCandidatesButNoCoveringVariants() throws {
        let found = try candidates(
            sql: "SELECT id, total FROM orders WHERE tracking_number = 'x' ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED")
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.includedColumns.isEmpty }, "\(found)")
    }
}

@Suite("Partial-index candidates from constant predicates")
struct PartialCandidateTests {
    /// A job queue: a few pending jobs among many finished ones; some never processed.
    static func queue(engine: Engine = .postgres) -> Schema {
        Schema(
            engine: engine, serverVersion: "15.20", database: "queue",
            tables: [
                Table(
                    schema: "public", name: "jobs",
                    columns: [
                        Column(
                            name: "id", dataType: "bigint", isNullable: false,
                            statistics: ColumnStatistics(
                                nullFraction: 0, distinctValues: 1_000_000, averageWidth: 8, mostCommonValues: ["4"],
                                mostCommonFrequencies: [0.01])),
                        Column(
                            name: "status", dataType: "text", isNullable: false,
                            statistics: ColumnStatistics(
                                nullFraction: 0, distinctValues: 4, averageWidth: 5,
                                mostCommonValues: ["done", "pending", "failed", "it's odd"],
                                mostCommonFrequencies: [0.9, 0.06, 0.03, 0.01])),
                        ShopSchema.column("run_at", distinct: 900_000),
                        ShopSchema.column("processed_at", distinct: 950_000, nullFraction: 0.04),
                        ShopSchema.column("queue", distinct: 20),
                    ],
                    indexes: [ShopSchema.index("jobs_pkey", ["id"], primary: true)], estimatedRows: 1_000_000)
            ])
    }

    /// Candidates for `sql` as if its group's other statements repeated every constant of it.
    func candidates(_ sql: String, engine: Engine = .postgres) throws -> [IndexCandidate] {
        let shape = try SampleWorkload.shape(sql)
        return CandidateGenerator(schema: Self.queue(engine: engine)).candidates(
            for: shape, constantPredicates: shape.predicates)
    }

    @Test func aConstantNoOtherStatementRepeatsGetsNoPartialIndex() throws {
        let shape = try SampleWorkload.shape("SELECT id FROM jobs WHERE status = 'pending' ORDER BY run_at LIMIT 10")
        let found = CandidateGenerator(schema: Self.queue()).candidates(for: shape)
        #expect(found.allSatisfy { $0.predicate == nil }, "\(found)")
    }

    @Test func onlyConstantsEveryStatementOfTheGroupRepeatsAreTheCodesOwn() throws {
        let first = try SampleWorkload.shape(
            "SELECT id FROM jobs WHERE queue = 1 AND status = 'pending' AND run_at IS NULL")
        let others = try [
            "SELECT id FROM jobs WHERE queue = 2 AND status = 'pending' AND run_at IS NULL",
            "SELECT id FROM jobs WHERE queue = 3 AND status = 'pending' AND run_at IS NULL",
        ].map(SampleWorkload.shape)
        #expect(
            first.constantPredicates(across: others, sampledStatements: 3).map(\.column.column) == ["status", "run_at"])
    }

    @Test func oneStatementAloneFixesOnlyItsNullTests() throws {
        let shape = try SampleWorkload.shape(
            "SELECT id FROM jobs WHERE queue = 1 AND status = 'pending' AND run_at IS NULL")
        #expect(shape.constantPredicates(across: [], sampledStatements: 1).map(\.column.column) == ["run_at"])
        #expect(shape.constantPredicates(across: [], sampledStatements: 0).map(\.column.column) == ["run_at"])
    }

    @Test func statementsThatAllHadTheSameTextFixEveryConstant() throws {
        let shape = try SampleWorkload.shape(
            "SELECT id FROM jobs WHERE queue = 1 AND status = 'pending' AND run_at IS NULL")
        #expect(
            shape.constantPredicates(across: [], sampledStatements: 40).map(\.column.column) == [
                "queue", "status", "run_at",
            ])
    }

    @Test func rareStatusValueMovesIntoThePredicateOfAPartialIndex() throws {
        let found = try candidates("SELECT id FROM jobs WHERE status = 'pending' ORDER BY run_at LIMIT 10")
        #expect(
            found.contains(
                IndexCandidate(schema: "public", table: "jobs", keyColumns: ["run_at"], predicate: "status = 'pending'")
            ))
        // The full index stays a candidate: the selection weighs both.
        #expect(found.contains(IndexCandidate(schema: "public", table: "jobs", keyColumns: ["status", "run_at"])))
        // Index-only scans need no status column: the predicate implies it.
        #expect(
            found.contains(
                IndexCandidate(
                    schema: "public", table: "jobs", keyColumns: ["run_at"], includedColumns: ["id"],
                    predicate: "status = 'pending'")))
    }

    @Test func rareNullsAndNotNullsBecomePartialPredicates() throws {
        let pending = try candidates("SELECT id FROM jobs WHERE processed_at IS NULL AND queue = 3")
        #expect(
            pending.contains(
                IndexCandidate(
                    schema: "public", table: "jobs", keyColumns: ["queue"], predicate: "processed_at IS NULL")))
        let processed = try candidates("SELECT id FROM jobs WHERE processed_at IS NOT NULL AND queue = 3")
        #expect(processed.allSatisfy { $0.predicate == nil }, "\(processed)")
    }

    @Test func quotesInTheValueAreDoubled() throws {
        let found = try candidates("SELECT id FROM jobs WHERE status = 'it''s odd' AND queue = 3")
        #expect(found.contains { $0.predicate == "status = 'it''s odd'" }, "\(found)")
    }

    @Test func commonValuesLookupsAndMySQLGetNoPartialIndex() throws {
        let common = try candidates("SELECT id FROM jobs WHERE status = 'done' ORDER BY run_at LIMIT 10")
        #expect(common.allSatisfy { $0.predicate == nil }, "\(common)")
        let lookup = try candidates("SELECT status FROM jobs WHERE queue = 7 AND run_at = 5")
        #expect(lookup.allSatisfy { $0.predicate == nil }, "\(lookup)")
        // A customer with many orders is a frequent value of a key, not a category of rows.
        let whale = try candidates("SELECT id FROM jobs WHERE id = 4 AND status = 'done' ORDER BY run_at LIMIT 10")
        #expect(whale.allSatisfy { $0.predicate == nil }, "\(whale)")
        let mysql = try candidates(
            "SELECT id FROM jobs WHERE status = 'pending' ORDER BY run_at LIMIT 10", engine: .mariadb)
        #expect(mysql.allSatisfy { $0.predicate == nil }, "\(mysql)")
    }
}
