#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a stream of byte offsets into a few `ReadProgress` reports a second: the clock is read
/// only every `step` bytes, so metering costs nothing per line.
struct ProgressMeter {
    static let step = 4 << 20
    static let interval = 0.25

    private let total: Int?
    private let report: (ReadProgress) -> Void
    private let start: Double
    private var nextCheck = step
    private var lastReport: Double
    private var offset = 0

    init(total: Int?, report: @escaping (ReadProgress) -> Void) {
        self.total = total
        self.report = report
        start = Self.now()
        lastReport = start
    }

    /// Notes that reading reached `offset`.
    mutating func advance(to offset: Int) {
        self.offset = offset
        guard offset >= nextCheck else { return }
        nextCheck = offset + Self.step
        let now = Self.now()
        guard now - lastReport >= Self.interval else { return }
        lastReport = now
        report(ReadProgress(bytesRead: offset, totalBytes: total, elapsedSeconds: now - start, finished: false))
    }

    /// The final report.
    func finish() {
        report(ReadProgress(bytesRead: offset, totalBytes: total, elapsedSeconds: Self.now() - start, finished: true))
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
