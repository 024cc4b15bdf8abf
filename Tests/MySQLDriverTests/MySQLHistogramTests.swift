import AdvisorCore
import Testing

@testable import MySQLDriver

@Suite("MySQL 8 histograms as column statistics")
struct MySQLHistogramTests {
    @Test func singletonHistogramGivesDistinctCountAndMostCommonValues() throws {
        // Shape from the MySQL 8.0 manual (optimizer-statistics.html); "YWJj" is base64 for "abc".
        let json = """
            {"buckets": [["base64:type254:YWJj", 0.2], ["base64:type254:eHl6", 0.8]], "data-type": "string",
             "null-values": 0.2, "collation-id": 8, "last-updated": "2024-02-03 21:05:21.690872",
             "sampling-rate": 1.0, "histogram-type": "singleton", "number-of-buckets-specified": 16}
            """
        let histogram = try #require(MySQLHistogram(json: json))
        let statistics = histogram.statistics
        #expect(statistics.nullFraction == 0.2)
        #expect(statistics.distinctValues == 2)
        #expect(statistics.mostCommonValues == ["xyz", "abc"])
        let frequencies = statistics.mostCommonFrequencies
        #expect(frequencies.count == 2 && abs(frequencies[0] - 0.6) < 1e-9 && abs(frequencies[1] - 0.2) < 1e-9)
    }

    @Test func equiHeightHistogramSumsBucketDistinctCounts() throws {
        let json = """
            {"buckets": [[1, 10, 0.5, 10], [11, 40, 1.0, 25]], "null-values": 0.0, "sampling-rate": 1.0,
             "histogram-type": "equi-height", "data-type": "int"}
            """
        let statistics = try #require(MySQLHistogram(json: json)).statistics
        #expect(statistics == ColumnStatistics(nullFraction: 0, distinctValues: 35))
    }

    @Test func sampledHistogramsGiveNoDistinctCount() throws {
        let json = """
            {"buckets": [[1, 0.5], [2, 1.0]], "null-values": 0.0, "sampling-rate": 0.25, "histogram-type": "singleton"}
            """
        let statistics = try #require(MySQLHistogram(json: json)).statistics
        #expect(statistics.distinctValues == nil)
        #expect(statistics.mostCommonValues == ["1", "2"])
    }

    @Test func unknownDocumentsAreIgnored() {
        #expect(MySQLHistogram(json: "not json") == nil)
        #expect(MySQLHistogram(json: #"{"histogram-type": "compressed", "buckets": []}"#) == nil)
    }
}
