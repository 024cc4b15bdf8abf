import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

@Suite("Option files and the environment", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct DefaultsFileTests {
    /// Writes a `[client]` option file for the read-only role, with `password` as given.
    private func optionFile(password: String) throws -> URL {
        // The file names the fixture database, so it must exist before the file is used.
        try TestServer.prepareFixture()
        let dsn = try TestServer.dsn()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dbadvisor-\(UUID().uuidString).cnf")
        let text = """
            [client]
            host=\(dsn.host ?? "127.0.0.1")
            port=\(dsn.port ?? 3306)
            user=\(dsn.user ?? "advisor")
            password=\(password)
            database=\(TestServer.database)

            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func currentUser(_ connection: MySQLConnection) throws -> String? {
        try connection.query("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)").rows.first?.first ?? nil
    }

    @Test func optionFileOverridesTheEnvironment() throws {
        let password = try #require(try TestServer.dsn().password)
        let file = try optionFile(password: password)
        defer { try? FileManager.default.removeItem(at: file) }
        let dsn = DataSourceName(engine: .mariadb, options: [("defaults-file", file.path)])
        let connection = try MySQLConnection(
            dsn: dsn, environment: ["USER": "nobody", "MYSQL_PWD": "wrong", "MYSQL_HOST": "192.0.2.1"])
        #expect(try currentUser(connection) == "advisor")
        #expect(try connection.readSchema().database == TestServer.database)
        // The label says where the option file sent us, not the DSN's empty host.
        #expect(connection.serverLabel == (try TestServer.dsn(database: TestServer.database)).serverLabel)
    }

    @Test func dsnOverridesTheOptionFile() throws {
        let file = try optionFile(password: "wrong-in-file")
        defer { try? FileManager.default.removeItem(at: file) }
        var dsn = try TestServer.dsn()
        dsn.options = [("defaults-file", file.path)]
        #expect(try currentUser(MySQLConnection(dsn: dsn, environment: [:])) == "advisor")

        dsn.password = nil
        let error = try #require(throws: DriverError.self) { try MySQLConnection(dsn: dsn, environment: [:]) }
        #expect(error.kind == .authenticationFailed)
        #expect(!error.message.contains("wrong-in-file"))
    }
}
