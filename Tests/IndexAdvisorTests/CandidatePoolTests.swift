import AdvisorCore
import Testing

@testable import IndexAdvisor

@Suite("Consolidating the workload's candidates")
struct CandidatePoolTests {
    func candidate(_ table: String, _ keys: [String], include: [String] = []) -> IndexCandidate {
        IndexCandidate(schema: "public", table: table, keyColumns: keys, includedColumns: include)
    }

    @Test func prefixIsMergedIntoTheLongerCandidateWhichServesBothQueries() {
        let pool = CandidatePool(
            perQuery: [
                [candidate("orders", ["customer_id", "status"])],
                [candidate("orders", ["customer_id", "status", "created_at"])],
            ],
            schema: ShopSchema.schema, options: IndexAdvisorOptions())
        let longer = candidate("orders", ["customer_id", "status", "created_at"])
        #expect(pool.candidates == [longer])
        #expect(pool.sources[longer] == [0, 1])
        #expect(pool.declined.map(\.reason) == ["merged into \(longer), which serves the same queries"])
    }

    @Test func plainAndCoveringVariantsAreBothKeptForTheSelectionToWeigh() {
        let plain = candidate("orders", ["updated_at"])
        let covering = candidate("orders", ["updated_at"], include: ["id", "total"])
        let pool = CandidatePool(
            perQuery: [[plain, covering]], schema: ShopSchema.schema, options: IndexAdvisorOptions())
        #expect(pool.candidates == [plain, covering])
    }

    @Test func candidateServedByAnExistingIndexIsDeclinedNamingIt() {
        let pool = CandidatePool(
            perQuery: [
                [candidate("orders", ["customer_id"]), candidate("reviews", ["product_id"], include: ["rating"])]
            ],
            schema: ShopSchema.schema, options: IndexAdvisorOptions())
        #expect(pool.candidates == [candidate("reviews", ["product_id"], include: ["rating"])])
        #expect(pool.declined.map(\.reason) == ["redundant with existing index orders_customer_id_idx"])
    }

    @Test func tooWideCandidateIsDeclinedAndItsAllowedPrefixConsidered() {
        let wide = candidate("orders", ["customer_id", "status", "created_at"])
        let pool = CandidatePool(
            perQuery: [[wide]], schema: ShopSchema.schema, options: IndexAdvisorOptions(maxIndexWidth: 2))
        #expect(pool.candidates == [candidate("orders", ["customer_id", "status"])])
        #expect(pool.declined.first?.reason == "wider than --max-index-width (3 > 2 key columns)")
    }

    @Test func invalidIndexesDoNotMakeACandidateRedundant() {
        var schema = ShopSchema.schema
        schema.tables[1].indexes.append(
            Index(name: "orders_tracking_number_idx", keyColumns: [IndexKey(name: "tracking_number")], isValid: false))
        let pool = CandidatePool(
            perQuery: [[candidate("orders", ["tracking_number"])]], schema: schema, options: IndexAdvisorOptions())
        #expect(pool.candidates.count == 1)
    }
}
