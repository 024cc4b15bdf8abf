/// How far reading one log got, for a progress line on long runs.
public struct ReadProgress: Sendable, Equatable {
    /// Bytes of the (decompressed) log read so far.
    public var bytesRead: Int
    /// The file's size when known (a plain file; not stdin, and not the decompressed size of a `.gz`).
    public var totalBytes: Int?
    /// Seconds since reading started.
    public var elapsedSeconds: Double
    /// Whether this is the last report (reading finished).
    public var finished: Bool

    /// A report of `bytesRead` of `totalBytes` after `elapsedSeconds`.
    public init(bytesRead: Int, totalBytes: Int?, elapsedSeconds: Double, finished: Bool) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.elapsedSeconds = elapsedSeconds
        self.finished = finished
    }

    /// Bytes per second so far.
    public var bytesPerSecond: Double { elapsedSeconds > 0 ? Double(bytesRead) / elapsedSeconds : 0 }

    /// Seconds left at the rate so far, when the total is known.
    public var remainingSeconds: Double? {
        guard let totalBytes, bytesPerSecond > 0 else { return nil }
        return Double(max(0, totalBytes - bytesRead)) / bytesPerSecond
    }
}
