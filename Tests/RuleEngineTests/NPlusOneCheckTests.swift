import AdvisorCore
import Testing

@testable import RuleEngine

/// `n-plus-one` from traces and aggregates: the batched statement it proposes, the saving and the
/// index, per engine and statement form.
@Suite struct NPlusOneCheckTests {
    func spec() throws -> RuleSpec {
        try #require(try RuleCatalog.builtInSpecs().first { $0.id == "n-plus-one" })
    }

    /// Findings for a parent returning 20 rows followed by 20 runs of `lookup`, three times.
    func findings(
        lookup: String, parent: String = "SELECT id FROM orders WHERE customer_id = 42 ORDER BY id LIMIT 20",
        engine: Engine = .postgres, schema: String = "orders rows=1000 columns=id:bigint,customer_id:bigint",
        lookupMs: Double = 0.04, loops: Int = 3, params: [String: RuleParamValue] = [:]
    ) throws -> [Finding] {
        let run = ["parent 0.3ms rows=20", "lookup x20 \(lookupMs)ms", "pause 10s"]
        let steps = Array(repeating: run, count: loops).flatMap { $0 }.compactMap(ExampleSession.step)
        let example = RuleExample(
            name: "test", triggers: true, engine: engine, schema: schema,
            statements: ["parent": ExampleStatement(sql: parent), "lookup": ExampleStatement(sql: lookup)],
            sessions: [ExampleSession(id: "1", steps: steps)])
        var spec = try spec()
        for (name, value) in params { spec.params.values[name] = value }
        return NPlusOneCheck().findings(in: try ExampleContext.context(for: example), spec: spec)
    }

    /// The evidence's times, made without Foundation's formatting.
    @Test func evidenceWritesTimesInUTC() {
        #expect(NPlusOneCheck.timestamp(1_715_363_109.9) == "2024-05-10 17:45:09Z")
        #expect(NPlusOneCheck.timestamp(0) == "1970-01-01 00:00:00Z")
    }

    @Test func aPlainLookupBecomesAnyOfAnArrayOnPostgreSQL() throws {
        let finding = try #require(try findings(lookup: "SELECT * FROM order_items WHERE order_id = 1001").first)
        #expect(finding.loop?.batchedSQL == "SELECT order_items.* FROM order_items WHERE order_id = ANY($1)")
        #expect(finding.loop?.occurrences == 3 && finding.loop?.queries == 60 && finding.loop?.roundTripsSaved == 57)
        #expect(finding.loop?.basis == .sessionTrace)
        #expect(finding.message == "order_items queried once per row of orders: 3 loops of 20 queries")
    }

    @Test func theKeyJoinsTheSelectListSoRowsCanBeToldApart() throws {
        let finding = try #require(
            try findings(lookup: "SELECT product_id, quantity FROM order_items WHERE order_id = $1").first)
        #expect(
            finding.loop?.batchedSQL
                == "SELECT order_items.order_id, product_id, quantity FROM order_items WHERE order_id = ANY($1)")
    }

    @Test func aLatestRowPerKeyIsDistinctOnOnPostgreSQL() throws {
        let finding = try #require(
            try findings(
                lookup: "SELECT id, status FROM job_runs WHERE job_id = 7 ORDER BY started_at DESC LIMIT 1"
            ).first)
        #expect(
            finding.loop?.batchedSQL
                == "SELECT DISTINCT ON (job_runs.job_id) id, status FROM job_runs WHERE job_id = ANY($1) ORDER BY job_runs.job_id, started_at DESC"
        )
    }

    @Test func aTopNPerKeyIsARowNumberWindowOnMariaDB() throws {
        let finding = try #require(
            try findings(
                lookup: "SELECT id, body FROM comments WHERE post_id = 9 ORDER BY created_at DESC LIMIT 3",
                engine: .mariadb,
                schema: "orders rows=1000 columns=id:bigint,customer_id:bigint\n  index PRIMARY (id) primary"
            ).first)
        #expect(
            finding.loop?.batchedSQL
                == "SELECT * FROM (SELECT id, body, row_number() OVER (PARTITION BY comments.post_id ORDER BY created_at DESC) AS rn FROM comments WHERE post_id IN (…)) ranked WHERE rn <= 3"
        )
    }

    @Test func aPerKeyAggregateGroupsByTheKey() throws {
        let finding = try #require(
            try findings(lookup: "SELECT count(*) FROM reviews WHERE product_id = 5", lookupMs: 0.5).first)
        #expect(
            finding.loop?.batchedSQL
                == "SELECT reviews.product_id, count(*) FROM reviews WHERE product_id = ANY($1) GROUP BY reviews.product_id"
        )
    }

    @Test func theCostCountsARoundTripPerQuery() throws {
        // 60 lookups of 0.04 ms: 2.4 ms on the server, 62.4 ms with the default 1 ms round trip.
        #expect(try findings(lookup: "SELECT * FROM order_items WHERE order_id = 1").count == 1)
        #expect(
            try findings(
                lookup: "SELECT * FROM order_items WHERE order_id = 1", params: ["round_trip_ms": .double(0.5)]
            )
            .isEmpty)
        #expect(try findings(lookup: "SELECT * FROM order_items WHERE order_id = 1", loops: 2).isEmpty)
    }

    @Test func theSavingIsTheRoundTripsPlusTheCheapestExecutionPerStatementSaved() throws {
        let loop = try #require(try findings(lookup: "SELECT * FROM order_items WHERE order_id = 1").first?.loop)
        #expect(abs(loop.timeSavedMs - 57 * 1.04) < 1e-6)
    }

    @Test func aLookupWithoutAnIndexGetsOneFromTheCatalog() throws {
        let schema = """
            orders rows=1000 columns=id:bigint,customer_id:bigint
              index orders_pkey (id) primary
            order_items rows=100000 columns=id:bigint,order_id:bigint,product_id:bigint
              index order_items_pkey (id) primary
            """
        let finding = try #require(
            try findings(lookup: "SELECT * FROM order_items WHERE order_id = 1", schema: schema).first)
        #expect(finding.suggestedIndex?.description == "order_items (order_id)")
        #expect(finding.help?.hasSuffix("and index (order_id)") == true)
        #expect(
            finding.evidence.contains("no index of order_items starts with (order_id): every lookup reads the table"))
    }

    @Test func theParentAndTheLargestLoopAreInTheEvidence() throws {
        let finding = try #require(try findings(lookup: "SELECT * FROM order_items WHERE order_id = 1").first)
        #expect(finding.loop?.parentSQL == "SELECT id FROM orders WHERE customer_id = 42 ORDER BY id LIMIT 20")
        #expect(finding.evidence.contains { $0.hasPrefix("parent: SELECT id FROM orders WHERE customer_id = 42") })
        #expect(
            finding.evidence.contains(
                "largest loop: connection 1 at 2026-11-23 10:00:00Z: the parent returned 20 rows, then 20 lookups in 0.80 ms"
            ))
    }
}
