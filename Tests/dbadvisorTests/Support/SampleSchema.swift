import Foundation
import Yams

/// One folder of sample-schemas/: its SQL files, tagged workload statements and expected.yml.
struct SampleSchema: CustomStringConvertible {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-schemas")
    static let all = ["shop", "batch"].map(SampleSchema.init)

    let name: String
    var description: String { name }
    var directory: URL { Self.root.appendingPathComponent(name) }

    /// Engine folder names as used under sample-schemas/<name>/.
    static let engines = ["postgres", "mysql"]

    func file(_ engine: String, _ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(engine).appendingPathComponent(file), encoding: .utf8)
    }

    /// Every statement of workload.sql with the id of the `-- query: <id>` line before it, in order.
    func workload(_ engine: String) throws -> [(id: String, sql: String)] {
        var statements: [(id: String, sql: String)] = []
        var currentID: String?
        var buffer: [Substring] = []
        for line in try file(engine, "workload.sql").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- query: ") {
                currentID = String(line.dropFirst("-- query: ".count)).trimmingCharacters(in: .whitespaces)
                buffer = []
                continue
            }
            guard let id = currentID, !line.hasPrefix("--") else { continue }
            buffer.append(line)
            if line.trimmingCharacters(in: .whitespaces).hasSuffix(";") {
                statements.append((id, buffer.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)))
                buffer = []
                currentID = nil
            }
        }
        return statements
    }

    /// Names of the tables schema.sql creates.
    func tableNames(_ engine: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: #"(?im)^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)"#)
        let sql = try file(engine, "schema.sql")
        return regex.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).map {
            String(sql[Range($0.range(at: 1), in: sql)!]).lowercased()
        }
    }

    /// Names of the secondary indexes schema.sql creates with CREATE [UNIQUE] INDEX.
    func createdIndexNames(_ engine: String) throws -> [String] {
        let regex = try NSRegularExpression(
            pattern: #"(?im)^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?(\w+)"#)
        let sql = try file(engine, "schema.sql")
        return regex.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).map {
            String(sql[Range($0.range(at: 1), in: sql)!])
        }
    }

    func expected() throws -> ExpectedProblems {
        let text = try String(contentsOf: directory.appendingPathComponent("expected.yml"), encoding: .utf8)
        return try YAMLDecoder().decode(ExpectedProblems.self, from: text)
    }
}

/// sample-schemas/<name>/expected.yml: the problems planted in a sample schema.
struct ExpectedProblems: Decodable {
    struct Problem: Decodable {
        var query: String
        var engines: [String]?
        var rule: String
        var table: String?
        var expected_index: [String]?
        var parent: String?
        var why: String?

        func applies(to engine: String) -> Bool { engines?.contains(engine) ?? true }
    }

    struct Entry: Decodable {
        var query: String
        var engines: [String]?
        var reason: String

        func applies(to engine: String) -> Bool { engines?.contains(engine) ?? true }
    }

    var schema: String
    var problems: [Problem]
    var unfixable: [Entry]
    var fine: [Entry]

    /// Every query id the file names, parents of N+1 loops included.
    var queryIDs: [String] {
        problems.map(\.query) + problems.compactMap(\.parent) + unfixable.map(\.query) + fine.map(\.query)
    }
}
