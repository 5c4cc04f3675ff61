import Foundation
import RehabContent
import RehabCore
import RehabSafety
import RehabSearch
import RehabStarter
import Testing

@Suite("Linting the bundled starter content")
struct LintStarterContentTests {
    @Test func theStarterContentHasNoErrors() async throws {
        let bundle = try await StarterContent.load()
        var sources: [LintSource] = []
        for article in bundle.articles {
            sources.append(LintSource(path: "articles/\(article.slug).md", text: try ContentExporter.articleFile(for: article)))
        }
        let configuration = LintConfiguration(today: CalendarDate(year: 2025, month: 12, day: 1)!, synonyms: try SearchResources.synonyms())
        let findings = ContentLinter(configuration).lint(sources)
        for finding in findings { print(finding) }
        #expect(findings.filter { $0.severity == .error }.isEmpty)
    }
}
