import Foundation
import Testing

@testable import AdvisorCore

/// `ExecutionCounters` keeps numbers and a bit per known counter: it must still read, add, compare
/// and encode as the eleven optionals it replaced.
struct ExecutionCountersTests {
    @Test func unknownCountersReadAsNilAndSetOnesAsSet() {
        var counters = ExecutionCounters(calls: 2, rowsExamined: 40, lockTimeMs: 0.5, fullScans: 0)
        #expect(counters.rowsExamined == 40 && counters.lockTimeMs == 0.5 && counters.fullScans == 0)
        #expect(counters.rowsSent == nil && counters.readKey == nil && counters.tmpDiskTables == nil)
        counters.rowsExamined = nil
        counters.readKey = 7
        #expect(counters.rowsExamined == nil && counters.readKey == 7)
        // Cleared counters compare equal to never-set ones.
        #expect(counters == ExecutionCounters(calls: 2, lockTimeMs: 0.5, fullScans: 0, readKey: 7))
        #expect(MemoryLayout<ExecutionCounters?>.size <= 128)
    }

    @Test func addingKeepsACounterOnlyOneSideKnows() {
        let a = ExecutionCounters(calls: 1, rowsExamined: 10, rowsSent: 1, lockTimeMs: 0.25, filesorts: 1)
        let b = ExecutionCounters(calls: 2, rowsExamined: 5, rowsAffected: 3, fullJoins: 0, readRndNext: 9)
        let sum = a.adding(b)
        #expect(
            sum
                == ExecutionCounters(
                    calls: 3, rowsExamined: 15, rowsSent: 1, rowsAffected: 3, lockTimeMs: 0.25, fullJoins: 0,
                    filesorts: 1, readRndNext: 9))
        #expect(b.adding(a) == sum)
        var lock = ExecutionCounters(calls: 1)
        lock.add(ExecutionCounters(calls: 1, lockTimeMs: -0.0))
        #expect(lock.lockTimeMs == 0 && lock.lockTimeMs!.sign == .minus)
    }

    @Test func jsonLeavesUnknownCountersOutAndReadsThemBack() throws {
        let counters = ExecutionCounters(calls: 4, rowsExamined: 400, lockTimeMs: 1.5, tmpDiskTables: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(counters), as: UTF8.self)
        #expect(json == #"{"calls":4,"lockTimeMs":1.5,"rowsExamined":400,"tmpDiskTables":0}"#)
        #expect(try JSONDecoder().decode(ExecutionCounters.self, from: Data(json.utf8)) == counters)
    }
}
