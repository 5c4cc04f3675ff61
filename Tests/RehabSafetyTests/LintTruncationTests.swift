import Foundation
import RehabSafety
import Testing

@Suite("truncated-answer")
struct LintTruncationTests {
    @Test("An answer or list item that stops mid-sentence is an error", arguments: [
        "## How long does a spasm last?\nMost spasms ease within a few days, but some can last...",
        "## How long does a spasm last?\nMost spasms ease within a few days, but some can last…",
        "## Can I use heat?\nYes, a warm pack helps the muscle relax, and",
        "## Can I use heat?\nYes. Wrap a warm pack in a towel and keep it on your back for fifteen minut",
        "## Can I use heat?\nYes, a warm pack helps (wrap it in a towel first.",
        "## Can I use heat?\nYes, warmth relaxes the muscle. Read more",
        "## What helps a sore back?\nTry these:\n\n- Walk a little every day.\n- Sleep on your side with a pillow.\n- Ask your GP about the",
        "## What helps a sore back?\nTry these:\n\n- Rest for a short time, then...\n- Walk a little every day.",
        "## What helps a sore back?\nTry these:\n\n- Walk gently every day.\n- Sleep on your side with a pillow.\n- Use a warm pack for fifteen minutes",
        "## What helps a sore back?\nTry these:\n\n- **Keep moving.** Short walks help more than lying",
        "## Which stretches help a sore back?\nThese stretches help most people:",
        "## How long does a sore back last?\nMost backs feel better within days.\n\nSome people need",
        "## Can I use heat?\n\n## Can I use ice?\nYes, ice wrapped in a towel is fine for ten minutes.",
        "## When should I call my GP?\nCall if you have:\n\n- a fever\n- pain that",
    ])
    func cutOffTextIsReported(body: String) {
        let findings = LintFixture.findings(.truncatedAnswer, in: body)
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test("Complete answers, lead-ins, labels and abbreviations are not truncation", arguments: [
        "## Can I use heat?\nYes, use gentle warmth, e.g. a wrapped hot water bottle, for 15 minutes.",
        "## How long does a spasm last?\nMost people feel better after 1.5 weeks, and nearly everyone within 6.",
        "## What helps?\nTry these:\n\n- walking\n- swimming\n- yoga",
        "## What causes back pain?\nCommon causes include\n\n- lifting something heavy\n- twisting awkwardly",
        "## Which muscles cramp most?\nCramps most often affect:\n\n- the calf\n- the foot\n- the thigh",
        "## How should I sit?\n**Sitting**\n\nSit with your back supported and get up every half hour.",
        "## What should I ask myself?\nAsk yourself: “Does it hurt more when I sit?”",
        "## How long should I rest?\nRest helps. (Most people need only a day or two.)",
        "## Does heat help?\nYes, heat helps the muscle relax.[1]",
        "## When should I stop?\nStop if:\n\n- it hurts more than before\n- you feel dizzy, or\n- you need to",
        "## What sets off a spasm?\nIt often starts when you:\n\n- sneeze while bent over\n- put your feet up when you can",
        "## Who can help?\nAsk Dr. Patel or another GP at your practice about exercises that suit you.",
        "## Where can I learn more?\nThe NHS website has a page on back pain where you can learn more.",
        "## What should I avoid?\nSome people lift with a twisted back:\n\n- try not to do that\n- ask for help with heavy things",
    ])
    func completeTextIsNotReported(body: String) {
        #expect(LintFixture.findings(.truncatedAnswer, in: body).isEmpty)
    }

    @Test func theLineIsWhereTheTextStopsCountingTheFrontMatter() throws {
        let text = LintFixture.article("## Can I use heat?\nYes, warmth helps.\nKeep it on for fifteen minutes and")
        let expected = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("Keep it on") }) + 1
        let finding = try #require(LintFixture.lint(text).first { $0.rule == .truncatedAnswer })
        #expect(finding.line == expected)
        #expect(finding.message.contains("Can I use heat?"))
        #expect(finding.message.contains("minutes and"))
    }

    @Test func aSummaryThatStopsMidSentenceIsReportedAtItsKey() {
        let text = LintFixture.article("## Can I use heat?\nYes, warmth helps the muscle relax.")
            .replacingOccurrences(of: "summary: Keep moving gently, use warmth, and see your GP if it does not ease.",
                                  with: "summary: Keep moving gently and use warmth on your")
        let findings = LintFixture.lint(text).filter { $0.rule == .truncatedAnswer }
        #expect(findings.map(\.line) == [7])
    }
}
