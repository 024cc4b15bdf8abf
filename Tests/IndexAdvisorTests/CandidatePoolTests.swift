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

    /// Two queries' covering variants of one key (TPC-H's lineitem (l_shipdate) for Q6 and Q14)
    /// become one index carrying both INCLUDE sets, instead of two near-duplicates competing.
    @Test func coveringVariantsOfOneKeyAreMergedIntoTheirUnion() {
        let status = candidate("orders", ["updated_at"], include: ["status"])
        let total = candidate("orders", ["updated_at"], include: ["total"])
        let pool = CandidatePool(
            perQuery: [[status], [total]], schema: ShopSchema.schema, options: IndexAdvisorOptions())
        let union = candidate("orders", ["updated_at"], include: ["status", "total"])
        #expect(pool.candidates == [union])
        #expect(pool.sources[union] == [0, 1])
        #expect(Set(pool.declined.map(\.index)) == [status, total])
    }

    @Test func coveringVariantsWhoseUnionIsTooWideStaySeparate() {
        let a = candidate("orders", ["updated_at"], include: ["status", "total"])
        let b = candidate("orders", ["updated_at"], include: ["currency", "customer_id"])
        let pool = CandidatePool(
            perQuery: [[a], [b]], schema: ShopSchema.schema, options: IndexAdvisorOptions(maxIncludedColumns: 3))
        #expect(pool.candidates == [b, a])
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
