import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// A folder of `.sql` files as the workload.
struct SQLFileWorkloadTests {
    @Test func everyStatementOfEverySQLFileIsOneCallWithItsOrigin() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(
            "a.sql",
            "-- orders\nSELECT * FROM orders WHERE id = 1;\n\nSELECT *\n  FROM customers\n WHERE email = 'x';\n")
        try dir.write("sub/b.sql", "SELECT * FROM orders WHERE id = 2")
        try dir.write("c.sql", "SELECT 1;\nSELEC broken FROM;\n")
        try dir.write("notes.txt", "SELECT * FROM ignored")
        let w = try WorkloadReader.readSQLFiles(path: dir.url.path)
        let orders = try #require(w.group("FROM orders"))
        #expect(orders.calls == 2)
        #expect(orders.totalTimeMs == 0)
        #expect(orders.origins == ["a.sql:2", "sub/b.sql:1"])
        #expect(orders.sampleText == "SELECT * FROM orders WHERE id = 1")
        #expect(try #require(w.group("FROM customers")).origins == ["a.sql:4"])
        #expect(w.group("ignored") == nil)
        #expect(w.sessions.isEmpty)
        #expect(w.calls == 3)
        let diagnostic = try #require(w.diagnostics.first)
        #expect(diagnostic.location == "c.sql:2")
        #expect(diagnostic.message.contains("syntax error"))
    }

    @Test func aGroupKeepsItsOtherLiteralsAndHowManyStatementsShowedThem() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a.sql", "SELECT * FROM jobs WHERE id = 1;\nSELECT * FROM jobs WHERE id = 2;\n")
        try dir.write("b.sql", "SELECT * FROM jobs WHERE id = 1;\nSELECT * FROM tags WHERE name = 'x';\n")
        try dir.write("c.sql", "SELECT * FROM tags WHERE name = 'x';\n")
        let w = try WorkloadReader.readSQLFiles(path: dir.url.path)
        let jobs = try #require(w.group("FROM jobs"))
        #expect(jobs.otherSamples == ["SELECT * FROM jobs WHERE id = 2"])
        #expect(jobs.sampledStatements == 3)
        let tags = try #require(w.group("FROM tags"))
        #expect(tags.otherSamples.isEmpty)
        #expect(tags.sampledStatements == 2)
    }

    @Test func singleFileIsAWorkloadToo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("q.sql", "SELECT 1; SELECT 2;")
        #expect(try WorkloadReader.readSQLFiles(path: path).calls == 2)
    }

    @Test func folderWithoutSQLFilesOrMissingPathIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let empty = #expect(throws: LogReadError.self) { try WorkloadReader.readSQLFiles(path: dir.url.path) }
        #expect(empty?.description.contains("contains no .sql files") == true)
        let missing = #expect(throws: LogReadError.self) { try WorkloadReader.readSQLFiles(path: "/nonexistent/q") }
        #expect(missing?.description.hasPrefix("/nonexistent/q: no such file") == true)
    }
}
