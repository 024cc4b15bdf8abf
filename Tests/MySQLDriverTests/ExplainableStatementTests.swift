import Testing

@testable import MySQLDriver

@Suite("Which statements may be explained")
struct ExplainableStatementTests {
    @Test(arguments: [
        "SELECT 1", "select * from t", "  \n\tUPDATE t SET a = 1", "insert into t values (1)", "DELETE FROM t",
        "REPLACE INTO t VALUES (1)", "TABLE t", "WITH x AS (SELECT 1) SELECT * FROM x",
        "(SELECT 1) UNION (SELECT 2)", "-- note\nSELECT 1", "# note\nSELECT 1", "/* a */ /* b */ SELECT 1",
        "/*+ hint */ SELECT 1",
    ])
    func explainableStatementsPass(sql: String) {
        #expect(ExplainableStatement.refusal(for: sql) == nil)
    }

    @Test(arguments: [
        "DROP TABLE t", "SET @a = 1", "ANALYZE SELECT 1", "EXPLAIN SELECT 1", "CALL p()", "--1\nSELECT 1",
        "LOAD DATA INFILE 'x' INTO TABLE t", "SHOW TABLES",
    ])
    func otherStatementsAreRefusedByName(sql: String) throws {
        let refusal = try #require(ExplainableStatement.refusal(for: sql))
        #expect(refusal.hasPrefix("cannot EXPLAIN a "))
    }

    @Test func leadingKeywordSkipsCommentsAndParentheses() {
        #expect(ExplainableStatement.leadingKeyword(of: " /* x */ ((select 1))") == .keyword("SELECT"))
        #expect(ExplainableStatement.leadingKeyword(of: "-- only a comment") == .empty)
        #expect(ExplainableStatement.leadingKeyword(of: "/* unterminated") == .empty)
    }

    @Test func executableCommentsAreCodeNotComments() {
        #expect(ExplainableStatement.leadingKeyword(of: "/*!40101 SET x = 1 */ SELECT 1") == .executableComment)
        #expect(ExplainableStatement.leadingKeyword(of: "/*M!100100 DROP TABLE t */") == .executableComment)
        #expect(ExplainableStatement.refusal(for: "/*!SELECT*/ 1")?.contains("executable comment") == true)
    }
}
