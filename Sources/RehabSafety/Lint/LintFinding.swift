/// How much a finding matters: an error fails `rehabfaqs lint`, a warning does not.
public enum LintSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Readers must not see this: `rehabfaqs lint` exits with status 1.
    case error
    /// Worth fixing, but the run still passes.
    case warning
}

/// The linter's checks, each with a stable id that scripts and editors can rely on.
public enum LintRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// An answer, paragraph or list item that stops mid-sentence or ends in "…".
    case truncatedAnswer = "truncated-answer"
    /// The same or nearly the same answer under different questions, anywhere in the corpus.
    case duplicateAnswer = "duplicate-answer"
    /// The same question twice in an article (error), or near-identical questions across articles (warning).
    case duplicateQuestion = "duplicate-question"
    /// An answer that does not address its question, or an author byline left in as a question.
    case offTopicAnswer = "off-topic-answer"
    /// A citation marker such as `[2]` with no matching reference, or leftover "Show references" text.
    case danglingCitation = "dangling-citation"
    /// A health article with no section or question on when to see a health care provider.
    case missingProviderAdvice = "missing-provider-advice"
    /// An article that lists no sources.
    case missingReferences = "missing-references"
    /// An article not updated or reviewed for too long, or past its next review date.
    case stale
    /// An answer above the target reading grade.
    case readingLevel = "reading-level"
    /// A link to an article or anchor that does not exist.
    case brokenLink = "broken-link"
    /// An image without a useful description.
    case missingAltText = "missing-alt-text"
    /// A question heading that is not written as a question.
    case questionFormat = "question-format"
    /// A file that import would refuse (bad front matter, invalid UTF-8…); the rest of it is still checked.
    case invalidFile = "invalid-file"

    /// The stable id, such as `truncated-answer`.
    public var id: String { rawValue }
}

/// One problem the linter found, at a line of a file.
public struct LintFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file as the source named it.
    public var file: String
    /// 1-based line in the file as written, front matter included: the question heading, or the offending line.
    public var line: Int
    /// The check that found the problem.
    public var rule: LintRule
    /// Whether the problem fails the run.
    public var severity: LintSeverity
    /// What is wrong and what to do about it, in plain words.
    public var message: String

    /// Creates a finding.
    public init(file: String, line: Int, rule: LintRule, severity: LintSeverity, message: String) {
        self.file = file
        self.line = line
        self.rule = rule
        self.severity = severity
        self.message = message
    }

    /// `path:line: severity: message [rule]`.
    public var description: String { "\(file):\(line): \(severity.rawValue): \(message) [\(rule.id)]" }
}

/// A content file to lint: its path (as it should be reported) and its bytes as stored.
public struct LintSource: Sendable, Hashable {
    /// The path to report, such as `articles/ankle-sprain.md`. Its folders decide what the file is,
    /// as for import: `authors/` and `topics/` files are checked only for their format.
    public var path: String
    /// The file's bytes; a byte-order mark and CRLF line ends are accepted.
    public var bytes: [UInt8]

    /// A source from its bytes as stored.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// A source from its text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
