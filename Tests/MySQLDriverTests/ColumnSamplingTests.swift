import AdvisorCore
import Foundation
import Testing

@testable import MySQLDriver

@Suite("Sampled column statistics", .enabled(if: TestServer.isEnabled, "DBADVISOR_SKIP_SERVER_TESTS=1 is set"))
struct ColumnSamplingTests {
    @Test func smallTablesAreCountedExactly() throws {
        let connection = try WorkloadTestServer.connect()
        let schema = try connection.readSchema()
        #expect(schema.table(named: "customers")?.column(named: "country")?.statistics == nil)
        let sampling = try connection.sampleColumnStatistics(
            schema,
            columns: [
                ColumnReference(table: "customers", column: "country"),
                ColumnReference(table: "customers", column: "name"),
            ])
        #expect(sampling.notes.isEmpty)
        // In the table's column order.
        #expect(
            sampling.sampled == [
                ColumnReference(table: "customers", column: "name"),
                ColumnReference(table: "customers", column: "country"),
            ])
        let customers = try #require(sampling.schema.table(named: "customers"))
        #expect(customers.column(named: "country")?.statistics?.distinctValues == 5)
        #expect(customers.column(named: "country")?.statistics?.nullFraction == 0.5)
        #expect(customers.column(named: "name")?.statistics?.distinctValues == 1000)
        #expect(customers.column(named: "name")?.statistics?.nullFraction == 0)
        // Columns not asked for stay as they were.
        #expect(customers.column(named: "id")?.statistics == nil)
    }

    @Test func largeTablesAreSampledOverKeyRangesAndScaled() throws {
        let connection = try WorkloadTestServer.connect()
        let schema = try connection.readSchema()
        let rows = try #require(schema.table(named: "events")?.estimatedRows)
        let sampling = try connection.sampleColumnStatistics(
            schema,
            columns: ["kind", "ref", "note"].map { ColumnReference(table: "events", column: $0) }, maxRows: 2000)
        #expect(sampling.notes.isEmpty)
        let events = try #require(sampling.schema.table(named: "events"))
        #expect(events.column(named: "kind")?.statistics?.distinctValues == 7)
        // Every sampled value is unique: the column reads as unique, scaled to the table's row estimate.
        #expect(events.column(named: "ref")?.statistics?.distinctValues == rows.rounded())
        #expect(events.column(named: "note")?.statistics?.distinctValues == 30)
        let nulls = try #require(events.column(named: "note")?.statistics?.nullFraction)
        #expect(abs(nulls - 0.25) < 0.01)
    }

    @Test func columnsWithStatisticsOrWithoutATableAreNotSampled() throws {
        let connection = try WorkloadTestServer.connect()
        var schema = try connection.readSchema()
        let t = try #require(schema.tables.firstIndex { $0.name == "customers" })
        let c = try #require(schema.tables[t].columns.firstIndex { $0.name == "country" })
        schema.tables[t].columns[c].statistics = ColumnStatistics(distinctValues: 42)
        let sampling = try connection.sampleColumnStatistics(
            schema,
            columns: [
                ColumnReference(table: "customers", column: "country"), ColumnReference(table: nil, column: "name"),
                ColumnReference(table: "nosuch", column: "x"),
            ])
        #expect(sampling.sampled.isEmpty)
        #expect(sampling.schema == schema)
        #expect(
            sampling.notes == [
                "name: not a column of a table in \(WorkloadTestServer.database); not sampled",
                "nosuch.x: not a column of a table in \(WorkloadTestServer.database); not sampled",
            ])
    }
}
