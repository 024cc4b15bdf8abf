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
}
