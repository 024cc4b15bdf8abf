import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

@Suite("MySQL connection", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct ConnectionTests {
    @Test func connectsAndDetectsMariaDBFromTheVersionString() throws {
        let dsn = try TestServer.dsn()
        let connection = try MySQLConnection(dsn: dsn, environment: [:])
        #expect(connection.engine == .mariadb)
        #expect(connection.serverVersion.contains("MariaDB"))
        #expect(connection.serverLabel == dsn.serverLabel)
    }

    @Test func queryReturnsValuesAsTextAndNullAsNil() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        let result = try connection.query(
            """
            SELECT 42 AS answer, -1.5 AS ratio, 'héllo ✓' AS greeting, NULL AS nothing,
                   CAST('2024-01-02 03:04:05' AS DATETIME) AS moment, X'610062' AS bytes
            """)
        #expect(result.columns == ["answer", "ratio", "greeting", "nothing", "moment", "bytes"])
        #expect(result.rows == [["42", "-1.5", "héllo ✓", nil, "2024-01-02 03:04:05", "a\u{0}b"]])
        let row = try #require(result.namedRows.first)
        #expect(row.int("answer") == 42)
        #expect(row.double("ratio") == -1.5)
        #expect(result.affectedRows == nil)
    }

    @Test func emptyResultSetKeepsItsColumns() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        let result = try connection.query("SELECT 1 AS one FROM DUAL WHERE 1 = 0")
        #expect(result.columns == ["one"])
        #expect(result.rows.isEmpty)
    }

    @Test func statementWithoutResultSetReportsAffectedRows() throws {
        let connection = try TestServer.connectAsAdmin()
        let created = try connection.query("CREATE TEMPORARY TABLE scratch (a INT)")
        #expect(created.columns.isEmpty && created.rows.isEmpty)
        #expect(created.affectedRows == 0)
        #expect(try connection.query("INSERT INTO scratch VALUES (1), (2), (3)").affectedRows == 3)
        #expect(try connection.query("UPDATE scratch SET a = a + 1 WHERE a >= 2").affectedRows == 2)
    }

    @Test func procedureCallReturnsItsFirstResultAndLeavesTheConnectionUsable() throws {
        let connection = try TestServer.connectAsAdmin()
        let result = try connection.query("CALL two_results()")
        #expect(result.columns == ["first"] && result.rows == [["1"]])
        #expect(try connection.query("SELECT 3").rows == [["3"]])
    }

    @Test func multipleStatementsAreNeverRun() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        let error = try #require(throws: DriverError.self) { try connection.query("SELECT 1; SELECT 2") }
        #expect(error.code == 1064)
        #expect(try connection.query("SELECT 3").rows == [["3"]])
    }

    @Test func wrongPasswordIsAuthenticationFailedWithoutThePassword() throws {
        var dsn = try TestServer.dsn()
        dsn.password = "not-the-password-8472"
        let error = try #require(throws: DriverError.self) { try MySQLConnection(dsn: dsn, environment: [:]) }
        #expect(error.kind == .authenticationFailed)
        #expect(error.code == 1045)
        #expect(error.sqlState == "28000")
        #expect(error.server == dsn.serverLabel)
        #expect(!error.description.contains("not-the-password-8472"))
        #expect(!error.description.contains("\n"))
    }

    @Test func closedPortIsConnectionFailedQuickly() throws {
        let dsn = DataSourceName(engine: .mysql, user: "nobody", host: "127.0.0.1", port: 1)
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: DriverError.self) { try MySQLConnection(dsn: dsn, environment: [:]) }
        #expect(clock.now - start < .seconds(5))
        #expect(error.kind == .connectionFailed)
        #expect(error.code == 2002 || error.code == 2003)
        #expect(error.server == "127.0.0.1:1")
    }

    @Test func unknownDatabaseIsReportedAsSuch() throws {
        let dsn = try TestServer.dsn(database: "dbadvisor_no_such_database")
        let error = try #require(throws: DriverError.self) { try MySQLConnection(dsn: dsn, environment: [:]) }
        #expect(error.kind == .unknownDatabase)
        #expect(error.code == 1049)
        #expect(error.server == dsn.serverLabel)
        #expect(error.server.hasSuffix("/dbadvisor_no_such_database"))
    }

    @Test func syntaxErrorIsQueryFailedWithErrnoAndSQLState() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        let error = try #require(throws: DriverError.self) { try connection.query("SELEC 1") }
        #expect(error.kind == .queryFailed)
        #expect(error.code == 1064)
        #expect(error.sqlState == "42000")
        #expect(error.engine == .mariadb)
        #expect(error.message.contains("SQL syntax"))
    }

    @Test func closedConnectionReportsConnectionLost() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        connection.close()
        connection.close()
        let error = try #require(throws: DriverError.self) { try connection.query("SELECT 1") }
        #expect(error.kind == .connectionLost)
    }

    @Test func killedConnectionReportsConnectionLost() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        let id = try #require(connection.query("SELECT CONNECTION_ID()").rows.first?.first ?? nil)
        let admin = try MySQLConnection(dsn: TestServer.adminDSN(), environment: [:])
        _ = try admin.query("KILL CONNECTION \(id)")
        let error = try #require(throws: DriverError.self) { try connection.query("SELECT 1") }
        #expect(error.kind == .connectionLost)
    }

    @Test func passwordComesFromMYSQL_PWDWhenTheDSNHasNone() throws {
        var dsn = try TestServer.dsn()
        let password = try #require(dsn.password)
        dsn.password = nil
        let connection = try MySQLConnection(dsn: dsn, environment: ["MYSQL_PWD": password])
        #expect(try connection.query("SELECT CURRENT_USER()").rows.first?.first??.hasPrefix("advisor@") == true)
    }

    @Test func hostPortAndUserComeFromTheEnvironmentWhenTheDSNHasNone() throws {
        let dsn = try TestServer.dsn()
        let environment = [
            "MYSQL_HOST": try #require(dsn.host), "MYSQL_TCP_PORT": "\(try #require(dsn.port))",
            "USER": try #require(dsn.user), "MYSQL_PWD": try #require(dsn.password),
        ]
        let connection = try MySQLConnection(dsn: DataSourceName(engine: .mysql), environment: environment)
        #expect(try connection.query("SELECT CURRENT_USER()").rows.first?.first??.hasPrefix("advisor@") == true)
        #expect(connection.serverLabel == dsn.serverLabel)
    }

    /// scripts/dev-db puts the server's socket under DBADVISOR_DEV_DB_DIR.
    static let devSocket = TestServer.environment["DBADVISOR_DEV_DB_DIR"].map { $0 + "/mysql/mysqld.sock" }

    @Test(.enabled(if: devSocket.map(FileManager.default.fileExists(atPath:)) ?? false, "no dev-db socket"))
    func connectsThroughTheUnixSocketNamedInTheDSN() throws {
        var dsn = try TestServer.dsn()
        let socket = try #require(Self.devSocket)
        dsn.host = nil
        dsn.port = nil
        dsn.options = [("socket", socket)]
        let connection = try MySQLConnection(dsn: dsn, environment: [:])
        #expect(try connection.query("SELECT 1").rows == [["1"]])
        #expect(connection.serverLabel == "localhost (socket \(socket))")
    }
}
