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

    /// The attribute named by `key`, without allocating: keys are looked up by their bytes' hash.
    static func named(_ b: UnsafeBufferPointer<UInt8>, _ key: Range<Int>) -> SlowLogAttribute? {
        guard let (attribute, name) = byHash[hash(b, key)], name.count == key.count else { return nil }
        for k in 0..<name.count where name[k] != b[key.lowerBound + k] { return nil }
        return attribute
    }

    private static let byHash: [UInt64: (SlowLogAttribute, [UInt8])] = {
        var out: [UInt64: (SlowLogAttribute, [UInt8])] = [:]
        for attribute in allCases {
            let bytes = Array(attribute.name.utf8)
            bytes.withUnsafeBufferPointer { out[hash($0, 0..<$0.count)] = (attribute, bytes) }
        }
        return out
    }()

    private static func hash(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in range {
            h ^= UInt64(b[k])
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
