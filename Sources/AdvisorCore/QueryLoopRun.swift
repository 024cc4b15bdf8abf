/// One observed run of an N+1 loop on one connection: where to find it in the log.
public struct QueryLoopRun: Codable, Equatable, Sendable {
    /// Connection identity as the source names it (backend pid + session id, MySQL thread id).
    public var session: String
    /// Seconds since the epoch of the parent statement (or the first repeated one), when logged.
    public var startTime: Double?
    /// Repeated statements in this run.
    public var repeats: Int
    /// Server time of the run's repeated statements, in ms.
    public var timeMs: Double
    /// Rows the parent returned, when the source counts them.
    public var parentRows: Int64?

    public init(session: String, startTime: Double?, repeats: Int, timeMs: Double, parentRows: Int64? = nil) {
        self.session = session
        self.startTime = startTime
        self.repeats = repeats
        self.timeMs = timeMs
        self.parentRows = parentRows
    }
}
