import Foundation
import Logging

/// One JSON object per line on standard error: what log collectors (journald, Loki, CloudWatch)
/// parse without rules. Keys: `time` (ISO 8601, UTC), `level`, `logger`, `message`, and the
/// message's metadata as string fields.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let label: String

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        FileHandle.standardError.write(Data(Self.line(time: Date(), level: event.level, label: label, message: "\(event.message)", metadata: merged).utf8))
    }

    /// One log line, newline included.
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = "\(value)" }
        fields["time"] = time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        fields["level"] = level.rawValue
        fields["logger"] = label
        fields["message"] = message
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(fields)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
