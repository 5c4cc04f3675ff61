import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress display (`Reading 4,200/10,000 files (3,100/s)`) on standard error, shown
/// only when standard error is a terminal, redrawn at most ten times a second.
final class ProgressLine {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(done: Int, total: Int) {
        guard enabled, total >= 100 else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        FileHandle.standardError.write(Data("\r\(label) \(done.formatted())/\(total.formatted()) files (\(Int(rate).formatted())/s)\u{1B}[K".utf8))
        drawn = true
    }

    /// Clears the line so that the summary starts on a clean line.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
