import AdvisorCore
import SQLParsing
import Testing

@testable import IndexAdvisor

/// The InnoDB cost model, by hand-computed arithmetic on the shop-shaped catalog (orders: 400,000
/// rows, 100,000 customers, 6 statuses; primary key `id`). Unit: rows examined + clustered visits.
@Suite("The MySQL/MariaDB (InnoDB) cost model")
struct MySQLCostModelPlannerTests {
    static let schema: Schema = {
        var schema = ShopSchema.schema
        schema.engine = .mariadb
        return schema
    }()

    func query(_ sql: String, counters: ExecutionCounters? = nil, timeMs: Double = 0) throws -> AnalyzedQuery {
        // PostgresParser stands in for the MySQL parser: these statements are valid in both dialects.
        AnalyzedQuery(
            group: QueryGroup(
                fingerprint: Fingerprint(id: "q", normalized: sql), sampleText: sql, calls: counters?.calls ?? 1,
                totalTimeMs: timeMs, counters: counters),
            shape: try PostgresParser.shape(of: sql))
    }

    func planner(_ sql: String, counters: ExecutionCounters? = nil, schema: Schema = Self.schema) throws
        -> MySQLCostModelPlanner
    {
        MySQLCostModelPlanner(schema: schema, queries: [try query(sql, counters: counters)])
    }

    func orders(_ keys: String...) -> IndexCandidate {
        IndexCandidate(schema: "public", table: "orders", keyColumns: keys)
    }

    @Test func basisIsTheMySQLCostModel() throws {
        #expect(try planner("SELECT 1").basis == .mysqlCostModel)
        #expect(GainBasis.mysqlCostModel.rawValue == "mysql-cost-model")
        #expect(Figures.basis(.mysqlCostModel) == "MySQL cost model")
    }

    @Test func secondaryIndexCoversThroughThePrimaryKeyColumns() throws {
        // tracking_number: 356,000 values over the 89% non-NULL rows -> 400,000 × 0.89 / 356,000 = 1 row.
        let index = orders("tracking_number")
        let withID = "SELECT id, tracking_number FROM orders WHERE tracking_number = 'x'"
        #expect(try planner(withID).cost(of: withID, with: []).cost == 400_000)  // clustered index scan
        #expect(try planner(withID).cost(of: withID, with: [index]).cost == 1)  // id rides along: no visit
        let withTotal = "SELECT id, total FROM orders WHERE tracking_number = 'x'"
        #expect(try planner(withTotal).cost(of: withTotal, with: [index]).cost == 2)  // + 1 clustered visit
        let covering = IndexCandidate(
            schema: "public", table: "orders", keyColumns: ["tracking_number"], includedColumns: ["total"])
        #expect(try planner(withTotal).cost(of: withTotal, with: [covering]).cost == 1)
    }

    @Test func primaryKeyIsTheClusteredIndexAndCoversSelectStar() throws {
        let sql = "SELECT * FROM orders WHERE id = 7"
        let result = try planner(sql).cost(of: sql, with: [])
        #expect(result.cost == 1)  // 400,000 / 400,000 distinct ids, no visit
    }

    @Test func onlyTheLeftmostPrefixIsUsed() throws {
        let composite = orders("customer_id", "status", "created_at")
        let noLeadingColumn = "SELECT * FROM orders WHERE status = 'paid'"
        let result = try planner(noLeadingColumn).cost(of: noLeadingColumn, with: [composite])
        #expect(result.cost == 400_000 && result.usedIndexes.isEmpty)
        // status is skipped, so created_at cannot be used either: 400,000 / 100,000 = 4 rows, + 4 visits.
        let gap = "SELECT * FROM orders WHERE customer_id = 9 AND created_at > '2025-01-01'"
        let access = TableAccessModel(
            shape: try PostgresParser.shape(of: gap), tableName: "orders", table: Self.schema.table(named: "orders"),
            rules: .innoDB
        ).access(using: composite)
        #expect(access?.examined == 4 && access?.fetched == 4)
    }

    @Test func aRangeColumnEndsThePrefix() throws {
        let sql = "SELECT * FROM orders WHERE customer_id = 9 AND created_at > '2025-01-01' AND status = 'paid'"
        let model = try planner(sql)
        // (customer_id, created_at, status): 4 rows × 1/3 for the range; status is only filtered.
        let rangeFirst = try model.cost(of: sql, with: [orders("customer_id", "created_at", "status")]).cost
        #expect(abs(rangeFirst - 2 * 4.0 / 3) < 1e-9)
        // (customer_id, status, created_at): 4 × 1/6 × 1/3 rows.
        let rangeLast = try model.cost(of: sql, with: [orders("customer_id", "status", "created_at")]).cost
        #expect(abs(rangeLast - 2 * 4.0 / 18) < 1e-9)
    }

    @Test func deliveredOrderLetsLimitStopEarly() throws {
        let sql = "SELECT id, customer_id, status, total, updated_at FROM orders ORDER BY updated_at DESC LIMIT 50"
        let model = try planner(sql)
        #expect(try model.cost(of: sql, with: []).cost == 400_050)  // scan + 50 rows read back from the filesort
        #expect(try model.cost(of: sql, with: [orders("updated_at")]).cost == 100)  // 50 entries + 50 visits
    }

    @Test func limitDoesNotStopAPathThatSorts() throws {
        let sql = "SELECT * FROM orders WHERE status = 'paid' ORDER BY updated_at LIMIT 50"
        let model = try planner(sql)
        // (status): all 66,666.7 paid rows + their visits, then 50 read back from the sort.
        let sorting = try model.cost(of: sql, with: [orders("status")]).cost
        #expect(abs(sorting - (2 * 400_000.0 / 6 + 50)) < 1e-6)
        // (status, updated_at) delivers the order: 50 entries + 50 visits.
        #expect(try model.cost(of: sql, with: [orders("status", "updated_at")]).cost == 100)
    }

    @Test func inListBreaksOrderDelivery() throws {
        let sql = "SELECT * FROM orders WHERE status IN ('paid', 'shipped') ORDER BY updated_at LIMIT 50"
        let model = try planner(sql)
        // IN counts as 5 values: 5/6 of the rows, unsorted, × 2 with visits: dearer than the scan.
        let result = try model.cost(of: sql, with: [orders("status", "updated_at")])
        #expect(result.cost == 400_050 && result.usedIndexes.isEmpty)
        let access = TableAccessModel(
            shape: try PostgresParser.shape(of: sql), tableName: "orders", table: Self.schema.table(named: "orders"),
            rules: .innoDB
        ).access(using: orders("status", "updated_at"))
        #expect(access?.sortedReadBack == 50)
        #expect(abs((access?.examined ?? 0) - 400_000 * 5.0 / 6) < 1e-6)
    }

    @Test func observedRowsExaminedCalibrateBeforeAndAfter() throws {
        let sql =
            "SELECT id, status, total, created_at FROM orders WHERE customer_id = 9 AND status = 'paid' ORDER BY created_at DESC"
        let composite = orders("customer_id", "status", "created_at")
        // Model, current plan via orders_customer_id_idx: 4 rows + 4 visits + 2/3 rows read back
        // from the filesort = 26/3, of which 14/3 are rows examined. After: 2/3 rows + 2/3 visits.
        let model = try planner(sql)
        #expect(abs(try model.cost(of: sql, with: []).cost - 26.0 / 3) < 1e-9)
        #expect(abs(try model.cost(of: sql, with: [composite]).cost - 4.0 / 3) < 1e-9)
        // The slow log saw 2,071 rows examined per call (3 calls): k = 2,071 / (14/3).
        let counters = ExecutionCounters(calls: 3, rowsExamined: 6_213)
        let calibrated = try planner(sql, counters: counters)
        let k = 2_071 / (14.0 / 3)
        let before = try calibrated.cost(of: sql, with: []).cost
        let after = try calibrated.cost(of: sql, with: [composite]).cost
        #expect(abs(before - (2_071 + 4 * k)) < 1e-6)  // observed rows examined + the 4 visits, scaled
        #expect(abs(after - 4.0 / 3 * k) < 1e-6)
        #expect(abs(after / before - (4.0 / 3) / (26.0 / 3)) < 1e-12)  // after = before × model ratio
    }

    @Test func timeSavedIsQueryTimeTimesTheReduction() throws {
        let sql = "SELECT * FROM orders WHERE tracking_number = 'JJD2260438662'"
        let timed = try query(sql, counters: ExecutionCounters(calls: 24, rowsExamined: 24 * 400_017), timeMs: 3_000)
        let result = try IndexAdvisor(schema: Self.schema).advise(
            [timed], planner: MySQLCostModelPlanner(schema: Self.schema, queries: [timed]),
            name: { $0.description })
        let recommendation = try #require(result.recommendations.first)
        #expect(recommendation.index.keyColumns == ["tracking_number"])
        #expect(recommendation.gain.basis == .mysqlCostModel)
        // k = 400,017 / 400,000; before = 400,017, after = 2 × k (1 entry + 1 visit).
        let k = 400_017.0 / 400_000
        let query = try #require(recommendation.queries.first)
        #expect(abs(query.gain.costBefore - 400_017) < 1e-6)
        #expect(abs(query.gain.costAfter - 2 * k) < 1e-9)
        #expect(abs((query.gain.timeSavedMs ?? 0) - 3_000 * (1 - 2 * k / 400_017)) < 1e-9)
    }

    @Test func joinedTableIsLookedUpOncePerOuterRow() throws {
        let sql =
            "SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.tracking_number = 'x'"
        let model = try planner(sql)
        // Without an index orders is scanned (400,000) and drives with 1 row; customers by its
        // primary key: 1 row, no visit.
        #expect(try model.cost(of: sql, with: []).cost == 400_001)
        // With (tracking_number): 1 entry + 1 visit (customer_id is not in it), then the lookup.
        let result = try model.cost(of: sql, with: [orders("tracking_number")])
        #expect(result.cost == 3 && result.usedIndexes == [orders("tracking_number")])
    }

    @Test func sizeCountsKeyPrimaryKeyAndRecordOverheadAt15of16Fill() throws {
        let model = try planner("SELECT 1")
        // (customer_id): 8 + id 8 bytes + 5-byte header + 0.5 directory = 21.5 bytes per record;
        // 15,240 usable bytes per page -> 565 leaves, 1 root: 566 × 16 KiB.
        #expect(try model.estimatedSize(of: orders("customer_id")) == 566 * 16_384)
        // The primary key column named in the index is not stored twice.
        #expect(try model.estimatedSize(of: orders("customer_id", "id")) == 566 * 16_384)

        let codes = Table(
            schema: "shop", name: "parcels",
            columns: [
                Column(name: "id", dataType: "bigint", isNullable: false),
                Column(
                    name: "code", dataType: "varchar(40)", isNullable: true,
                    statistics: ColumnStatistics(averageWidth: 13)),
            ],
            indexes: [Index(name: "PRIMARY", keyColumns: [IndexKey(name: "id")], isPrimary: true, method: "BTREE")],
            estimatedRows: 100_000)
        let schema = Schema(engine: .mariadb, serverVersion: "10.11", database: "shop", tables: [codes])
        // 13 + 8 bytes + header 5 + NULL bitmap 1 + length 1 + 0.5 = 28.5 -> 188 leaves + 1 root.
        let size = try MySQLCostModelPlanner(schema: schema, queries: []).estimatedSize(
            of: IndexCandidate(table: "parcels", keyColumns: ["code"]))
        #expect(size == 189 * 16_384)
    }

    @Test func storedBytesFollowTheTypes() {
        func bytes(_ type: String) -> Double {
            InnoDBRecordSize.storedBytes(Column(name: "c", dataType: type, isNullable: false)).bytes
        }
        #expect(bytes("datetime(6)") == 8)
        #expect(bytes("datetime") == 5)
        #expect(bytes("decimal(12,2)") == 6)  // 10 integer digits: 4 + 1; 2 fraction digits: 1
        #expect(bytes("int(11)") == 4)
        #expect(bytes("varchar(40)") == 20)  // no statistics: half the declared length
    }

    @Test func mySQLCoveringCandidatesLeaveThePrimaryKeyOut() throws {
        let sql = "SELECT id, customer_id, status, total, updated_at FROM orders ORDER BY updated_at DESC LIMIT 50"
        let candidates = CandidateGenerator(schema: Self.schema).candidates(for: try PostgresParser.shape(of: sql))
        #expect(
            candidates.contains {
                $0.keyColumns == ["updated_at"] && $0.includedColumns == ["customer_id", "status", "total"]
            })
        #expect(!candidates.contains { $0.includedColumns.contains("id") })
        let postgres = CandidateGenerator(schema: ShopSchema.schema).candidates(for: try PostgresParser.shape(of: sql))
        #expect(postgres.contains { $0.includedColumns.contains("id") })
    }

    @Test func unknownStatementIsRefused() throws {
        #expect(throws: DriverError.self) { try planner("SELECT 1").cost(of: "SELECT 2", with: []) }
    }
}
