import SQLParsing
import Testing

@Suite struct SQLParseErrorTests {
    private func error(parsing sql: String) throws -> SQLParseError {
        do {
            _ = try PostgresParser.shape(of: sql)
        } catch {
            return error
        }
        Issue.record("expected a syntax error for \(sql)")
        throw CancellationError()
    }

    @Test func syntaxErrorReportsLineAndColumnOfTheToken() throws {
        let error = try error(parsing: "SELECT * FORM orders")
        #expect(error.message == #"syntax error at or near "FORM""#)
        #expect(error.position == 10)
        #expect(error.line == 1 && error.column == 10)
        #expect(error.description == #"SQL syntax error at line 1, column 10: syntax error at or near "FORM""#)
    }

    /// PostgreSQL counts the position in characters, so a multi-byte character before the error
    /// must not shift the column.
    @Test func positionOnALaterLineCountsCharactersNotBytes() throws {
        let error = try error(parsing: "SELECT 'café', id\nFROM orders\nWHERE id = 1 AND AND status = 'x'")
        #expect(error.line == 3)
        #expect(error.column == 18)
    }

    @Test func unterminatedStringIsAnError() throws {
        let error = try error(parsing: "SELECT 'abc")
        #expect(error.message.hasPrefix("unterminated quoted string"))
        #expect(error.column == 8)
    }

    @Test func errorWithoutPositionHasNoLine() {
        let error = SQLParseError(message: "boom")
        #expect(error.line == nil)
        #expect(error.description == "SQL syntax error: boom")
    }
}
