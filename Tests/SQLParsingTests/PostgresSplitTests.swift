import SQLParsing
import Testing

@Suite struct PostgresSplitTests {
    @Test func scriptSplitsIntoStatementsRespectingStringsAndComments() throws {
        let script = """
            -- workload
            SELECT * FROM orders WHERE note = 'a;b';
            UPDATE jobs SET status = 'done' WHERE id = 1; /* trailing */

            DELETE FROM audit_log WHERE created_at < now() - interval '1 year'
            """
        let statements = try PostgresParser.split(script)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix("SELECT * FROM orders WHERE note = 'a;b'"))
        #expect(statements[1] == "UPDATE jobs SET status = 'done' WHERE id = 1")
        #expect(statements[2].hasSuffix("interval '1 year'"))
    }

    @Test func splitKeepsNonASCIITextIntact() throws {
        #expect(try PostgresParser.split("SELECT 'größe'; SELECT 'ünï'") == ["SELECT 'größe'", "SELECT 'ünï'"])
    }

    @Test func splitReportsSyntaxErrors() {
        #expect(throws: SQLParseError.self) { try PostgresParser.split("SELECT 1; SELEC 2") }
    }
}
