import AdvisorCore
import Testing

@testable import MySQLDriver

@Suite("readSchema on MariaDB", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct ReadSchemaTests {
    let schema: Schema

    init() throws {
        schema = try TestServer.connectToTestDatabase().readSchema()
    }

    @Test func readsTheCurrentDatabaseBaseTablesInNameOrder() {
        #expect(schema.engine == .mariadb)
        #expect(schema.database == TestServer.database)
        #expect(schema.serverVersion.contains("MariaDB"))
        #expect(schema.tables.map(\.name) == ["customers", "orders"])  // the view paid_orders is left out
        #expect(schema.tables.allSatisfy { $0.schema == TestServer.database })
    }

    @Test func columnsKeepDeclarationOrderTypesAndNullability() throws {
        let customers = try #require(schema.table(named: "customers"))
        #expect(customers.columns.map(\.name) == ["id", "email", "name", "country", "created_at"])
        #expect(
            customers.columns.map(\.dataType) == [
                "int(10) unsigned", "varchar(100)", "varchar(100)", "char(2)", "datetime",
            ])
        #expect(customers.columns.map(\.isNullable) == [false, false, true, false, false])
    }

    @Test func rowCountAndSizeComeFromTheAnalyzedTable() throws {
        let customers = try #require(schema.table(named: "customers"))
        let orders = try #require(schema.table(named: "orders"))
        #expect(customers.estimatedRows == 100)
        #expect(orders.estimatedRows == 300)
        #expect((customers.sizeBytes ?? 0) >= 16384)
    }

    @Test func indexesMapKeyPartsUniquenessPrefixesAndDescendingColumns() throws {
        let customers = try #require(schema.table(named: "customers"))
        #expect(
            customers.indexes.map(\.name) == [
                "PRIMARY", "idx_customers_country_created", "idx_customers_name", "uq_customers_email",
            ])
        let primary = try #require(customers.primaryKey)
        #expect(primary.isUnique && primary.keyColumnNames == ["id"])
        #expect(primary.method == "BTREE")

        let composite = customers.indexes[1]
        #expect(composite.keyColumns == [IndexKey(name: "country"), IndexKey(name: "created_at", descending: true)])
        #expect(!composite.isUnique && !composite.isPrimary)
        #expect(composite.definition == "KEY `idx_customers_country_created` (`country`,`created_at` DESC)")

        let prefix = customers.indexes[2]
        #expect(prefix.keyColumns == [IndexKey(name: "name", prefixLength: 10)])
        #expect(prefix.definition == "KEY `idx_customers_name` (`name`(10))")

        let unique = customers.indexes[3]
        #expect(unique.isUnique && !unique.isPrimary)
        #expect(unique.definition == "UNIQUE KEY `uq_customers_email` (`email`)")

        let orders = try #require(schema.table(named: "orders"))
        #expect(orders.indexes.map(\.keyColumnNames) == [["id"], ["customer_id", "status"]])
    }

    @Test func foreignKeysNameTheReferencedTableAndColumns() throws {
        let orders = try #require(schema.table(named: "orders"))
        #expect(
            orders.foreignKeys == [
                ForeignKey(
                    name: "fk_orders_customer", columns: ["customer_id"], referencedSchema: TestServer.database,
                    referencedTable: "customers", referencedColumns: ["id"])
            ])
        #expect(try #require(schema.table(named: "customers")).foreignKeys.isEmpty)
    }

    @Test func indexSizesComeFromInnoDBPersistentStatistics() throws {
        let customers = try #require(schema.table(named: "customers"))
        for index in customers.indexes {
            let size = try #require(index.sizeBytes, "\(index.name) has no size")
            #expect(size > 0 && size % 16384 == 0, "\(index.name): \(size) bytes is not whole 16 KiB pages")
        }
    }

    @Test func columnStatisticsComeFromMariaDBColumnStats() throws {
        let customers = try #require(schema.table(named: "customers"))
        let id = try #require(customers.column(named: "id")?.statistics)
        #expect(id.distinctValues == 100)
        #expect(id.nullFraction == 0)
        let name = try #require(customers.column(named: "name")?.statistics)
        #expect(name.nullFraction == 0.2)
        #expect(name.distinctValues == 80)
        let country = try #require(customers.column(named: "country")?.statistics)
        #expect(country.distinctValues == 4)
        #expect(country.averageWidth == 2)

        let orders = try #require(schema.table(named: "orders"))
        #expect(orders.column(named: "customer_id")?.statistics?.distinctValues == 50)
        #expect(orders.column(named: "status")?.statistics?.distinctValues == 3)
    }

    @Test func withoutPrivilegesOnMySQLTablesStatisticsAreLeftOut() throws {
        let limited = try TestServer.connectWithoutStatisticsPrivileges().readSchema()
        #expect(limited.tables.map(\.name) == schema.tables.map(\.name))
        let customers = try #require(limited.table(named: "customers"))
        #expect(customers.indexes.map(\.name) == schema.table(named: "customers")?.indexes.map(\.name))
        #expect(customers.indexes.allSatisfy { $0.sizeBytes == nil })
        #expect(customers.columns.allSatisfy { $0.statistics == nil })
        #expect(customers.estimatedRows == 100)
    }

    @Test func withoutADatabaseReadSchemaSaysToNameOne() throws {
        let connection = try MySQLConnection(dsn: TestServer.dsn(), environment: [:])
        let error = try #require(throws: DriverError.self) { try connection.readSchema() }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("no database selected"))
    }
}
