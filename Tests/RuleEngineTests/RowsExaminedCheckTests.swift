import AdvisorCore
import PlanParsing
import RuleEngine
import Testing

/// `high-rows-examined` speaks from log counters only where no plan says more.
@Suite struct RowsExaminedCheckTests {
    func spec() throws -> RuleSpec {
        try #require(try RuleCatalog.builtInSpecs().first { $0.id == "high-rows-examined" })
    }

    func context(plan: String?) throws -> RuleContext {
        let counters = ExecutionCounters(calls: 24, rowsExamined: 9_600_408, rowsSent: 24, fullScans: 24)
        return try ExampleContext.context(
            engine: .mariadb,
            schema: """
                orders rows=400000 size=48MB columns=id:bigint,status,tracking_number
                  index PRIMARY (id) primary
                """,
            queries: [
                .init(
                    sql: "SELECT * FROM orders WHERE tracking_number = 'JJD2260438662'", plan: plan, calls: 24,
                    totalMs: 1862.4, counters: counters)
            ])
    }

    @Test func aStatementWithoutAPlanIsJudgedByItsLoggedCounters() throws {
        let findings = RowsExaminedCheck().findings(in: try context(plan: nil), spec: try spec())
        #expect(findings.map(\.table) == ["orders"])
        #expect(findings.first?.evidence.contains { $0.contains("no index used in 100% of 24 calls") } == true)
    }

    @Test func aPlannedStatementIsLeftToThePlanRules() throws {
        let plan = """
            {"query_block":{"select_id":1,"table":{"table_name":"orders","access_type":"ALL","rows":400017,\
            "filtered":100,"attached_condition":"orders.tracking_number = 'JJD2260438662'"}}}
            """
        #expect(RowsExaminedCheck().findings(in: try context(plan: plan), spec: try spec()).isEmpty)
    }

    @Test func aPlanTheServerLoggedIsEvidenceNotASubstituteForAnalyze() throws {
        var context = try context(plan: nil)
        let logged = """
            {"query_block":{"select_id":1,"table":{"table_name":"orders","access_type":"ALL","rows":400017,\
            "filtered":100,"attached_condition":"orders.tracking_number = 'JJD2260438662'"}}}
            """
        context.queries[0].group.loggedPlan = try PlanParser.parse(json: logged, engine: .mariadb)
        let findings = RowsExaminedCheck().findings(in: context, spec: try spec())
        #expect(findings.count == 1)
        #expect(findings.first?.evidence.contains { $0.hasPrefix("logged plan: ") && $0.contains("orders") } == true)
    }
}
