import AdvisorCore
import PlanParsing
import TestSupport
import Testing

/// Bad input is an error with a one-line message, never a crash.
@Suite struct MalformedPlanInputTests {
    @Test(arguments: Engine.allCases)
    func emptyInputIsAnError(_ engine: Engine) {
        #expect(throws: PlanParseError("EXPLAIN output is empty")) {
            try PlanParser.parse(json: "  \n", engine: engine)
        }
    }

    @Test func truncatedJSONSaysWhy() throws {
        let full = try GoldenFile(name: "postgres-hash-join.json").read()
        let error = #expect(throws: PlanParseError.self) {
            try PlanParser.parse(json: String(full.prefix(200)), engine: .postgres)
        }
        #expect(error?.description.hasPrefix("EXPLAIN output is not JSON: ") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func everyTruncationOfARealPlanFailsCleanly() throws {
        for name in ["postgres-analyze-join", "mariadb-semi-join", "mysql-join-filesort"] {
            let full = try GoldenFile(name: "\(name).json").read()
            let engine = Engine(rawValue: String(name.prefix { $0 != "-" }))!
            for length in stride(from: 0, to: full.count - 2, by: 7) {
                #expect(throws: PlanParseError.self) {
                    try PlanParser.parse(json: String(full.prefix(length)), engine: engine)
                }
            }
        }
    }

    @Test func plainTextIsNotJSON() {
        let error = #expect(throws: PlanParseError.self) {
            try PlanParser.parse(json: "Seq Scan on orders  (cost=0.00..21846.00 rows=12 width=40)", engine: .postgres)
        }
        #expect(error?.description.hasPrefix("EXPLAIN output is not JSON") == true)
    }

    @Test func wrongShapesNameWhatIsMissing() {
        #expect(throws: PlanParseError("no Plan object in PostgreSQL EXPLAIN output")) {
            try PlanParser.parse(json: #"{"query_block": {"select_id": 1}}"#, engine: .postgres)
        }
        #expect(throws: PlanParseError("no Plan object in PostgreSQL EXPLAIN output")) {
            try PlanParser.parse(json: #"[]"#, engine: .postgres)
        }
        #expect(throws: PlanParseError("no Plan object in PostgreSQL EXPLAIN output")) {
            try PlanParser.parse(json: #"[{"Plan": "Seq Scan"}]"#, engine: .postgres)
        }
        #expect(throws: PlanParseError("no query_block object in MySQL EXPLAIN output")) {
            try PlanParser.parse(json: #"[{"Plan": {"Node Type": "Seq Scan"}}]"#, engine: .mysql)
        }
        #expect(throws: PlanParseError("no query_block object in MariaDB EXPLAIN output")) {
            try PlanParser.parse(json: #"42"#, engine: .mariadb)
        }
    }

    @Test func numbersAsStringsAndStringsAsNumbersAreRead() throws {
        let postgresJSON = """
            [{"Plan": {"Node Type": "Seq Scan", "Relation Name": 7, "Total Cost": "12.50", "Plan Rows": "3",
                       "Sort Key": "a", "Plans": "none"}}]
            """
        let postgres = try PlanParser.parse(json: postgresJSON, engine: .postgres)
        #expect(postgres.root.relation == "7")
        #expect(postgres.totalCost == 12.5)
        #expect(postgres.root.estimatedRows == 3)
        #expect(postgres.root.sortKeys == ["a"])
        #expect(postgres.root.children.isEmpty)

        let mariadbJSON = """
            {"query_block": {"nested_loop": [{"table": {"table_name": "t", "access_type": "ref", "rows": "12",
              "filtered": "abc", "using_index": "true", "ref": "const", "used_key_parts": "a"}}]}}
            """
        let mariadb = try PlanParser.parse(json: mariadbJSON, engine: .mariadb)
        #expect(mariadb.root.estimatedRows == 12)
        #expect(mariadb.root.filteredPercent == nil)
        #expect(mariadb.root.operation == .indexOnlyScan)
        #expect(mariadb.root.indexCondition == "a = const")
    }

    @Test func unexpectedValueTypesAreSkipped() throws {
        let json = """
            {"query_block": {"nested_loop": [1, null, "x", {"table": null}, {"table": {"table_name": "t"}}],
                             "table": [true]}}
            """
        let plan = try PlanParser.parse(json: json, engine: .mariadb)
        #expect(plan.nodes.count == 1)
        #expect(plan.root.operation == .other)
        #expect(plan.root.alias == "t")
    }

    @Test func postgresNodeWithoutNodeTypeStillParses() throws {
        let plan = try PlanParser.parse(
            json: #"{"Plan": {"Plans": [{}, 3, {"Node Type": "Limit"}]}}"#, engine: .postgres)
        #expect(plan.root.nodeType == "Unknown")
        #expect(plan.root.children.map(\.operation) == [.other, .limit])
    }
}
