import AdvisorCore
import Foundation
import PostgresDriver
import SQLParsing
import TestSupport
import Testing

@testable import IndexAdvisor

/// The advisor against the loaded `shop` sample with real HypoPG costs (read-only: hypothetical
/// indexes only). Needs `scripts/dev-db` servers with the samples loaded.
@Suite(
    "Index selection on the shop sample with HypoPG",
    .enabled(if: ServerEnvironment.serverTestsEnabled))
struct ShopHypoPGSelectionTests {
    /// Planted problems of sample-schemas/shop/expected.yml with an index fix on PostgreSQL.
    static let expected: [String: (table: String, keys: [String], include: [String])] = [
        "orders-by-customer-status": ("orders", ["customer_id", "status", "created_at"], []),
        "order-by-tracking-number": ("orders", ["tracking_number"], []),
        "customers-by-phone": ("customers", ["phone"], []),
        "product-rating-summary": ("reviews", ["product_id"], ["rating", "created_at"]),
        "orders-recently-updated": ("orders", ["updated_at"], []),
        "address-in-use-check": ("orders", ["shipping_address_id"], []),
    ]
    static let fine = [
        "customer-by-id", "customer-by-email", "product-by-sku", "addresses-by-customer", "customer-recent-orders",
        "categories-all", "category-by-id", "cart-products", "product-stock-decrement", "order-insert",
        "order-items-insert",
    ]

    static func run() throws -> (AdvisorResult, HypoPGPlanner) {
        var dsn = try DataSourceName(parsing: try ServerEnvironment.value("DBADVISOR_PG_DSN"))
        dsn.database = "shop"
        let connection = try PostgresConnection(dsn: dsn)
        let schema = try connection.readSchema()
        let planner = try HypoPGPlanner(connection: connection)
        let queries = try Self.timed(SampleWorkload.shop().values, from: connection)
            .sorted { $0.group.fingerprint.id < $1.group.fingerprint.id }
        let result = try IndexAdvisor(schema: schema).advise(queries, planner: planner, name: { $0.description })
        return (result, planner)
    }

    /// Calls and times from pg_stat_statements (the workload ran when the sample was loaded),
    /// matched by libpg_query fingerprint; the literal statements stay the sample text, as when
    /// the CLI merges a log with pg_stat_statements.
    static func timed(_ queries: some Sequence<AnalyzedQuery>, from connection: PostgresConnection) throws
        -> [AnalyzedQuery]
    {
        let statistics = try connection.readStatStatements(limit: 1000) { try? PostgresParser.fingerprint(of: $0) }
        let byID = Dictionary(statistics.groups.map { ($0.fingerprint.id, $0) }, uniquingKeysWith: { a, _ in a })
        return queries.map { query in
            var query = query
            if let id = try? PostgresParser.fingerprint(of: query.group.sampleText).id, let measured = byID[id] {
                query.group.calls = measured.calls
                query.group.totalTimeMs = measured.totalTimeMs
            }
            return query
        }
    }

    @Test func recommendsThePlantedIndexesAndNothingForTheFineQueries() throws {
        let (result, planner) = try Self.run()
        if ProcessInfo.processInfo.environment["DBADVISOR_PRINT_ADVICE"] == "1" {
            for r in result.recommendations {
                print(
                    "REC \(r.index) size=\(r.estimatedSizeBytes ?? 0) cost \(Int(r.gain.costBefore))->\(Int(r.gain.costAfter)) queries=\(r.queries.map(\.fingerprint))"
                )
            }
            for d in result.declined { print("DECLINED \(d.index): \(d.reason)") }
            print(
                "RC=\(result.relativeCost) before=\(result.costBefore) after=\(result.costAfter) questions=\(result.whatIfCalls) explains=\(planner.whatIfCalls) notes=\(result.notes)"
            )
        }
        for (query, fix) in Self.expected {
            let serving = result.recommendations.filter { $0.queries.contains { $0.fingerprint == query } }
            let index = try #require(serving.first?.index, "no recommendation serves \(query)")
            #expect(index.table == fix.table, "\(query)")
            // Equality columns may come in either order (expected.yml); the last key column is fixed.
            #expect(
                Set(index.keyColumns) == Set(fix.keys) && index.keyColumns.last == fix.keys.last, "\(query): \(index)")
            #expect(Set(fix.include).isSubset(of: Set(index.includedColumns)), "\(query): \(index)")
        }
        // An index for a planted problem may also speed up a fine query; none exists only for fine ones.
        for recommendation in result.recommendations {
            #expect(
                recommendation.queries.contains { !Self.fine.contains($0.fingerprint) },
                "\(recommendation.index) serves only fine queries")
        }
        #expect(
            result.recommendations.allSatisfy { $0.gain.basis == .hypothetical && ($0.estimatedSizeBytes ?? 0) > 0 })
        #expect(result.relativeCost < 0.5)
        #expect(planner.whatIfCalls > 0 && planner.whatIfCalls <= result.whatIfCalls)
    }

    @Test func declinesTheRestWithReasons() throws {
        let (result, _) = try Self.run()
        #expect(!result.declined.isEmpty)
        #expect(result.declined.allSatisfy { !$0.reason.isEmpty })
        #expect(
            result.declined.contains {
                $0.index.keyColumns == ["product_id"] && $0.index.includedColumns.isEmpty
                    && $0.reason == "redundant with existing index reviews_product_id_idx"
            })
    }
}
