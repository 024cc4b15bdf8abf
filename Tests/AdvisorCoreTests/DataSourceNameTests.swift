import AdvisorCore
import Testing

@Suite("DataSourceName parsing")
struct DataSourceNameTests {
    @Test func parsesEveryPartOfAPostgresURL() throws {
        let dsn = try DataSourceName(
            parsing: "postgresql://app:s3cret@db.example:6432/shop?sslmode=require&application_name=ci")
        #expect(dsn.engine == .postgres)
        #expect(dsn.user == "app")
        #expect(dsn.password == "s3cret")
        #expect(dsn.host == "db.example")
        #expect(dsn.port == 6432)
        #expect(dsn.database == "shop")
        #expect(dsn.option("sslmode") == "require")
        #expect(dsn.option("application_name") == "ci")
    }

    @Test func tellsMySQLFromMariaDBByScheme() throws {
        #expect(try DataSourceName(parsing: "mysql://ro@db/shop").engine == .mysql)
        #expect(try DataSourceName(parsing: "mariadb://ro@db/shop").engine == .mariadb)
        #expect(try DataSourceName(parsing: "postgres://db").engine == .postgres)
    }

    @Test func leavesMissingPartsToTheEnvironment() throws {
        let dsn = try DataSourceName(parsing: "postgres://")
        #expect(dsn.user == nil && dsn.password == nil && dsn.host == nil && dsn.port == nil && dsn.database == nil)
    }

    @Test func decodesPercentEncodedCredentials() throws {
        let dsn = try DataSourceName(parsing: "mysql://app%40corp:p%40ss%3Aword@127.0.0.1:3306/shop")
        #expect(dsn.user == "app@corp")
        #expect(dsn.password == "p@ss:word")
    }

    @Test func acceptsAnUnencodedAtSignInThePassword() throws {
        let dsn = try DataSourceName(parsing: "postgres://app:p@ss@localhost/shop")
        #expect(dsn.password == "p@ss")
        #expect(dsn.host == "localhost")
    }

    @Test func parsesBracketedIPv6Hosts() throws {
        let dsn = try DataSourceName(parsing: "postgres://app@[::1]:5433/shop")
        #expect(dsn.host == "::1")
        #expect(dsn.port == 5433)
        #expect(dsn.description == "postgres://app@[::1]:5433/shop")
    }

    @Test func neverShowsThePassword() throws {
        let dsn = try DataSourceName(parsing: "postgres://app:topsecret@db:5432/shop")
        #expect(!dsn.description.contains("topsecret"))
        #expect(!dsn.serverLabel.contains("topsecret"))
        #expect(dsn.serverLabel == "db:5432/shop")
    }

    @Test(arguments: [
        ("db.example/shop", "no scheme"),
        ("oracle://db/shop", "unknown scheme 'oracle'"),
        ("postgres://db:notaport/shop", "port must be a number"),
        ("postgres://db:70000/shop", "port must be a number"),
        ("postgres://db/shop?sslmode", "is not key=value"),
        ("postgres://[::1/shop", "unclosed '['"),
    ])
    func rejectsMalformedDSNsWithAClearReason(text: String, reason: String) {
        do {
            _ = try DataSourceName(parsing: text)
            Issue.record("expected \(text) to be rejected")
        } catch {
            #expect(error.kind == .invalidConfiguration)
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func errorsForMalformedDSNsDoNotEchoThePassword() {
        do {
            _ = try DataSourceName(parsing: "postgres://app:hunter2@db:99999/shop")
            Issue.record("expected a bad port to be rejected")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }
}
