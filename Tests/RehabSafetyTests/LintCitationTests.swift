import RehabSafety
import Testing

@Suite("dangling-citation")
struct LintCitationTests {
    @Test("Markers without a matching source and reference-list leftovers are errors", arguments: [
        // The fixture article lists one source in its front matter.
        "## Does heat help?\nYes, heat helps the muscle relax [2].",
        "## Does heat help?\nYes, heat helps the muscle relax [1, 3].",
        "## Does heat help?\nYes, heat helps the muscle relax [2–4].",
        "## Does heat help?\nYes, heat helps the muscle relax.²",
        "## Does heat help?\nYes, heat helps the muscle relax.<sup>3</sup>",
        "## Does heat help?\nYes, heat helps the muscle relax.[^study]",
        "## Does heat help?\nYes, heat helps the muscle relax.\n\nShow references",
        "## Does heat help?\nYes, heat helps the muscle relax.\n\n## References",
        "## Does heat help?\nYes, heat helps the muscle relax.\n\nSources:",
    ])
    func danglingCitationsAreReported(body: String) {
        let findings = LintFixture.findings(.danglingCitation, in: body)
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test func aMarkerInAnArticleWithNoSourcesSaysSo() throws {
        let text = LintFixture.article("## Does heat help?\nYes, heat helps the muscle relax [1]. Most people feel better within days (Roe et al., 2021).",
                                       references: false)
        let findings = LintFixture.lint(text).filter { $0.rule == .danglingCitation }
        #expect(findings.count == 2)
        #expect(findings.contains { $0.message.contains("[1]") && $0.message.contains("lists none") })
        #expect(findings.contains { $0.message.contains("(Roe et al., 2021)") })
    }

    @Test func theLineIsTheLineOfTheMarker() throws {
        let text = LintFixture.article("## Does heat help?\nYes, heat helps\nthe muscle relax [4].")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("[4]") }) + 1
        #expect(LintFixture.lint(text).first { $0.rule == .danglingCitation }?.line == line)
    }

    @Test("Markers with a matching source and look-alikes are not reported", arguments: [
        "## Does heat help?\nYes, heat helps the muscle relax [1].",
        "## Does heat help?\nYes, heat helps the muscle relax [3].\n\n## References\n\n1. NICE. Low back pain and sciatica.\n2. MedlinePlus. Back pain.",
        "## Does heat help?\nYes, heat helps the muscle relax.[^1]\n\n[^1]: NHS. Back pain.",
        "## How big should a heat pad be?\nAbout 0.1 m² is enough to cover the lower back.",
        "## Does heat help?\nYes. Tick each box [x] on the [daily plan](https://www.nhs.uk/) when you have done it.",
        "## Does heat help?\nYes, see the NHS page [2] for more.\n\n[2]: https://www.nhs.uk/conditions/back-pain/",
    ])
    func matchedCitationsAreNotReported(body: String) {
        #expect(LintFixture.findings(.danglingCitation, in: body).isEmpty)
    }
}
