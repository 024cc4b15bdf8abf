#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The slow-log attributes the workload uses, out of the dozens the servers write; the rest
/// (`Bytes_sent`, `InnoDB_*`, `QC_hit`, `Start`, …) are skipped.
enum SlowLogAttribute: CaseIterable {
    case queryTime, lockTime, rowsSent, rowsExamined, rowsAffected
    /// Percona/MariaDB `# Thread_id:` line, MySQL 8 `log_slow_extra` on the Query_time line.
    case threadID
    /// Percona/MariaDB current database (empty when none is selected).
    case schema
    /// Percona/MariaDB `Yes`/`No` flags.
    case fullScan, fullJoin, filesort, tmpTableOnDisk
    /// Percona/MariaDB count of on-disk temporary tables.
    case tmpDiskTables
    /// MySQL 8 `log_slow_extra` handler and sort counters.
    case readRndNext, readKey, sortScanCount, sortRangeCount, createdTmpDiskTables

    /// The name as the servers write it (case-sensitive, like sql/log.cc writes it).
    var name: String {
        switch self {
        case .queryTime: "Query_time"
        case .lockTime: "Lock_time"
        case .rowsSent: "Rows_sent"
        case .rowsExamined: "Rows_examined"
        case .rowsAffected: "Rows_affected"
        case .threadID: "Thread_id"
        case .schema: "Schema"
        case .fullScan: "Full_scan"
        case .fullJoin: "Full_join"
        case .filesort: "Filesort"
        case .tmpTableOnDisk: "Tmp_table_on_disk"
        case .tmpDiskTables: "Tmp_disk_tables"
        case .readRndNext: "Read_rnd_next"
        case .readKey: "Read_key"
        case .sortScanCount: "Sort_scan_count"
        case .sortRangeCount: "Sort_range_count"
        case .createdTmpDiskTables: "Created_tmp_disk_tables"
        }
    }

    /// The attribute named by `key`, without allocating or hashing: by length, then the bytes.
    static func named(_ b: UnsafeBufferPointer<UInt8>, _ key: Range<Int>) -> SlowLogAttribute? {
        guard let base = b.baseAddress else { return nil }
        let p = base + key.lowerBound
        let n = key.count
        // The first byte before the call: most keys of a length are none of ours (`Pages_updated`).
        func isName(_ s: StaticString) -> Bool { p[0] == s.utf8Start[0] && memcmp(p, s.utf8Start, n) == 0 }
        switch n {
        case 6: return isName("Schema") ? .schema : nil
        case 8:
            if isName("Filesort") { return .filesort }
            return isName("Read_key") ? .readKey : nil
        case 9:
            switch p[0] {
            case 0x4C: return isName("Lock_time") ? .lockTime : nil
            case 0x52: return isName("Rows_sent") ? .rowsSent : nil
            case 0x54: return isName("Thread_id") ? .threadID : nil
            case 0x46:
                if isName("Full_scan") { return .fullScan }
                return isName("Full_join") ? .fullJoin : nil
            default: return nil
            }
        case 10: return isName("Query_time") ? .queryTime : nil
        case 13:
            if isName("Rows_examined") { return .rowsExamined }
            if isName("Rows_affected") { return .rowsAffected }
            return isName("Read_rnd_next") ? .readRndNext : nil
        case 15:
            if isName("Tmp_disk_tables") { return .tmpDiskTables }
            return isName("Sort_scan_count") ? .sortScanCount : nil
        case 16: return isName("Sort_range_count") ? .sortRangeCount : nil
        case 17: return isName("Tmp_table_on_disk") ? .tmpTableOnDisk : nil
        case 23: return isName("Created_tmp_disk_tables") ? .createdTmpDiskTables : nil
        default: return nil
        }
    }
}
