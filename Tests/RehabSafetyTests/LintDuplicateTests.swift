import RehabSafety
import Testing

@Suite("duplicate-answer and duplicate-question")
struct LintDuplicateTests {
    static let walkingAnswer = "Short, gentle walks keep the muscles of your back moving and stop them stiffening up. Start with five minutes a few times a day and add a little more each day as the pain allows."

    // MARK: duplicate-answer

    @Test func theSameAnswerUnderTwoQuestionsIsReportedInBothPlaces() {
        let body = """
            ## Should I walk with a sore back?
            \(Self.walkingAnswer)

            ## Which exercise is best for a sore back?
            \(Self.walkingAnswer)
            """
        let findings = LintFixture.findings(.duplicateAnswer, in: body)
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .error })
        #expect(findings.contains { $0.message.contains("\"Which exercise is best for a sore back?\"") })
        #expect(findings.contains { $0.message.contains("\"Should I walk with a sore back?\"") })
    }

    @Test("Nearly the same answer in another article is reported in both files", arguments: [
        // One word changed and a sentence added.
        "Short, gentle walks keep the muscles of your back moving and stop them stiffening up. Start with five minutes a few times a day and add a little more each day as the pain allows. Wear comfortable shoes.",
        // A copy cut short.
        "Short, gentle walks keep the muscles of your back moving and stop them stiffening up. Start with five minutes a few times a day",
    ])
    func nearDuplicatesAcrossArticlesAreReported(copy: String) {
        let first = LintFixture.article("## Should I walk with a sore back?\n\(Self.walkingAnswer)")
        let second = LintFixture.article("## What can I do for a stiff neck?\n\(copy)", title: "How to ease a stiff neck")
        let findings = LintFixture.lint([(path: "articles/sore-back.md", text: first), (path: "articles/stiff-neck.md", text: second)])
            .filter { $0.rule == .duplicateAnswer }
        #expect(Set(findings.map(\.file)) == ["articles/sore-back.md", "articles/stiff-neck.md"])
        #expect(findings.first { $0.file == "articles/stiff-neck.md" }?.message.contains("articles/sore-back.md:") == true)
    }

    @Test("Different answers, short answers and the same question in two articles are not duplicates", arguments: [
        """
        ## Should I walk with a sore back?
        \(walkingAnswer)

        ## Can I swim with a sore back?
        Swimming is gentle on your back because the water takes your weight. Start with a few slow lengths and stop if the pain gets worse.
        """,
        """
        ## Is it safe to use a warm bath?
        Yes, it is safe for most people.

        ## Is it safe to use a hot water bottle?
        Yes, it is safe for most people.
        """,
    ])
    func distinctAnswersAreNotReported(body: String) {
        #expect(LintFixture.findings(.duplicateAnswer, in: body).isEmpty)
    }

    @Test func theSameProviderAdviceInTwoArticlesIsNotADuplicateAnswer() {
        let first = LintFixture.article("## Should I walk with a sore back?\n\(Self.walkingAnswer)")
        let second = LintFixture.article("## Can I swim with a stiff neck?\nYes, swimming gently is fine once the worst pain has eased.",
                                         title: "How to ease a stiff neck")
        let findings = LintFixture.lint([(path: "articles/a.md", text: first), (path: "articles/b.md", text: second)])
        #expect(!findings.contains { $0.rule == .duplicateAnswer || $0.rule == .duplicateQuestion })
    }

    // MARK: duplicate-question

    @Test("The same question twice in an article is an error at the repeat", arguments: [
        ("How long does a back spasm last?", "How long does a back spasm last?"),
        ("How long does a back spasm last?", "How long do back spasms usually last?"),
        ("Can I use a heat pad?", "Can I use heat pads?"),
    ])
    func repeatedQuestionsAreReported(first: String, second: String) throws {
        let body = "## \(first)\nMost ease within a few days.\n\n## \(second)\nUsually between two days and two weeks."
        let findings = LintFixture.findings(.duplicateQuestion, in: body)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        let text = LintFixture.article(body)
        let secondLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).lastIndex { $0 == "## \(second)" }) + 1
        #expect(finding.line == secondLine)
    }

    @Test("Questions that ask different things are not duplicates", arguments: [
        ("When should I use heat?", "Why should I use heat?"),
        ("How do I ease back pain?", "How do I ease back pain at night?"),
        ("Can I use heat?", "Can I use ice?"),
    ])
    func differentQuestionsAreNotReported(first: String, second: String) {
        let body = "## \(first)\nMost people find it helps within a day.\n\n## \(second)\nIt is fine for most people for ten minutes."
        #expect(LintFixture.findings(.duplicateQuestion, in: body).isEmpty)
    }

    @Test func nearIdenticalQuestionsInTwoArticlesAreAWarningInBoth() {
        let first = LintFixture.article("## How long does a back spasm last?\nMost back spasms ease within a few days.")
        let second = LintFixture.article("## How long do back spasms usually last?\nUsually from two days to two weeks.", title: "Back spasms in pregnancy")
        let findings = LintFixture.lint([(path: "articles/a.md", text: first), (path: "articles/b.md", text: second)])
            .filter { $0.rule == .duplicateQuestion }
        #expect(findings.map(\.file) == ["articles/a.md", "articles/b.md"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(findings.first?.message.contains("articles/b.md:") == true)
    }
}
