import Foundation
import RehabCore
import RehabSafety
import Testing

@Suite("The content linter")
struct LintGeneralTests {
    @Test func aCleanArticleHasNoFindings() throws {
        let findings = LintFixture.lint([(path: "articles/stiff-shoulder.md", text: try LintFixture.file("clean-article.md"))])
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func findingsAreSortedByFileThenLine() {
        let broken = LintFixture.article("## Can I use heat?\nYes, warmth helps the muscle and\n\n## Can I use ice?\nYes, but", references: false)
        let findings = LintFixture.lint([(path: "articles/z.md", text: broken), (path: "articles/a.md", text: broken)])
        let order = findings.map { "\($0.file):\(String(repeating: "0", count: 4 - String($0.line).count))\($0.line)" }
        #expect(!findings.isEmpty)
        #expect(order == order.sorted())
        #expect(findings.first?.file == "articles/a.md")
    }

    @Test func aFileImportWouldRefuseIsReportedAndStillChecked() {
        let text = "## Can I use heat?\nYes, a warm pack helps the muscle relax, and\n"
        let findings = LintFixture.lint([(path: "articles/no-front-matter.md", text: text)])
        let invalid = findings.filter { $0.rule == .invalidFile }
        #expect(invalid.count == 1)
        #expect(invalid.first?.line == 1)
        #expect(invalid.first?.message.contains("no front matter") == true)
        #expect(findings.contains { $0.rule == .truncatedAnswer && $0.line == 2 })
    }

    @Test func everyFrontMatterProblemGetsItsLine() {
        let text = LintFixture.article("## Can I use heat?\nYes, wrapped in a towel.").replacingOccurrences(of: "published: 2025-03-10", with: "published: 2025-13-45")
        let invalid = LintFixture.lint(text).filter { $0.rule == .invalidFile }
        #expect(invalid.map(\.line) == [4])
        #expect(invalid.first?.severity == .error)
    }

    @Test func crlfLineEndsAndAByteOrderMarkKeepTheLineNumbers() {
        let text = LintFixture.article("## Can I use heat?\nYes, a warm pack helps the muscle relax, and")
        let plain = LintFixture.lint(text)
        let windows = LintFixture.lint([(path: "articles/sore-back.md", text: "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"))])
        #expect(!plain.isEmpty)
        #expect(windows == plain)
    }

    @Test func authorAndTopicFilesAreOnlyCheckedForTheirFormat() {
        let author = "---\nname: Jo Roe\n---\nJo writes about backs and\n"
        let badTopic = "---\ncolour: red\n---\nAbout backs.\n"
        let findings = LintFixture.lint([(path: "authors/jo-roe.md", text: author), (path: "topics/back.md", text: badTopic),
                                         (path: "images/notes.md", text: "not content")])
        #expect(findings.map(\.file) == ["topics/back.md"])
        #expect(findings.first?.rule == .invalidFile)
    }

    @Test func findingsEncodeAsTheDocumentedJSON() throws {
        let finding = LintFinding(file: "articles/a.md", line: 12, rule: .truncatedAnswer, severity: .error, message: "finish it")
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(finding)) as? [String: Any]
        #expect(object?["file"] as? String == "articles/a.md")
        #expect(object?["line"] as? Int == 12)
        #expect(object?["rule"] as? String == "truncated-answer")
        #expect(object?["severity"] as? String == "error")
        #expect(object?["message"] as? String == "finish it")
        #expect(finding.description == "articles/a.md:12: error: finish it [truncated-answer]")
    }

    @Test func everyRuleHasAStableID() {
        #expect(LintRule.allCases.map(\.id) == [
            "truncated-answer", "duplicate-answer", "duplicate-question", "off-topic-answer", "dangling-citation",
            "missing-provider-advice", "missing-references", "stale", "reading-level", "broken-link", "missing-alt-text",
            "question-format", "invalid-file",
        ])
    }

    @Test("Odd files are checked without failing", arguments: [
        "", "---", "---\n---", "---\ntitle: [unclosed\n---\n## Q?\n", "\u{0}\u{1}binary", "## ?\n", "#\n##\n###",
        "- \n  - \n    - [ ]", "| a |\n| - |\n| [9] |", "<div>\n<img src=x>\n</div>", String(repeating: "word ", count: 20_000),
        "## Why?\n" + String(repeating: "(", count: 500), "Q: ?\n\n**?**", "[^]\n[^x]: y\n¹²³⁴⁵⁶⁷⁸⁹⁰", "## A?\n## A?\n## A?",
    ])
    func oddFilesDoNotCrash(text: String) {
        _ = LintFixture.lint([(path: "articles/odd.md", text: text), (path: "authors/odd.md", text: text), (path: "topics/odd.md", text: text)])
    }

    @Test func invalidUTF8IsReportedWithItsLine() {
        let bytes = Array("---\ntitle: A\n---\nok\n".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let findings = ContentLinter(LintConfiguration(today: LintFixture.today)).lint([LintSource(path: "articles/bad.md", bytes: bytes)])
        #expect(findings.contains { $0.rule == .invalidFile && $0.line == 5 && $0.message.contains("UTF-8") })
    }
}
