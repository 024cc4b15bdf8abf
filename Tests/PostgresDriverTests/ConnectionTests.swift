import AdvisorCore
import Testing

@testable import PostgresDriver

@Suite("Connecting and querying a live server", .enabled(if: TestServer.enabled))
struct ConnectionTests {
    @Test func queryReturnsTextValuesAndNilForNull() throws {
        let dsn = try TestServer.dsn()
        let connection = try PostgresConnection(dsn: dsn)
        let result = try connection.query(
            "SELECT 42 AS answer, 2.5::float8 AS ratio, 'héllo'::text AS greeting, true AS flag, "
                + "NULL::int AS nothing, '' AS empty")

        #expect(result.columns == ["answer", "ratio", "greeting", "flag", "nothing", "empty"])
        #expect(result.rows == [["42", "2.5", "héllo", "t", nil, ""]])
        #expect(result.affectedRows == 1)
        let row = try #require(result.namedRows.first)
        #expect(row.int("answer") == 42)
        #expect(row.double("ratio") == 2.5)
        #expect(row.bool("flag") == true)
        #expect(row["nothing"] == nil)
    }

    @Test func reportsEngineVersionAndServerLabelWithoutPassword() throws {
        let dsn = try TestServer.dsn()
        let connection = try PostgresConnection(dsn: dsn)
        #expect(connection.engine == .postgres)
        #expect(connection.serverVersion.hasPrefix("15"))
        #expect(connection.serverLabel == "\(dsn.host!):\(dsn.port!)/\(dsn.database!)")
    }

    @Test func namesItselfDbadvisorUnlessTheDSNSaysOtherwise() throws {
        var dsn = try TestServer.dsn()
        let plain = try PostgresConnection(dsn: dsn, environment: [:])
        #expect(try plain.query("SHOW application_name").rows == [["dbadvisor"]])

        dsn.options = [("application_name", "nightly-check")]
        let named = try PostgresConnection(dsn: dsn)
        #expect(try named.query("SHOW application_name").rows == [["nightly-check"]])
    }

    @Test func wrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() throws {
        var dsn = try TestServer.dsn()
        dsn.password = "not-the-Secret-7391"
        let error = try #require(throws: DriverError.self) { try PostgresConnection(dsn: dsn) }

        #expect(error.kind == .authenticationFailed)
        #expect(error.message.contains("password authentication failed"))
        #expect(!error.message.contains("\n"))
        #expect(!error.description.contains("not-the-Secret-7391"))
        #expect(error.server == "\(dsn.host!):\(dsn.port!)/\(dsn.database!)")
    }

    @Test func closedPortFailsToConnectQuickly() throws {
        let dsn = DataSourceName(engine: .postgres, user: "nobody", host: "127.0.0.1", port: 1, database: "none")
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: DriverError.self) { try PostgresConnection(dsn: dsn, environment: [:]) }

        #expect(error.kind == .connectionFailed)
        #expect(error.server == "127.0.0.1:1/none")
        #expect(!error.message.contains("\n"))
        #expect(clock.now - start < .seconds(5))
    }

    @Test func missingDatabaseIsReportedAsUnknownDatabase() throws {
        var dsn = try TestServer.dsn()
        dsn.database = "dbadvisor_no_such_database"
        let error = try #require(throws: DriverError.self) { try PostgresConnection(dsn: dsn) }
        #expect(error.kind == .unknownDatabase)
        #expect(error.message.contains("dbadvisor_no_such_database"))
    }

    @Test func syntaxErrorCarriesSQLStateAndPositionAndLeavesConnectionUsable() throws {
        let connection = try PostgresConnection(dsn: try TestServer.dsn())
        let error = try #require(throws: DriverError.self) { try connection.query("SELECT 1 FROM WHERE") }

        #expect(error.kind == .queryFailed)
        #expect(error.sqlState == "42601")
        #expect(error.message == "syntax error at or near \"WHERE\" at character 15")
        #expect(try connection.query("SELECT 1").rows == [["1"]])
    }

    @Test func terminatedBackendIsReportedAsConnectionLost() throws {
        let connection = try PostgresConnection(dsn: try TestServer.dsn())
        let pid = try #require(try connection.query("SELECT pg_backend_pid()").rows.first?.first ?? nil)
        let admin = try PostgresConnection(dsn: try TestServer.dsn("DBADVISOR_PG_ADMIN_DSN"))
        _ = try admin.query("SELECT pg_terminate_backend(\(pid), 5000)")

        let error = try #require(throws: DriverError.self) { try connection.query("SELECT 1") }
        #expect(error.kind == .connectionLost)
    }

    @Test func closedConnectionRefusesQueries() throws {
        let connection = try PostgresConnection(dsn: try TestServer.dsn())
        connection.close()
        connection.close()
        let error = try #require(throws: DriverError.self) { try connection.query("SELECT 1") }
        #expect(error.kind == .connectionLost)
    }
}
