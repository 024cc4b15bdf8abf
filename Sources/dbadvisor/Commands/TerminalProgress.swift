import AdvisorCore
import LogParsing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One self-overwriting progress line on stderr (bytes read, rate, ETA) while a long log is read.
/// Only when stderr is a terminal: pipes, CI logs and tests never see it.
enum TerminalProgress {
    /// A progress reporter, or nil when stderr is not a terminal.
    static func reporter() -> ((String, ReadProgress) -> Void)? {
        guard isatty(2) == 1 else { return nil }
        return { path, progress in
            if progress.finished {
                // Erase the line so the report starts on a clean one.
                emit("\r\u{1B}[K")
                return
            }
            // Short logs finish before the first report is worth reading.
            guard progress.elapsedSeconds >= 1 else { return }
            var line = "\(path): \(Figures.bytes(Int64(progress.bytesRead)))"
            if let total = progress.totalBytes { line += " of \(Figures.bytes(Int64(total)))" }
            line += ", \(Figures.bytes(Int64(progress.bytesPerSecond)))/s"
            if let left = progress.remainingSeconds { line += ", \(Figures.duration(ms: left * 1000)) left" }
            emit("\r\u{1B}[K" + line)
        }
    }

    private static func emit(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
