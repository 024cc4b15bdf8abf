import AdvisorCore
import Testing

@testable import PostgresDriver

@Suite("Connection settings and error classification, without a server")
struct ConnectionSettingsTests {
    @Test func passesWhatTheDSNStatesAndAddsDbadvisorDefaults() throws {
        let dsn = try DataSourceName(parsing: "postgres://app:s%40cret@db.internal:6432/shop?sslmode=require")
        let parameters = ConnectionParameters(dsn: dsn, environment: [:])
        #expect(
            parameters.pairs.map(\.keyword) == [
                "user", "password", "host", "port", "dbname", "sslmode", "fallback_application_name", "connect_timeout",
            ])
        #expect(parameters.value(for: "password") == "s@cret")
        #expect(parameters.value(for: "fallback_application_name") == "dbadvisor")
        #expect(parameters.value(for: "connect_timeout") == "10")
    }

    @Test func leavesEverythingElseToLibpqsEnvironment() {
        let parameters = ConnectionParameters(dsn: nil, environment: ["PGHOST": "elsewhere"])
        #expect(parameters.pairs.map(\.keyword) == ["fallback_application_name", "connect_timeout"])
    }

    @Test func connectTimeoutFromDSNOrEnvironmentWins() throws {
        let dsn = try DataSourceName(parsing: "postgres://db/shop?connect_timeout=3")
        #expect(ConnectionParameters(dsn: dsn, environment: [:]).value(for: "connect_timeout") == "3")
        let fromEnvironment = ConnectionParameters(dsn: nil, environment: ["PGCONNECT_TIMEOUT": "2"])
        #expect(fromEnvironment.value(for: "connect_timeout") == nil)
    }

    @Test func unknownOptionIsAConfigurationErrorNamingIt() throws {
        let dsn = try DataSourceName(parsing: "postgres://db/shop?sslmdoe=require")
        let error = try #require(throws: DriverError.self) { try PostgresConnection(dsn: dsn) }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("sslmdoe"))
    }

    @Test func mysqlDSNIsRefused() throws {
        let dsn = try DataSourceName(parsing: "mysql://root@db/shop")
        let error = try #require(throws: DriverError.self) { try PostgresConnection(dsn: dsn) }
        #expect(error.kind == .invalidConfiguration)
    }

    @Test(arguments: [
        (
            "connection to server at \"h\", port 5432 failed: FATAL:  password authentication failed for user \"a\"",
            DriverError.Kind.authenticationFailed
        ),
        (
            "connection to server at \"h\", port 5432 failed: FATAL:  no pg_hba.conf entry for host \"10.0.0.1\"",
            .authenticationFailed
        ),
        ("connection to server at \"h\", port 5432 failed: fe_sendauth: no password supplied", .authenticationFailed),
        (
            "connection to server at \"h\", port 5432 failed: FATAL:  role \"ghost\" does not exist",
            .authenticationFailed
        ),
        ("connection to server at \"h\", port 5432 failed: FATAL:  database \"nope\" does not exist", .unknownDatabase),
        ("connection to server at \"h\", port 1 failed: Connection refused", .connectionFailed),
        ("could not translate host name \"nohost\" to address: Name or service not known", .connectionFailed),
        ("connection to server at \"10.9.9.9\", port 5432 failed: timeout expired", .connectionFailed),
        ("invalid sslmode value: \"sometimes\"", .invalidConfiguration),
        ("definition of service \"prod\" not found", .invalidConfiguration),
    ])
    func classifiesConnectionFailuresByLibpqMessage(message: String, kind: DriverError.Kind) {
        #expect(LibPQDiagnostics.kind(ofConnectionFailure: message) == kind)
    }

    @Test func negativeDistinctCountsScaleWithTheTable() {
        #expect(SchemaReader.absoluteDistinct(-0.25, tableRows: 1000) == 250)
        #expect(SchemaReader.absoluteDistinct(-1, tableRows: 0) == 1)
        #expect(SchemaReader.absoluteDistinct(12, tableRows: nil) == 12)
        #expect(SchemaReader.absoluteDistinct(-0.5, tableRows: nil) == nil)
        #expect(SchemaReader.estimatedRows(-1) == nil)
        #expect(SchemaReader.estimatedRows(0) == 0)
    }

    @Test func dollarDigitMarksAParameterizedStatement() {
        #expect(PostgresConnection.mentionsParameters("SELECT * FROM t WHERE a = $1"))
        #expect(!PostgresConnection.mentionsParameters("SELECT $$quoted$$, price$ FROM t"))
    }
}

@Suite("Typed literal parameters from pg_stat_statements")
struct TypedLiteralParameterTests {
    @Test(arguments: [
        ("now() - interval $5", "now() - $5::interval"),
        ("d = DATE $1", "d = $1::DATE"),
        ("t > timestamp with time zone $2", "t > $2::timestamp with time zone"),
        ("x AT TIME ZONE $1", "x AT TIME ZONE $1"),
        ("price = $1", "price = $1"),
    ])
    func typeNameBeforeAParameterBecomesACast(sql: String, planned: String) {
        #expect(PostgresConnection.castingTypedLiteralParameters(sql) == planned)
    }
}
