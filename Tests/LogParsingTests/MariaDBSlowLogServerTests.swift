import AdvisorCore
import Foundation
import TestSupport
import Testing

@testable import LogParsing

/// The dev MariaDB writes every statement of the shop sample workload to its slow log
/// (`SET SESSION long_query_time = 0`); reading that log must give back the workload's groups
/// and, on the connection that ran it, its statements in order.
@Suite(.enabled(if: ServerEnvironment.serverTestsEnabled))
struct MariaDBSlowLogServerTests {
    /// The workload's statements in order: one per line, comments and blank lines aside.
    private func workloadStatements() throws -> [String] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.appendingPathComponent("sample-schemas/shop/mysql/workload.sql").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("--") }.map {
            $0.hasSuffix(";") ? String($0.dropLast()) : $0
        }
    }

    @Test func shopWorkloadGroupsAndPerThreadSequenceAreInTheSlowLog() throws {
        let path = try ServerEnvironment.value("DBADVISOR_MYSQL_SLOW_LOG")
        let workload = try WorkloadReader.readLog(path: path)
        #expect(workload.sources.first?.hasSuffix("(MySQL slow log, MariaDB)") == true)
        let statements = try workloadStatements()
        let ids = try statements.map { try WorkloadBuilder.mysqlFingerprint($0).id }
        let groups = Dictionary(workload.groups.map { ($0.fingerprint.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (statement, id) in zip(statements, ids) {
            #expect(groups[id] != nil, "no group for \(statement)")
        }
        let customerByID = try #require(
            groups[try WorkloadBuilder.mysqlFingerprint("SELECT * FROM customers WHERE id = 9").id])
        #expect(customerByID.calls >= 140)
        #expect(customerByID.database == "shop")
        #expect(customerByID.counters?.rowsSent != nil)
        // A connection that ran the workload holds its statements contiguously and in order.
        let wanted = Array(ids.dropFirst())  // the session's own SET may be logged before its new threshold applies
        let ran = workload.sessions.filter { session in
            let events = session.events.map(\.fingerprintID)
            guard events.count >= wanted.count else { return false }
            return (0...(events.count - wanted.count)).contains { start in
                events[start..<(start + wanted.count)].elementsEqual(wanted)
            }
        }
        #expect(!ran.isEmpty, "no thread's sequence is the shop workload's")
        // The N+1 parent (20 orders) is followed on its thread by one order-items query per order.
        let itemsByOrder = try WorkloadBuilder.mysqlFingerprint(
            statements.first { $0.hasPrefix("SELECT") && $0.contains("FROM order_items WHERE order_id =") }!
        ).id
        #expect(ran.first.map { $0.events.filter { $0.fingerprintID == itemsByOrder }.count } ?? 0 >= 60)
    }
}
