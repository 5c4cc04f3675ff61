/// One problem found in a content file, reported as `path:line: message`.
public struct ContentIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var path: String
    /// 1-based line in the file as written, front matter included; `nil` when the problem is the whole file.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// Content that cannot be imported; nothing from the run was written.
public struct ContentValidationError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var issues: [ContentIssue]

    public init(issues: [ContentIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
