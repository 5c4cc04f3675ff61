import ArgumentParser
import Foundation
@testable import RehabCLI
import RehabCore
import RehabTestSupport
import Testing

@Suite("rehabfaqs lint")
struct LintCommandTests {
    /// The fixture article, published a month ago so that it is not stale whenever the tests run.
    static func recentArticle(slug: String) -> String {
        ContentFolder.articleFile(slug: slug).replacingOccurrences(of: "published: 2025-03-10", with: "published: \(CalendarDate.today.adding(days: -30))")
    }

    /// An article whose only question stops mid-sentence (line 17), and which lists its sources.
    static let truncatedArticle = recentArticle(slug: "cut-off")
        .replacingOccurrences(of: "Keep moving gently.", with: "Keep moving gently and use a warm pack on your")

    /// Runs `rehabfaqs lint` with `arguments`, collecting what it prints.
    func lint(_ arguments: [String]) async throws -> (failed: Bool, output: String, errors: String) {
        let command = try #require(try RehabFAQsCommand.parseAsRoot(["lint"] + arguments) as? RehabFAQsCommand.Lint)
        var output: [String] = []
        var errors: [String] = []
        let failed = try await command.execute(output: { output.append($0) }, errors: { errors.append($0) })
        return (failed, output.joined(separator: "\n"), errors.joined(separator: "\n"))
    }

    @Test func findingsArePrintedAsPathLineMessageAndAnErrorFails() async throws {
        let folder = try ContentFolder()
        let path = try folder.write("content/articles/cut-off.md", Self.truncatedArticle)
        let result = try await lint([folder.path + "/content"])
        #expect(result.failed)
        #expect(result.output.contains("\(path):17: error: "))
        #expect(result.output.contains("[truncated-answer]"))
        #expect(result.output.hasSuffix("1 error and 0 warnings in 1 file."))
    }

    @Test func theExitStatusIsOneOnAnErrorAndZeroOtherwise() async throws {
        let folder = try ContentFolder()
        try folder.write("bad/articles/cut-off.md", Self.truncatedArticle)
        try folder.write("good/articles/good.md", Self.recentArticle(slug: "good"))
        let failing = try #require(try RehabFAQsCommand.parseAsRoot(["lint", "--quiet", folder.path + "/bad"]) as? RehabFAQsCommand.Lint)
        await #expect(throws: ExitCode.failure) { try await failing.run() }
        let passing = try #require(try RehabFAQsCommand.parseAsRoot(["lint", "--quiet", folder.path + "/good"]) as? RehabFAQsCommand.Lint)
        await #expect(throws: Never.self) { try await passing.run() }
    }

    @Test func jsonHasTheDocumentedShape() async throws {
        let folder = try ContentFolder()
        let path = try folder.write("articles/cut-off.md", Self.truncatedArticle)
        let result = try await lint(["--json", path])
        #expect(result.failed)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(Array(object.keys) == ["findings"])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let finding = try #require(findings.first)
        #expect(Set(finding.keys) == ["file", "line", "rule", "severity", "message"])
        #expect(finding["file"] as? String == path)
        #expect(finding["line"] as? Int == 17)
        #expect(finding["rule"] as? String == "truncated-answer")
        #expect(finding["severity"] as? String == "error")
        #expect((finding["message"] as? String)?.isEmpty == false)
    }

    @Test func warningsAloneDoNotFail() async throws {
        let folder = try ContentFolder()
        let stale = ContentFolder.articleFile(slug: "old").replacingOccurrences(of: "published: 2025-03-10", with: "published: 2019-03-10")
        let path = try folder.write("articles/old.md", stale)
        let result = try await lint([path])
        #expect(!result.failed)
        #expect(result.output.contains("\(path):5: warning: "))
        #expect(result.output.contains("[stale]"))
    }

    @Test func aMissingPathOrAnUnparsableFileIsReportedAndFails() async throws {
        let folder = try ContentFolder()
        let bad = try folder.write("articles/bad.md", "no front matter here\n")
        let missing = folder.path + "/nowhere"
        let result = try await lint([missing, bad])
        #expect(result.failed)
        #expect(result.errors.contains("\(missing): no such file or folder"))
        #expect(result.output.contains("\(bad):1: error: no front matter"))
        #expect(result.output.contains("[invalid-file]"))
    }

    @Test func withoutAPathTheStoredArticlesAreLintedUnderTheirExportedPaths() async throws {
        let folder = try ContentFolder()
        try folder.write("content/authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("content/articles/cut-off.md", Self.truncatedArticle)
        let importCommand = try #require(try RehabFAQsCommand.parseAsRoot(["import", "--quiet", "--database", folder.databasePath, folder.path + "/content"]) as? RehabFAQsCommand.Import)
        try await importCommand.run()
        let result = try await lint(["--database", folder.databasePath])
        #expect(result.failed)
        #expect(result.output.contains("articles/cut-off.md:"))
        #expect(result.output.contains("[truncated-answer]"))
        #expect(!result.output.contains(folder.path))
    }

    @Test func anEmptyStoreHasNothingToReport() async throws {
        let folder = try ContentFolder()
        let result = try await lint(["--database", folder.databasePath])
        #expect(!result.failed)
        #expect(result.output == "No problems found in 0 files.")
    }
}
