import RehabSafety
import Testing

@Suite("question-format")
struct LintQuestionFormatTests {
    @Test("A question heading that is not written as a question is a warning", arguments: [
        "## How can I ease a back spasm at home\nKeep moving gently and use warmth.",
        "## Back spasm at home?\nKeep moving gently and use warmth.",
        "## Can I use heat??\nYes, wrapped in a towel.",
        "**Can I use heat?**\n\nYes, wrapped in a towel.",
        "Q: Can I use heat?\n\nYes, wrapped in a towel.",
    ])
    func malformedQuestionsAreReported(body: String) {
        let findings = LintFixture.findings(.questionFormat, in: body)
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.allSatisfy { $0.severity == .warning && $0.line == 16 })
    }

    @Test func aPlainSectionAmongQuestionsIsAWarning() {
        let body = """
            ## Can I use heat?
            Yes, wrapped in a towel.

            ## Can I use ice?
            Yes, for ten minutes at a time.

            ## Treatment options
            Rest, warmth and gentle exercise.
            """
        let findings = LintFixture.findings(.questionFormat, in: body)
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("Treatment options") == true)
    }

    @Test("Questions, choices and ordinary sections are fine", arguments: [
        "## How can I ease a back spasm at home?\nKeep moving gently and use warmth.",
        "## Heat or ice?\nHeat for stiffness, ice for a new injury.",
        "## How to use a heat pack\nWrap it in a towel first.",
        "## 1. Can I use heat?\nYes, wrapped in a towel.\n\n## Q2: Can I use ice?\nYes, for ten minutes at a time.",
        "## Can I use heat?\nYes.\n\n## Can I use ice?\nYes.\n\n## Key points\nMove gently.\n\n## References\n\n- NHS. Back pain.",
    ])
    func wellFormedHeadingsAreNotReported(body: String) {
        #expect(LintFixture.findings(.questionFormat, in: body).isEmpty)
    }
}
