import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

@Suite("EXPLAIN FORMAT=JSON on MariaDB", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct ExplainTests {
    /// The first `table` object in the plan, wherever MariaDB nested it (filesort, nested_loop…).
    private func tableNode(_ json: String) throws -> [String: Any] {
        func find(_ node: Any) -> [String: Any]? {
            if let object = node as? [String: Any] {
                if let table = object["table"] as? [String: Any] { return table }
                return object.keys.sorted().lazy.compactMap { find(object[$0]!) }.first
            }
            return (node as? [Any])?.lazy.compactMap(find).first
        }
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect((root as? [String: Any])?["query_block"] != nil)
        return try #require(find(root), "no table in \(json)")
    }

    @Test func explainsASelectAsJSON() throws {
        let connection = try TestServer.connectToTestDatabase()
        let json = try connection.explainJSON("SELECT email FROM customers WHERE id BETWEEN 1 AND 5")
        let table = try tableNode(json)
        #expect(table["table_name"] as? String == "customers")
        #expect(table["access_type"] as? String == "range")
        #expect(table["key"] as? String == "PRIMARY")
    }

    @Test func explainsAnUpdateWithoutRunningIt() throws {
        let connection = try TestServer.connectAsAdmin()
        let json = try connection.explainJSON("UPDATE customers SET name = 'changed' WHERE id = 1;")
        #expect(try tableNode(json)["table_name"] as? String == "customers")
        #expect(try connection.query("SELECT name FROM customers WHERE id = 1").rows == [["Customer 1"]])
    }

    @Test func explainingAWriteNeedsTheWritePrivilege() throws {
        let connection = try TestServer.connectToTestDatabase()
        let error = try #require(throws: DriverError.self) {
            try connection.explainJSON("UPDATE customers SET name = 'changed' WHERE id = 1")
        }
        #expect(error.kind == .queryFailed)
        #expect(error.code == 1142)  // ER_TABLEACCESS_DENIED_ERROR: the read-only role may not UPDATE
    }

    @Test func explainOfAMissingTableFailsAndTheConnectionStaysUsable() throws {
        let connection = try TestServer.connectToTestDatabase()
        let error = try #require(throws: DriverError.self) { try connection.explainJSON("SELECT * FROM no_such_table") }
        #expect(error.kind == .queryFailed)
        #expect(error.code == 1146)
        #expect(error.sqlState == "42S02")
        #expect(try connection.query("SELECT COUNT(*) FROM customers").rows == [["100"]])
    }

    @Test func statementsThatCannotBeExplainedAreRefusedBeforeSending() throws {
        let connection = try TestServer.connectToTestDatabase()
        for sql in [
            "DROP TABLE customers", "SET @a = 1", "  /* x */ ANALYZE FORMAT=JSON SELECT 1", "/*! DROP */ SELECT 1", "",
        ] {
            let error = try #require(throws: DriverError.self) { try connection.explainJSON(sql) }
            #expect(error.kind == .unsupportedStatement)
            #expect(error.code == nil, "\(sql) reached the server")
            #expect(error.message.hasPrefix("cannot EXPLAIN"))
        }
        #expect(try connection.query("SELECT COUNT(*) FROM customers").rows == [["100"]])
    }
}
