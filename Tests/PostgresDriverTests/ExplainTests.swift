import AdvisorCore
import Foundation
import Testing

@testable import PostgresDriver

@Suite("EXPLAIN without executing", .enabled(if: TestServer.enabled))
struct ExplainTests {
    /// The top plan node of EXPLAIN (FORMAT JSON) output: `[{"Plan": {...}}]`.
    func topNode(_ json: String) throws -> [String: Any] {
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        return try #require(document?.first?["Plan"] as? [String: Any])
    }

    @Test func explainsSelectAsJSONAndLeavesNoTransactionOpen() throws {
        let connection = try TestServer.readOnlyConnection()
        let plan = try topNode(try connection.explainJSON("SELECT * FROM orders WHERE customer_id = 7"))
        #expect(plan["Node Type"] != nil)
        #expect(plan["Total Cost"] is Double)
        #expect(connection.isIdle)
    }

    @Test func parameterizedStatementGetsAGenericPlanEveryTime() throws {
        let connection = try TestServer.readOnlyConnection()
        let sql = "SELECT id FROM orders WHERE customer_id = $1 AND status = $2"
        let first = try connection.explainJSON(sql)
        // A custom plan would have folded the NULLs away; the generic plan keeps the placeholders.
        #expect(first.contains("$1") && first.contains("$2"))
        // A second run would fail with 42P05 had the prepared statement outlived the first.
        #expect(try connection.explainJSON(sql) == first)
        #expect(connection.isIdle)
    }

    /// pg_stat_statements turns `interval '30 days'` into `interval $1`, which does not parse.
    @Test func typedLiteralParametersFromStatStatementsArePlanned() throws {
        let connection = try TestServer.readOnlyConnection()
        let sql = "SELECT id FROM orders WHERE customer_id = $1 AND created_at > timestamptz $2 - interval $3"
        #expect(try connection.explainJSON(sql).contains("Plan"))
        #expect(connection.isIdle)
    }

    @Test func updateIsPlannedButNotExecuted() throws {
        let connection = try TestServer.adminConnection()
        let plan = try topNode(try connection.explainJSON("UPDATE orders SET status = 'cancelled' WHERE id = 1"))
        #expect(plan["Node Type"] as? String == "ModifyTable")
        #expect(plan["Operation"] as? String == "Update")

        let generic = try topNode(try connection.explainJSON("UPDATE orders SET note = $1 WHERE id = $2"))
        #expect(generic["Operation"] as? String == "Update")

        #expect(try connection.query("SELECT status, note FROM orders WHERE id = 1").rows == [["open", nil]])
        #expect(connection.isIdle)
    }

    @Test func readOnlyRoleCannotPlanAWriteItMayNotPerform() throws {
        let connection = try TestServer.readOnlyConnection()
        let error = try #require(throws: DriverError.self) {
            try connection.explainJSON("DELETE FROM orders WHERE id = 1")
        }
        #expect(error.kind == .queryFailed)
        #expect(error.sqlState == "42501")
        #expect(connection.isIdle)
    }

    @Test func missingTableFailsWith42P01AndTheConnectionStaysUsable() throws {
        let connection = try TestServer.readOnlyConnection()
        for sql in ["SELECT * FROM no_such_table", "SELECT * FROM no_such_table WHERE id = $1"] {
            let error = try #require(throws: DriverError.self) { try connection.explainJSON(sql) }
            #expect(error.kind == .queryFailed)
            #expect(error.sqlState == "42P01")
            #expect(error.message.contains("no_such_table"))
            #expect(connection.isIdle)
        }
        #expect(try connection.query("SELECT 1").rows == [["1"]])
        #expect(try connection.explainJSON("SELECT id FROM orders WHERE id = $1").contains("$1"))
    }

    @Test func textHoldingASecondStatementIsRefused() throws {
        let connection = try TestServer.adminConnection()
        let error = try #require(throws: DriverError.self) {
            try connection.explainJSON("SELECT 1; COMMIT; DROP TABLE audit_log")
        }
        #expect(error.sqlState == "42601")
        #expect(try connection.query("SELECT count(*) FROM audit_log").rows == [["0"]])
        #expect(connection.isIdle)
    }

    @Test func refusesToRunInsideTheCallersTransaction() throws {
        let connection = try TestServer.readOnlyConnection()
        _ = try connection.query("BEGIN")
        let error = try #require(throws: DriverError.self) { try connection.explainJSON("SELECT 1") }
        #expect(error.kind == .queryFailed)
        _ = try connection.query("ROLLBACK")
    }
}
