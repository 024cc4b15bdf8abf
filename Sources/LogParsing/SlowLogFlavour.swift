/// Which server wrote a slow log, told from fields only it writes (for `Workload.sources`).
enum SlowLogFlavour: Comparable, CustomStringConvertible {
    case mysql
    /// `# Schema: db  Last_errno: 0  Killed: 0`, `InnoDB_*` lines, rate-limit lines, `QC_Hit`.
    case percona
    /// `mariadbd` banners, `QC_hit` (lower-case h), `# Pages_accessed`, `# explain:` lines.
    case mariadb

    var description: String {
        switch self {
        case .mysql: "MySQL"
        case .percona: "Percona Server"
        case .mariadb: "MariaDB"
        }
    }

    /// The flavour a `#` line or banner line gives away, if any.
    static func evidence(in b: UnsafeBufferPointer<UInt8>) -> SlowLogFlavour? {
        if contains(b, mariaDBMarkers) { return .mariadb }
        if contains(b, perconaMarkers) { return .percona }
        return nil
    }

    private static let mariaDBMarkers = ["QC_hit:", "Pages_accessed:", "# explain:", "mariadbd, Version", "-MariaDB"]
        .map { Array($0.utf8) }
    private static let perconaMarkers = ["Last_errno:", "InnoDB_", "Log_slow_rate", "QC_Hit:", "percona"].map {
        Array($0.utf8)
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ needles: [[UInt8]]) -> Bool {
        needles.contains { SlowLogHeader.find(b, $0) != nil }
    }
}
