import AdvisorCore
import SQLParsing
import Testing

@testable import IndexAdvisor

@Suite("The statistics model used without HypoPG")
struct StatisticsModelPlannerTests {
    func planner(_ sql: String) throws -> StatisticsModelPlanner {
        let query = AnalyzedQuery(
            group: QueryGroup(
                fingerprint: Fingerprint(id: "q", normalized: sql), sampleText: sql, calls: 1, totalTimeMs: 0),
            shape: try PostgresParser.shape(of: sql))
        return StatisticsModelPlanner(schema: ShopSchema.schema, queries: [query])
    }

    @Test func lookupWithoutIndexCostsAFullScanAndWithItAFewRows() throws {
        let sql = "SELECT * FROM orders WHERE tracking_number = 'x'"
        let model = try planner(sql)
        let index = IndexCandidate(schema: "public", table: "orders", keyColumns: ["tracking_number"])
        #expect(try model.cost(of: sql, with: []).cost == 400_000)
        let after = try model.cost(of: sql, with: [index])
        #expect(after.cost < 30)
        #expect(after.usedIndexes == [index])
    }

    @Test func existingIndexIsUsedAndACompositeOneBeatsIt() throws {
        let sql =
            "SELECT id, status, total, created_at FROM orders WHERE customer_id = 9 AND status = 'paid' ORDER BY created_at DESC"
        let model = try planner(sql)
        let before = try model.cost(of: sql, with: []).cost
        #expect(before < 100)  // orders_customer_id_idx: 4 rows per customer on average
        let composite = IndexCandidate(
            schema: "public", table: "orders", keyColumns: ["customer_id", "status", "created_at"])
        #expect(try model.cost(of: sql, with: [composite]).cost < before)
    }

    @Test func coveringIndexSavesTheHeapVisits() throws {
        let sql = "SELECT avg(rating) FROM reviews WHERE product_id = 3"
        let model = try planner(sql)
        let plain = try model.cost(of: sql, with: []).cost
        let covering = IndexCandidate(table: "reviews", keyColumns: ["product_id"], includedColumns: ["rating"])
        #expect(try model.cost(of: sql, with: [covering]).cost < plain / 2)
    }

    @Test func unknownStatementIsRefused() throws {
        #expect(throws: DriverError.self) { try planner("SELECT 1").cost(of: "SELECT 2", with: []) }
    }

    @Test func sizeGrowsWithRowsAndWidth() throws {
        let model = try planner("SELECT 1")
        let narrow = try model.estimatedSize(of: IndexCandidate(table: "orders", keyColumns: ["customer_id"]))
        let wide = try model.estimatedSize(
            of: IndexCandidate(table: "orders", keyColumns: ["customer_id", "status", "created_at"]))
        #expect(narrow > 8_000_000 && narrow < 10_000_000)  // real orders(customer_id) without deduplication: ~9 MB
        #expect(wide > narrow)
    }
}
