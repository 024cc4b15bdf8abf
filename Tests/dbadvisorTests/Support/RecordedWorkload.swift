import Foundation

/// What the servers recorded of the sample workloads (`pg_stat_statements`, the PostgreSQL logs,
/// the MariaDB slow log and `mysql.slow_log`) is shared by every test in the process. Tests that
/// run a workload again to capture it hold the lock exclusively; tests that analyze what the
/// servers recorded hold it shared, so none of them reads half a replay (a loop's lookups counted
/// but not yet its parent's rows).
enum RecordedWorkload {
    private static let lock = ReadWriteLock()

    /// Runs `body` while no replay is under way.
    static func reading<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withReadLock(body)
    }

    /// Runs `body`, a replay of a workload, while nothing reads what the servers recorded.
    static func replaying<T>(_ body: () throws -> T) rethrows -> T {
        try lock.withWriteLock(body)
    }
}

/// A pthread readers-writer lock.
private final class ReadWriteLock: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func withReadLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func withWriteLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
