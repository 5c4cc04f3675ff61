import ArgumentParser
import Foundation
import RehabContent
import RehabCore
import RehabSafety
import RehabSearch

extension RehabFAQsCommand {
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check content for truncated, duplicated, off-topic and unsourced answers, and more.",
            discussion: """
                Checks the files at PATH (files or folders, read as import reads them) or, with no PATH, every stored article. Each finding is printed as path:line: severity: message [rule], with lines counted in the file as written, front matter included. The exit status is 1 when any error is found (or a PATH is missing), 0 otherwise; warnings alone do not fail.

                Rules: truncated-answer, duplicate-answer, duplicate-question, off-topic-answer, dangling-citation, missing-provider-advice, missing-references, stale, reading-level, broken-link, missing-alt-text, question-format, and invalid-file for a file that import would refuse.

                Examples:
                  rehabfaqs lint content/
                  rehabfaqs lint content/articles/ankle-sprain.md --json
                  rehabfaqs lint --database ./rehabfaqs.sqlite   # the stored articles
                """
        )

        @OptionGroup var storage: DatabaseOptions

        @Argument(help: ArgumentHelp("Files or folders in the content format; without any, the stored articles are checked.", valueName: "path"))
        var paths: [String] = []

        @Flag(help: "Print JSON: {\"findings\":[{\"file\",\"line\",\"rule\",\"severity\",\"message\"}]}.")
        var json = false

        @Flag(help: "Print the findings only: no summary line and no progress.")
        var quiet = false

        func run() async throws {
            try await runReportingFailures {
                if try await execute(output: { print($0) }, errors: printError) { throw ExitCode.failure }
            }
        }

        /// Lints and writes the report: findings (text or JSON) through `output`, paths that could not
        /// be read through `errors`, as `path: message`.
        ///
        /// - Returns: Whether the run failed: an error was found, or a path could not be read.
        func execute(output: (String) -> Void, errors: (String) -> Void) async throws -> Bool {
            let report = try await makeReport()
            for issue in report.issues { errors(issue.description) }
            if json {
                output(try Self.json(for: report.findings))
            } else {
                let text = Self.text(for: report.findings)
                if !text.isEmpty { output(text) }
                if !quiet { output(Self.summary(for: report.findings, files: report.fileCount)) }
            }
            return !report.issues.isEmpty || report.findings.contains { $0.severity == .error }
        }

        /// What a run found: the findings, the paths that could not be read, and how many files were checked.
        struct Report {
            var findings: [LintFinding]
            var issues: [ContentIssue]
            var fileCount: Int
        }

        /// Reads the files (or the stored articles) and lints them.
        func makeReport() async throws -> Report {
            let location = try storage.location()
            let site = try SiteOptions.parse([]).configuration(settingsFolder: location.folder, defaultBaseURL: "http://127.0.0.1:8080")
            var configuration = LintConfiguration(today: .today, reviewIntervalMonths: site.reviewIntervalMonths,
                                                  synonyms: try SearchResources.synonyms())
            let sources: [LintSource]
            var issues: [ContentIssue] = []
            if paths.isEmpty {
                let articles = try await storage.withStore { store in try await store.allArticles() }
                configuration.knownArticles = articles.map(LinkTarget.init(article:))
                sources = try articles.map { article in
                    LintSource(path: "articles/\(article.slug).md", text: try ContentExporter.articleFile(for: article))
                }
            } else {
                (sources, issues) = Self.readSources(at: paths)
            }
            let progress = ProgressLine(label: "Checking", enabled: !quiet)
            let findings = ContentLinter(configuration).lint(sources) { done, total in progress.update(done: done, total: total) }
            progress.finish()
            return Report(findings: findings, issues: issues, fileCount: sources.count)
        }

        /// The content files at `paths`, as import would read them, and the paths that could not be read.
        static func readSources(at paths: [String]) -> (sources: [LintSource], issues: [ContentIssue]) {
            var (files, issues) = ContentLoader().contentFiles(at: paths)
            var sources: [LintSource] = []
            for path in files {
                switch ContentLoader.kind(ofPath: path) {
                case .article, .author, .topic: break
                case .image, .other: continue
                }
                do {
                    let attributes = try FileManager.default.attributesOfItem(atPath: path)
                    if let size = attributes[.size] as? Int, size > 5 * 1_048_576 {
                        let megabytes = (Double(size) / 1_048_576 * 10).rounded() / 10
                        issues.append(ContentIssue(path: path, line: nil, message: "file is \(megabytes) MB; the limit is 5 MB"))
                        continue
                    }
                    sources.append(LintSource(path: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
                } catch {
                    issues.append(ContentIssue(path: path, line: nil, message: "cannot be read: \(error.localizedDescription)"))
                }
            }
            return (sources, issues)
        }

        /// One line per finding: `path:line: severity: message [rule]`.
        static func text(for findings: [LintFinding]) -> String {
            findings.map(\.description).joined(separator: "\n")
        }

        /// `{"findings":[{"file","line","rule","severity","message"}]}`.
        static func json(for findings: [LintFinding]) throws -> String {
            struct Output: Encodable { var findings: [LintFinding] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(Output(findings: findings)), as: UTF8.self)
        }

        /// "2 errors and 1 warning in 12 files."
        static func summary(for findings: [LintFinding], files: Int) -> String {
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            let checked = "\(files) file\(files == 1 ? "" : "s")"
            guard !findings.isEmpty else { return "No problems found in \(checked)." }
            func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
            return "\(count(errors, "error")) and \(count(warnings, "warning")) in \(checked)."
        }
    }
}
