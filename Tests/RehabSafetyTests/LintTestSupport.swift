import Foundation
import RehabCore
import RehabSafety
import RehabSearch

/// Builds small article files for the linter's tests: a clean article by default, so that each test
/// changes only what it is about.
enum LintFixture {
    /// The day every test judges staleness against.
    static let today = CalendarDate(year: 2025, month: 12, day: 1)!

    /// The bundled synonym families, as the command line uses them.
    static let synonyms: SynonymTable = (try? SearchResources.synonyms()) ?? SynonymTable()

    /// A clean "when to see a provider" question, added to articles unless a test leaves it out.
    static let providerQuestion = """
        ## When should I see a health care provider?
        See your GP if the pain lasts more than two weeks. Call 999 if your legs suddenly feel weak or numb.
        """

    /// Front matter that passes every check.
    static func frontMatter(title: String = "How to ease a sore back", slug: String? = nil, updated: String? = "2025-10-01",
                            reviewed: String? = nil, references: Bool = true, extra: String = "") -> String {
        var lines = ["---", "title: \(title)"]
        if let slug { lines.append("slug: \(slug)") }
        lines += ["author: editorial-team", "published: 2025-03-10"]
        if let updated { lines.append("updated: \(updated)") }
        if let reviewed { lines.append("reviewed: \(reviewed)") }
        lines.append("topics: [Back]")
        lines.append("summary: Keep moving gently, use warmth, and see your GP if it does not ease.")
        if !extra.isEmpty { lines.append(extra) }
        if references {
            lines += ["references:", "  - title: Back pain", "    publisher: NHS", "    url: https://www.nhs.uk/conditions/back-pain/",
                      "    accessed: 2025-11-01"]
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An article file: front matter, a short introduction, `body`, and the provider question.
    static func article(_ body: String, title: String = "How to ease a sore back", slug: String? = nil, updated: String? = "2025-10-01",
                        reviewed: String? = nil, references: Bool = true, providerQuestion: Bool = true) -> String {
        frontMatter(title: title, slug: slug, updated: updated, reviewed: reviewed, references: references)
            + "A sore back is common and usually gets better on its own.\n\n"
            + body + "\n"
            + (providerQuestion ? "\n" + self.providerQuestion + "\n" : "")
    }

    /// Lints files given as (path, text).
    static func lint(_ files: [(path: String, text: String)], today: CalendarDate = today, knownArticles: [LinkTarget] = []) -> [LintFinding] {
        let configuration = LintConfiguration(today: today, synonyms: synonyms, knownArticles: knownArticles)
        return ContentLinter(configuration).lint(files.map { LintSource(path: $0.path, text: $0.text) })
    }

    /// Lints one article file at `articles/sore-back.md`.
    static func lint(_ text: String, today: CalendarDate = today) -> [LintFinding] {
        lint([(path: "articles/sore-back.md", text: text)], today: today)
    }

    /// The findings of one rule for one article built from `body`.
    static func findings(_ rule: LintRule, in body: String) -> [LintFinding] {
        lint(article(body)).filter { $0.rule == rule }
    }

    /// The text of a file in `Fixtures/lint`.
    static func file(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/lint/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
