import Foundation
import RehabCore
import RehabSafety
import Testing

@Suite("missing-provider-advice, missing-references, stale and reading-level")
struct LintArticleRulesTests {
    static let heatQuestion = "## Can I use heat?\nYes, a warm pack wrapped in a towel helps the muscle relax."

    // MARK: missing-provider-advice

    @Test func aHealthArticleWithoutProviderAdviceIsAnError() {
        let findings = LintFixture.lint(LintFixture.article(Self.heatQuestion, providerQuestion: false)).filter { $0.rule == .missingProviderAdvice }
        #expect(findings.map(\.line) == [1])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.message.contains("When should I see a health care provider?") == true)
    }

    @Test("Provider advice may be a question or a section", arguments: [
        "## When should I call my midwife or GP?\nCall the same day if you have a fever.",
        "## When to see a doctor\nSee your GP if the pain lasts more than two weeks.",
        "## Warning signs\nCall 999 if your legs suddenly feel weak.",
        "**When should I get medical help?**\n\nCall NHS 111 if the pain is severe.",
    ])
    func providerAdviceInAnyFormIsAccepted(section: String) {
        let text = LintFixture.article(Self.heatQuestion + "\n\n" + section, providerQuestion: false)
        #expect(!LintFixture.lint(text).contains { $0.rule == .missingProviderAdvice })
    }

    @Test func anArticleThatIsNotAboutHealthNeedsNoProviderAdvice() {
        let text = """
            ---
            title: How to use this site
            author: editorial-team
            published: 2025-03-10
            summary: Search from the home page, or browse the A to Z list.
            references:
              - title: Accessibility statement
                url: https://example.org/accessibility
            ---
            ## Can I print an article?
            Yes, every page prints cleanly from your browser.
            """
        #expect(!LintFixture.lint(text).contains { $0.rule == .missingProviderAdvice })
    }

    // MARK: missing-references

    @Test func anArticleWithoutSourcesIsAnError() {
        let findings = LintFixture.lint(LintFixture.article(Self.heatQuestion, references: false)).filter { $0.rule == .missingReferences }
        #expect(findings.map(\.line) == [1])
        #expect(findings.first?.severity == .error)
    }

    @Test func sourcesInTheFrontMatterOrTheBodyAreEnough() {
        let inBody = LintFixture.article(Self.heatQuestion + "\n\n## References\n\n- NHS. Back pain. https://www.nhs.uk/conditions/back-pain/",
                                         references: false)
        #expect(!LintFixture.lint(inBody).contains { $0.rule == .missingReferences })
        #expect(!LintFixture.lint(LintFixture.article(Self.heatQuestion)).contains { $0.rule == .missingReferences })
    }

    // MARK: stale

    @Test("Articles not updated or reviewed for over 12 months, or past their review date, are stale", arguments: [
        ("2025-04-01", nil, "2026-06-01", 5),           // updated 14 months before
        ("2025-10-01", "2024-11-15", "2025-12-01", 6),  // reviewed: the next review was due on 2025-11-15
        (nil, nil, "2026-04-01", 4),                    // published 2025-03-10, never updated or reviewed
    ] as [(String?, String?, String, Int)])
    func staleArticlesAreAWarningAtTheirDate(updated: String?, reviewed: String?, today: String, line: Int) throws {
        let text = LintFixture.article(Self.heatQuestion, updated: updated, reviewed: reviewed)
        let findings = LintFixture.lint(text, today: try #require(CalendarDate(today))).filter { $0.rule == .stale }
        #expect(findings.map(\.line) == [line])
        #expect(findings.first?.severity == .warning)
    }

    @Test func aRecentArticleIsNotStale() {
        #expect(!LintFixture.lint(LintFixture.article(Self.heatQuestion)).contains { $0.rule == .stale })
    }

    @Test func aRecentReviewKeepsAnOldUpdateFresh() {
        let text = LintFixture.article(Self.heatQuestion, updated: "2024-01-10", reviewed: "2025-09-01")
        #expect(!LintFixture.lint(text).contains { $0.rule == .stale })
    }

    @Test func theReviewIntervalComesFromTheConfiguration() {
        let text = LintFixture.article(Self.heatQuestion, reviewed: "2025-08-01")
        let configuration = LintConfiguration(today: LintFixture.today, reviewIntervalMonths: 3)
        let findings = ContentLinter(configuration).lint([LintSource(path: "articles/a.md", text: text)]).filter { $0.rule == .stale }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("2025-11-01") == true)
    }

    // MARK: reading-level

    @Test func aHardAnswerIsAWarningWithItsGrade() throws {
        let body = """
            ## Can I take anti-inflammatory medication?
            Nonsteroidal anti-inflammatory medication is generally contraindicated during the third trimester of pregnancy, particularly considering potential complications affecting fetal circulation, and individualised pharmacological consultation is consequently recommended before commencing any therapeutic intervention whatsoever.
            """
        let finding = try #require(LintFixture.findings(.readingLevel, in: body).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("grade"))
    }

    @Test func aPlainAnswerIsNotReported() {
        let body = """
            ## Can I take ibuprofen while pregnant?
            No, not unless a doctor tells you to. It may harm your baby, mainly late in pregnancy. Paracetamol is usually the first choice. Ask your midwife or pharmacist before you take it, and read the leaflet.
            """
        #expect(LintFixture.findings(.readingLevel, in: body).isEmpty)
    }
}
