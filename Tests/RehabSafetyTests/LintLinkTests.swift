import RehabSafety
import Testing

@Suite("broken-link and missing-alt-text")
struct LintLinkTests {
    /// A second article that links may point to: `heat-or-ice`, with the anchor `when-is-heat-better-than-ice`.
    static let heatOrIce = LintFixture.article("## When is heat better than ice?\nHeat suits stiff muscles; ice suits a fresh injury.",
                                               title: "Heat or ice for muscle pain", slug: "heat-or-ice")

    static func lint(linkingWith body: String) -> [LintFinding] {
        LintFixture.lint([(path: "articles/sore-back.md", text: LintFixture.article(body)), (path: "articles/heat-or-ice.md", text: heatOrIce)])
    }

    // MARK: broken-link

    @Test("A link to an unknown article or anchor is an error", arguments: [
        "## Can I use heat?\nYes; see [heat or ice](/articles/heat-and-ice).",
        "## Can I use heat?\nYes; see [heat or ice](/articles/heat-or-ice#when-is-ice-better).",
        "## Can I use heat?\nYes; see [heat or ice](heat-and-ice.md).",
        "## Can I use heat?\nYes; see [heat or ice](../articles/heat-or-ice.md#no-such-question).",
        "## Can I use heat?\nYes; see [the question below](#how-long-should-i-use-heat).",
        "## Can I use heat?\nYes; see [our old blog](/blog/heat-for-back-pain).",
        "## Can I use heat?\nYes; see [heat tips](heat-tips.html).",
    ])
    func brokenLinksAreReported(body: String) {
        let findings = Self.lint(linkingWith: body).filter { $0.rule == .brokenLink }
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.allSatisfy { $0.severity == .error && $0.file == "articles/sore-back.md" && $0.line == 17 })
    }

    @Test("Links to existing articles, anchors and other sites are fine", arguments: [
        "## Can I use heat?\nYes; see [heat or ice](/articles/heat-or-ice).",
        "## Can I use heat?\nYes; see [heat or ice](/articles/heat-or-ice#when-is-heat-better-than-ice).",
        "## Can I use heat?\nYes; see [heat or ice](heat-or-ice.md#when-is-heat-better-than-ice).",
        "## Can I use heat?\nYes; see [when to get help](#when-should-i-see-a-health-care-provider).",
        "## Can I use heat?\nYes; see [the NHS](https://www.nhs.uk/conditions/back-pain/) or [email us](mailto:help@example.org).",
        "## Can I use heat?\nYes; see [the A to Z](/a-z), [back](/topics/back), [search](/search?q=heat) and [all articles](/articles).",
    ])
    func workingLinksAreNotReported(body: String) {
        #expect(!Self.lint(linkingWith: body).contains { $0.rule == .brokenLink })
    }

    @Test func storedArticlesCountAsLinkTargets() {
        let text = LintFixture.article("## Can I use heat?\nYes; see [ankle sprains](/articles/ankle-sprain#can-i-walk-on-a-sprained-ankle).")
        let stored = LinkTarget(slug: "ankle-sprain", anchors: ["can-i-walk-on-a-sprained-ankle"])
        #expect(!LintFixture.lint([(path: "articles/a.md", text: text)], knownArticles: [stored]).contains { $0.rule == .brokenLink })
        #expect(LintFixture.lint([(path: "articles/a.md", text: text)]).contains { $0.rule == .brokenLink })
    }

    // MARK: missing-alt-text

    @Test("An image without a description is an error", arguments: [
        "## How do I stretch?\nLike this:\n\n![](../images/stretch.png)",
        "## How do I stretch?\nLike this:\n\n![image](../images/stretch.png)",
        "## How do I stretch?\nLike this:\n\n![stretch.png](../images/stretch.png)",
        "## How do I stretch?\nLike this:\n\n![IMG_2041](../images/IMG_2041.jpg)",
        "## How do I stretch?\nLike this:\n\n<img src=\"../images/stretch.png\">",
    ])
    func imagesWithoutAltTextAreReported(body: String) {
        let findings = LintFixture.findings(.missingAltText, in: body)
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.allSatisfy { $0.severity == .error && $0.line == 19 })
    }

    @Test func anImageWithADescriptionIsFine() {
        #expect(LintFixture.findings(.missingAltText, in: "## How do I stretch?\nLike this:\n\n![A woman on all fours arching her back](../images/stretch.png)").isEmpty)
    }
}
