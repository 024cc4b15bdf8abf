import AdvisorCore
import Foundation
import SQLParsing
import Testing

/// The sample workloads: every MySQL statement splits and parses, the statements both dialects
/// accept give the same shape, and no prefix of any statement crashes or hangs the parser.
@Suite struct MySQLWorkloadTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-schemas")

    static func statements(_ schema: String, _ engine: String) throws -> [String] {
        let url = root.appendingPathComponent("\(schema)/\(engine)/workload.sql")
        let script = try String(contentsOf: url, encoding: .utf8)
        return engine == "mysql" ? try MySQLParser.split(script) : try PostgresParser.split(script)
    }

    @Test("every statement of a MySQL sample workload parses", arguments: ["shop", "batch"])
    func everyWorkloadStatementParses(_ schema: String) throws {
        let statements = try Self.statements(schema, "mysql")
        #expect(statements.count > 100)
        for statement in statements {
            #expect(throws: Never.self, "\(statement)") { try MySQLParser.shape(of: statement) }
        }
        let kinds = Set(statements.compactMap { try? MySQLParser.shape(of: $0).kind })
        #expect(kinds.isSuperset(of: [.select, .update]))
    }

    /// Statements valid in both dialects read the same; `.other` (SET, BEGIN…) is left out, and
    /// statements PostgreSQL rejects are skipped.
    @Test("a statement valid in MySQL and PostgreSQL has the same shape in both", arguments: ["shop", "batch"])
    func shapesAgreeAcrossDialects(_ schema: String) throws {
        var compared = 0
        for statement in try Self.statements(schema, "mysql") + Self.statements(schema, "postgres") {
            guard let postgres = try? PostgresParser.shape(of: statement), postgres.kind != .other,
                let mysql = try? MySQLParser.shape(of: statement)
            else { continue }
            #expect(mysql == postgres, "\(statement)")
            compared += 1
        }
        #expect(compared > 50)
    }

    @Test("truncated statements never crash or hang", arguments: ["shop", "batch"])
    func truncatedStatementsAreHandled(_ schema: String) throws {
        // One statement per fingerprint: the others differ only in literals.
        let statements = Dictionary(grouping: try Self.statements(schema, "mysql")) {
            MySQLParser.fingerprint(of: $0).id
        }.values.compactMap(\.first)
        for statement in statements {
            let scalars = Array(statement.unicodeScalars)
            for length in stride(from: 0, to: scalars.count, by: 3) {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<length])
                _ = try? MySQLParser.shape(of: String(prefix))
                _ = MySQLParser.fingerprint(of: String(prefix))
                _ = try? MySQLParser.split(String(prefix))
            }
        }
    }
}
