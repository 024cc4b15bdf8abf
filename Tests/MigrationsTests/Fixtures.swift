import AdvisorCore
import Migrations

/// Two realistic recommendations: a covering composite index on `orders` (name left to the
/// writer) and a plain foreign-key index on the schema-qualified `sales.line_items`.
enum Fixtures {
    static func recommendations(for engine: Engine) -> [Recommendation] {
        let basis: GainBasis = engine.isMySQLFamily ? .statisticsModel : .hypothetical
        let orders = IndexCandidate(table: "orders", keyColumns: ["customer_id", "status"], includedColumns: ["total"])
        let lineItems = IndexCandidate(schema: "sales", table: "line_items", keyColumns: ["order_id"])
        return [
            Recommendation(
                index: orders, name: "", ruleIDs: ["missing-composite-index", "missing-covering-index"],
                queries: [
                    QueryGain(
                        fingerprint: "812f3a9c0d4e",
                        calls: 3412,
                        gain: Gain(costBefore: 41_230, costAfter: 1204.4, timeSavedMs: 2_340_000, basis: basis),
                        sampleText: """
                            SELECT id, status, total FROM orders
                            WHERE customer_id = $1 AND status = $2 /* dashboard */ ORDER BY created_at DESC LIMIT 20
                            """),
                    QueryGain(
                        fingerprint: "3c07bb21e9a0",
                        calls: 1,
                        gain: Gain(costBefore: 8.27, costAfter: 4.5, basis: basis),
                        sampleText: "SELECT sum(total) FROM orders WHERE customer_id = 42 AND status = 'paid'"),
                ],
                gain: Gain(costBefore: 41_230, costAfter: 1204.4, timeSavedMs: 2_340_000, basis: basis),
                estimatedSizeBytes: 12_897_485, writeOverhead: "~1,200 writes/h on orders also update this index"),
            Recommendation(
                index: lineItems, name: IndexNaming.name(for: lineItems, engine: engine),
                ruleIDs: ["foreign-key-without-index"],
                queries: [
                    QueryGain(
                        fingerprint: "a41d5e6f7b88", calls: 918,
                        gain: Gain(costBefore: 12_873.5, costAfter: 16.9, basis: basis),
                        sampleText: "DELETE FROM orders WHERE id = $1")
                ],
                gain: Gain(costBefore: 12_873.5, costAfter: 16.9, basis: basis)),
        ]
    }

    /// The first file version the tests pass, as the CLI would from the clock.
    static let version = "20261123170000"
}
