import AdvisorCore
import Testing

@Suite("DriverError")
struct DriverErrorTests {
    @Test func foldsMultiLineServerMessagesIntoOneLine() {
        let error = DriverError(
            kind: .queryFailed, engine: .postgres, sqlState: "42601",
            message: "ERROR:  syntax error at or near \"FORM\"\nLINE 1: SELECT * FORM t\n                 ^\n",
            server: "127.0.0.1:5432/shop")
        #expect(!error.description.contains("\n"))
        #expect(
            error.description
                == "PostgreSQL 127.0.0.1:5432/shop: ERROR:  syntax error at or near \"FORM\" LINE 1: SELECT * FORM t ^ (SQLSTATE 42601)"
        )
    }

    @Test func namesTheErrorNumberForMySQL() {
        let error = DriverError(
            kind: .authenticationFailed, engine: .mariadb, sqlState: "28000", code: 1045,
            message: "Access denied for user 'ro'@'localhost' (using password: YES)", server: "db:3306/shop")
        #expect(error.description.hasSuffix("(SQLSTATE 28000, error 1045)"))
    }
}
