import Foundation
import RehabContent
import RehabCore

/// Checks content files for what readers should never see: truncated, duplicated, off-topic and
/// unsourced answers, dangling citations, broken links, images without descriptions, stale articles,
/// hard reading and question headings that are not questions.
///
/// The linter is pure: it reads nothing and writes nothing. The caller reads the files (or renders
/// stored articles with ``RehabContent/ContentExporter``) and passes their text.
///
/// ```swift
/// let linter = ContentLinter(LintConfiguration(today: .today))
/// let findings = linter.lint([LintSource(path: "articles/back-spasm.md", text: markdown)])
/// let failed = findings.contains { $0.severity == .error }
/// ```
///
/// Each ``LintRule`` documents its heuristic. Files under `authors/` and `topics/` are only checked
/// for their format, images and other files are skipped, and every other file is an article.
public struct ContentLinter: Sendable {
    /// What the checks need beyond the files: today's date, the review interval, link targets…
    public var configuration: LintConfiguration

    /// Creates a linter.
    public init(_ configuration: LintConfiguration) {
        self.configuration = configuration
    }

    /// Lints content files together, so that duplicates and links are checked across all of them.
    ///
    /// A file that import would refuse gets an ``LintRule/invalidFile`` error for each problem, and
    /// the rest of it is still checked as far as it can be read.
    ///
    /// - Parameters:
    ///   - sources: The files, with the paths to report.
    ///   - progress: Called after each file with the number checked so far and the total.
    /// - Returns: Every finding, sorted by file, then line, then rule.
    public func lint(_ sources: [LintSource], progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> [LintFinding] {
        // Files are checked on their own in parallel, a batch at a time; then across the corpus.
        let results = ResultSlots(count: sources.count)
        var done = 0
        while done < sources.count {
            let batch = done..<min(done + 64, sources.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                results[batch.lowerBound + offset] = check(sources[batch.lowerBound + offset])
            }
            done = batch.upperBound
            progress(done, sources.count)
        }
        var findings = results.all.flatMap(\.findings)
        let documents = results.all.compactMap(\.document)
        let directory = LinkDirectory(documents: documents, known: configuration.knownArticles)
        for document in documents { findings += LinkRules.brokenLinks(document, directory: directory) }
        findings += DuplicateAnswerRule.check(documents, threshold: configuration.duplicateAnswerSimilarity)
        findings += DuplicateQuestionRule.check(documents)
        return findings.sorted { ($0.file, $0.line, $0.rule.rawValue, $0.message) < ($1.file, $1.line, $1.rule.rawValue, $1.message) }
    }

    /// The checks of one file on its own, and the article read from it.
    private func check(_ source: LintSource) -> (findings: [LintFinding], document: LintDocument?) {
        switch Self.kind(of: source.path) {
        case .article:
            let document = LintDocument(source: source)
            return (document.formatIssues.map(Self.finding(for:)) + checks(of: document), document)
        case .author, .topic:
            return (formatFindings(ofAuthorOrTopic: source), nil)
        case .image, .other:
            return ([], nil)
        }
    }

    /// The checks of one article on its own.
    private func checks(of document: LintDocument) -> [LintFinding] {
        TruncationRule.check(document)
            + OffTopicRule.check(document, synonyms: configuration.synonyms)
            + CitationRule.check(document)
            + ArticleRules.providerAdvice(document)
            + ArticleRules.references(document)
            + ArticleRules.staleness(document, configuration: configuration)
            + ArticleRules.readingLevel(document, maximumGrade: configuration.maximumReadingGrade)
            + LinkRules.missingAltText(document)
            + QuestionFormatRule.check(document)
    }

    private func formatFindings(ofAuthorOrTopic source: LintSource) -> [LintFinding] {
        let fileSlug = ((source.path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard Slug.isValid(fileSlug) else {
            return [LintFinding(file: source.path, line: 1, rule: .invalidFile, severity: .error,
                                message: "file name must be a slug (lowercase letters, digits, hyphens), such as '\(Slug.make(from: fileSlug)).md'")]
        }
        do {
            if case .author = Self.kind(of: source.path) {
                _ = try ContentParser.author(from: source.bytes, path: source.path, fileSlug: fileSlug)
            } else {
                _ = try ContentParser.topic(from: source.bytes, path: source.path, fileSlug: fileSlug)
            }
            return []
        } catch {
            return error.issues.map(Self.finding(for:))
        }
    }

    /// What a file is, by the folders of its path as given (a relative path is not resolved against
    /// the working folder, so `articles/x.md` is an article wherever the command runs).
    private static func kind(of path: String) -> ContentLoader.FileKind {
        ContentLoader.kind(ofPath: path.hasPrefix("/") ? path : "/" + path)
    }

    private static func finding(for issue: ContentIssue) -> LintFinding {
        LintFinding(file: issue.path, line: issue.line ?? 1, rule: .invalidFile, severity: .error, message: issue.message)
    }
}

/// One slot per file for the parallel workers of ``ContentLinter/lint(_:progress:)``. Each worker
/// writes only its own slot, and the slots are read only after all workers have finished, so no
/// two threads ever touch the same memory at once.
private final class ResultSlots: @unchecked Sendable {
    typealias Result = (findings: [LintFinding], document: LintDocument?)
    private let storage: UnsafeMutablePointer<Result>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: ([], nil), count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(index: Int) -> Result {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// Every slot, in order.
    var all: [Result] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}
