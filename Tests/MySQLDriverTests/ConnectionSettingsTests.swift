import AdvisorCore
import Testing

@testable import MySQLDriver

@Suite("Connection settings from DSN and environment")
struct ConnectionSettingsTests {
    @Test func dsnValuesWinAndEnvironmentFillsTheRest() throws {
        let dsn = try DataSourceName(parsing: "mysql://app:secret@db.example:3307/shop")
        let settings = try ConnectionSettings(
            dsn: dsn,
            environment: ["MYSQL_HOST": "other", "MYSQL_TCP_PORT": "4000", "MYSQL_PWD": "envpw", "USER": "me"])
        #expect(settings.host == "db.example")
        #expect(settings.port == 3307)
        #expect(settings.user == "app")
        #expect(settings.password == "secret")
        #expect(settings.database == "shop")
        // Environment values stay separate: they are handed to libmariadb below the option file.
        #expect(settings.environmentHost == "other")
        #expect(settings.environmentPort == 4000)
        #expect(settings.environmentUser == "me")
        #expect(settings.environmentPassword == "envpw")
        #expect(settings.label == "db.example:3307/shop")
    }

    @Test func noHostMeansLocalhostOverTheSocketLikeTheMySQLClient() throws {
        let settings = try ConnectionSettings(dsn: try DataSourceName(parsing: "mysql://app@/shop"), environment: [:])
        #expect(settings.host == nil)
        #expect(settings.port == 0)
        #expect(!settings.forceTCP)
        #expect(settings.label == "localhost/shop")
    }

    @Test func aPortWithoutHostMeansTCP() throws {
        let settings = try ConnectionSettings(
            dsn: try DataSourceName(parsing: "mysql://app@:3307/shop"), environment: [:])
        #expect(settings.forceTCP)
        #expect(settings.label == "localhost:3307/shop")
    }

    @Test func socketAndDefaultsFileComeFromDSNOptions() throws {
        let dsn = try DataSourceName(
            parsing:
                "mariadb://app@/shop?socket=/run/mysqld/mysqld.sock&defaults-file=/etc/dbadvisor.cnf&connect_timeout=3")
        let settings = try ConnectionSettings(dsn: dsn, environment: ["MYSQL_TCP_PORT": "3306"])
        #expect(settings.socket == "/run/mysqld/mysqld.sock")
        #expect(settings.defaultsFile == "/etc/dbadvisor.cnf")
        #expect(settings.connectTimeoutSeconds == 3)
        #expect(settings.readTimeoutSeconds == ConnectionSettings.defaultReadWriteTimeout)
        #expect(settings.assumedEngine == .mariadb)
        #expect(settings.label == "localhost (socket /run/mysqld/mysqld.sock)/shop")
    }

    @Test func noDSNAtAllUsesTheEnvironmentOnly() throws {
        let settings = try ConnectionSettings(dsn: nil, environment: ["MYSQL_HOST": "db", "MYSQL_TCP_PORT": "3310"])
        #expect(settings.host == nil)
        #expect(settings.environmentHost == "db")
        #expect(settings.label == "db:3310")
        #expect(settings.assumedEngine == .mysql)
    }

    @Test func malformedSettingsAreInvalidConfiguration() throws {
        let cases: [(DataSourceName?, [String: String])] = [
            (try DataSourceName(parsing: "postgres://app@db/shop"), [:]),
            (try DataSourceName(parsing: "mysql://app@db/shop?connect_timeout=soon"), [:]),
            (nil, ["MYSQL_TCP_PORT": "http"]),
            (DataSourceName(engine: .mysql, host: "db;user=root"), [:]),
            (nil, ["MYSQL_HOST": "mysql://evil"]),
        ]
        for (dsn, environment) in cases {
            let error = try #require(throws: DriverError.self) {
                try ConnectionSettings(dsn: dsn, environment: environment)
            }
            #expect(error.kind == .invalidConfiguration)
        }
    }
}
