import AdvisorCore
import Foundation
import MySQLDriver
import SQLParsing
import TestSupport
import Testing

@testable import IndexAdvisor

/// The MySQL cost model's gains against the real improvement, on MariaDB: the advisor suggests
/// indexes for the shop sample's planted problems from the model, then each suggestion is built
/// on a private copy of the tables, the workload's executions are measured before and after
/// (rows examined + clustered-index visits, from ANALYZE FORMAT=JSON: deterministic counts, no
/// timing), and the index is dropped again. Needs `scripts/dev-db` servers with `shop` loaded.
@Suite(
    "MySQL cost model gains against indexes built on MariaDB",
    .enabled(if: ServerEnvironment.serverTestsEnabled))
struct ShopMySQLCostModelRankingTests {
    /// Planted problems of sample-schemas/shop/expected.yml that an index fixes on MySQL.
    static let planted = [
        "order-by-tracking-number", "orders-recently-updated", "customers-by-phone", "product-rating-summary",
        "orders-by-customer-status",
    ]
    /// Each calibrated estimate is within this factor of the measured improvement.
    static let factor = 1.5
    /// Each size estimate is at most this factor above the built index's leaf pages.
    static let sizeFactor = 1.15

    /// One suggestion with its estimated and measured improvement over the workload (row visits).
    struct Row {
        var index: IndexCandidate
        var estimated: Double
        var uncalibrated: Double
        var measured: Double
        var measuredRowsExamined: Double
        var measuredPages: Double
        var estimatedBytes: Int64
        var builtLeafBytes: Int64
    }

    @Test func rankingOfEstimatedGainsMatchesTheMeasuredImprovement() throws {
        let rows = try Self.measure()
        if ProcessInfo.processInfo.environment["DBADVISOR_PRINT_ADVICE"] == "1" {
            for row in rows {
                print(
                    "RANK \(row.index) estimated=\(Int(row.estimated)) uncalibrated=\(Int(row.uncalibrated)) "
                        + "measured=\(Int(row.measured)) rowsExamined=\(Int(row.measuredRowsExamined)) "
                        + "pages=\(Int(row.measuredPages)) size=\(row.estimatedBytes) built=\(row.builtLeafBytes)")
            }
        }
        #expect(rows.count == Self.planted.count, "one suggestion per planted query: \(rows.map(\.index))")
        let byEstimate = rows.sorted { $0.estimated > $1.estimated }.map(\.index)
        let byMeasurement = rows.sorted { $0.measured > $1.measured }.map(\.index)
        // The top suggestions (99% of the measured improvement) rank as measured.
        #expect(byEstimate.prefix(3) == byMeasurement.prefix(3))
        // Known: the last two are measured 7% apart and swap. orders (customer_id, status, …) is
        // estimated 11% low: status counts as 1/6 of a customer's orders (no histogram or literal
        // in the model), while the workload asks for the rare statuses (3% of a B2B customer's).
        withKnownIssue("the two smallest gains, measured 7% apart, swap (uniform status selectivity)") {
            #expect(byEstimate == byMeasurement)
        }
        for row in rows {
            #expect(
                row.estimated <= row.measured * Self.factor && row.measured <= row.estimated * Self.factor,
                "\(row.index): estimated \(row.estimated), measured \(row.measured)")
            // The size estimate (leaf and node-pointer pages) against the built index's leaf pages.
            let built = Double(row.builtLeafBytes)
            #expect(
                Double(row.estimatedBytes) >= built && Double(row.estimatedBytes) <= built * Self.sizeFactor,
                "\(row.index): estimated \(row.estimatedBytes) bytes, built \(row.builtLeafBytes) in leaf pages")
        }
    }

    /// Suggests, builds, measures and drops; the private database is dropped at the end.
    static func measure() throws -> [Row] {
        let admin = try DataSourceName(parsing: try ServerEnvironment.value("DBADVISOR_MYSQL_ADMIN_DSN"))
        var shopDSN = admin
        shopDSN.database = "shop"
        let schema = try MySQLConnection(dsn: shopDSN).readSchema()

        let copy = "dbadvisor_costmodel_\(ProcessInfo.processInfo.processIdentifier)"
        let server = try MySQLConnection(dsn: admin)
        // The shared slow log logs every statement over 10 ms; keep this test's scans out of it.
        _ = try server.query("SET SESSION long_query_time = 31536000")
        _ = try server.query("DROP DATABASE IF EXISTS `\(copy)`")
        _ = try server.query("CREATE DATABASE `\(copy)`")
        defer { _ = try? server.query("DROP DATABASE IF EXISTS `\(copy)`") }
        for table in ["orders", "customers", "reviews"] {
            _ = try server.query("CREATE TABLE `\(copy)`.`\(table)` LIKE shop.`\(table)`")
            _ = try server.query("INSERT INTO `\(copy)`.`\(table)` SELECT * FROM shop.`\(table)`")
        }
        _ = try server.query("ANALYZE TABLE `\(copy)`.orders, `\(copy)`.customers, `\(copy)`.reviews")
        _ = try server.query("USE `\(copy)`")

        // Before: every execution of the planted queries, measured once per distinct statement.
        let executions = try SampleWorkload.shopMySQLExecutions()
        var before: [String: MeasuredAccess] = [:]
        func measured(_ statements: [String], cache: inout [String: MeasuredAccess]) throws -> MeasuredAccess {
            var total = MeasuredAccess()
            for statement in statements {
                if cache[statement] == nil {
                    let text = try #require(
                        server.query("ANALYZE FORMAT=JSON " + statement).rows.first?.first.flatMap { $0 })
                    cache[statement] = try MeasuredAccess(analyzeJSON: text)
                }
                total = total + cache[statement]!
            }
            return total
        }

        // The workload as the slow log would give it: calls, a sample, Rows_examined summed.
        var queries: [AnalyzedQuery] = []
        for id in planted {
            let statements = try #require(executions[id], "\(id) is not in the MySQL workload")
            let observed = try measured(statements, cache: &before)
            let group = QueryGroup(
                fingerprint: Fingerprint(id: id, normalized: statements[0]), sampleText: statements[0],
                calls: statements.count, totalTimeMs: 0,
                counters: ExecutionCounters(calls: statements.count, rowsExamined: Int64(observed.rowsExamined)))
            // PostgresParser stands in for SQLParsing's MySQL parser, not there yet: these five
            // statements are valid in both dialects. Switch to MySQLParser.shape(of:) when it lands.
            queries.append(AnalyzedQuery(group: group, shape: try PostgresParser.shape(of: statements[0])))
        }
        let planner = MySQLCostModelPlanner(schema: schema, queries: queries)
        let result = try IndexAdvisor(schema: schema).advise(queries, planner: planner, name: { $0.description })
        let uncalibrated = MySQLCostModelPlanner(
            schema: schema,
            queries: queries.map {
                var q = $0
                q.group.counters = nil
                return q
            })

        var rows: [Row] = []
        for (number, recommendation) in result.recommendations.enumerated() {
            let index = recommendation.index
            let name = "costmodel_\(number)"
            let columns = index.keyColumns + index.includedColumns.filter { !index.keyColumns.contains($0) }
            _ = try server.query(
                "ALTER TABLE `\(index.table)` ADD INDEX `\(name)` (\(columns.map { "`\($0)`" }.joined(separator: ", "))), "
                    + "ALGORITHM=INPLACE, LOCK=NONE")
            _ = try server.query("ANALYZE TABLE `\(index.table)`")
            let leafPages =
                try server.query(
                    "SELECT stat_value FROM mysql.innodb_index_stats WHERE database_name = '\(copy)' "
                        + "AND table_name = '\(index.table)' AND index_name = '\(name)' AND stat_name = 'n_leaf_pages'"
                ).rows.first?.first.flatMap { $0 }.flatMap { Int64($0) } ?? 0

            // After: every planted query on the index's table (only its own ones should change).
            var gain = MeasuredAccess()
            var estimatedWithoutCounters = 0.0
            for query in queries where query.shape?.tables.contains(where: { $0.name == index.table }) ?? false {
                let statements = executions[query.group.fingerprint.id]!
                var after: [String: MeasuredAccess] = [:]
                let unchanged = try measured(statements, cache: &before)
                let changed = try measured(statements, cache: &after)
                gain = gain + unchanged + changed.scaled(-1)
                if recommendation.queries.contains(where: { $0.fingerprint == query.group.fingerprint.id }) {
                    let saved =
                        try uncalibrated.cost(of: query.group.sampleText, with: []).cost
                        - uncalibrated.cost(of: query.group.sampleText, with: [index]).cost
                    estimatedWithoutCounters += Double(query.group.calls) * saved
                }
            }
            _ = try server.query("ALTER TABLE `\(index.table)` DROP INDEX `\(name)`, ALGORITHM=INPLACE, LOCK=NONE")
            rows.append(
                Row(
                    index: index, estimated: recommendation.gain.costBefore - recommendation.gain.costAfter,
                    uncalibrated: estimatedWithoutCounters, measured: gain.rowVisits,
                    measuredRowsExamined: gain.rowsExamined, measuredPages: gain.pagesAccessed,
                    estimatedBytes: recommendation.estimatedSizeBytes ?? 0, builtLeafBytes: leafPages * 16_384))
        }
        return rows
    }
}
