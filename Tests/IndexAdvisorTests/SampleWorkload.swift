import AdvisorCore
import Foundation
import SQLParsing

/// The shop sample's PostgreSQL workload as analyzed queries: one group per `-- query:` id,
/// calls = executions in the file, the first execution as sample text, no timing.
enum SampleWorkload {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Query id → analyzed query (the group's fingerprint id is the query id, for readable tests).
    static func shop() throws -> [String: AnalyzedQuery] {
        let url = repositoryRoot.appendingPathComponent("sample-schemas/shop/postgres/workload.sql")
        let text = try String(contentsOf: url, encoding: .utf8)
        var order: [String] = []
        var groups: [String: QueryGroup] = [:]
        var pending: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("-- query: ") {
                pending = String(line.dropFirst("-- query: ".count))
            } else if !line.hasPrefix("--"), let id = pending {
                pending = nil
                if groups[id] == nil {
                    order.append(id)
                    groups[id] = QueryGroup(
                        fingerprint: Fingerprint(id: id, normalized: String(line)), sampleText: String(line), calls: 0,
                        totalTimeMs: 0)
                }
                groups[id]!.calls += 1
            }
        }
        var result: [String: AnalyzedQuery] = [:]
        for id in order where id != "session-setup" {
            let group = groups[id]!
            result[id] = AnalyzedQuery(group: group, shape: try PostgresParser.shape(of: group.sampleText))
        }
        return result
    }

    /// Every execution of the shop sample's MySQL workload, per `-- query:` id, in file order.
    static func shopMySQLExecutions() throws -> [String: [String]] {
        let url = repositoryRoot.appendingPathComponent("sample-schemas/shop/mysql/workload.sql")
        var executions: [String: [String]] = [:]
        var pending: String?
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            if line.hasPrefix("-- query: ") {
                pending = String(line.dropFirst("-- query: ".count))
            } else if !line.hasPrefix("--"), let id = pending {
                pending = nil
                executions[id, default: []].append(String(line))
            }
        }
        return executions
    }

    /// The shape of one statement.
    static func shape(_ sql: String) throws -> QueryShape {
        try PostgresParser.shape(of: sql)
    }
}
