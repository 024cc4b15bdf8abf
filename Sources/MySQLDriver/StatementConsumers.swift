import AdvisorCore

/// Which performance_schema consumers collect statements (`performance_schema.setup_consumers`).
///
/// Consumers form a hierarchy: a lower one collects only while every one above it is on
/// (global_instrumentation > thread_instrumentation > events_statements_current > history,
/// history_long; statements_digest sits under global_instrumentation only), per the MySQL
/// manual's "Example Consumer Configurations". Measured on MariaDB 10.11: history_long stays
/// empty while events_statements_current is off.
struct StatementConsumers: Equatable {
    var enabled: Set<String>

    static let query = "SELECT NAME AS name, ENABLED AS enabled FROM performance_schema.setup_consumers"

    init(enabled: Set<String>) {
        self.enabled = enabled
    }

    init(_ result: QueryResult) {
        enabled = Set(result.namedRows.compactMap { $0.bool("enabled") == true ? $0["name"]?.lowercased() : nil })
    }

    var digestsCollected: Bool { enabled.isSuperset(of: ["global_instrumentation", "statements_digest"]) }

    private var currentCollected: Bool {
        enabled.isSuperset(of: ["global_instrumentation", "thread_instrumentation", "events_statements_current"])
    }

    /// events_statements_history_long is being filled.
    var historyLongCollected: Bool { currentCollected && enabled.contains("events_statements_history_long") }

    /// events_statements_history (the last few statements of each live thread) is being filled.
    var historyCollected: Bool { currentCollected && enabled.contains("events_statements_history") }
}
