import RehabSafety
import Testing

/// Two FAQ pages written in our own words the way scraped pages come out: answers cut off or moved
/// under the wrong question, bylines, leftover reference buttons, citation markers without sources.
/// Every planted defect must be found, and nothing else may be reported as an error.
@Suite("Linting scraped FAQ pages")
struct LintScrapedPageTests {
    struct Defect: Hashable, CustomStringConvertible {
        var line: Int
        var rule: LintRule
        var description: String { "\(line) \(rule.id)" }
    }

    static let firstPage: [Defect] = [
        Defect(line: 1, rule: .missingProviderAdvice), Defect(line: 1, rule: .missingReferences), Defect(line: 5, rule: .stale),
        Defect(line: 10, rule: .offTopicAnswer),   // "Medically reviewed by…" byline
        Defect(line: 12, rule: .offTopicAnswer),   // "What causes" answered with treatments
        Defect(line: 13, rule: .danglingCitation), // [1] with no sources
        Defect(line: 15, rule: .offTopicAnswer),   // hydration under acupuncture
        Defect(line: 18, rule: .offTopicAnswer),   // "How long" with no time
        Defect(line: 19, rule: .truncatedAnswer),  // "…pulls..."
        Defect(line: 22, rule: .truncatedAnswer),  // "…your skin and"
        Defect(line: 24, rule: .duplicateAnswer), Defect(line: 27, rule: .duplicateAnswer),
        Defect(line: 25, rule: .danglingCitation), // [3]
        Defect(line: 30, rule: .duplicateQuestion),
        Defect(line: 33, rule: .offTopicAnswer),   // "Who is Dr. Alex Example?"
        Defect(line: 36, rule: .readingLevel),
        Defect(line: 39, rule: .questionFormat),   // "Treatment options"
        Defect(line: 42, rule: .questionFormat),   // no "?"
        Defect(line: 43, rule: .truncatedAnswer),  // "…, but"
        Defect(line: 45, rule: .missingAltText), Defect(line: 47, rule: .brokenLink),
        Defect(line: 49, rule: .danglingCitation), // "Show references"
    ]

    static let secondPage: [Defect] = [
        Defect(line: 1, rule: .missingProviderAdvice), Defect(line: 4, rule: .stale),
        Defect(line: 11, rule: .offTopicAnswer),   // "Written by… | Last updated…"
        Defect(line: 13, rule: .danglingCitation), // ² with one source
        Defect(line: 20, rule: .offTopicAnswer),   // "Why" answered with treatments
        Defect(line: 24, rule: .truncatedAnswer),  // "Read more"
        Defect(line: 26, rule: .duplicateAnswer), Defect(line: 29, rule: .duplicateAnswer),
        Defect(line: 29, rule: .offTopicAnswer),   // support belt answered about the baby
        Defect(line: 33, rule: .truncatedAnswer),  // "…continues for"
        Defect(line: 35, rule: .offTopicAnswer),   // diet under massage
        Defect(line: 38, rule: .questionFormat), Defect(line: 38, rule: .readingLevel),
        Defect(line: 40, rule: .danglingCitation), // ³
        Defect(line: 42, rule: .offTopicAnswer),   // "About Jane Roe, MSc"
        Defect(line: 45, rule: .questionFormat),   // "Sciatica exercises" among questions
        Defect(line: 46, rule: .brokenLink), Defect(line: 48, rule: .missingAltText),
        Defect(line: 50, rule: .danglingCitation), // "Sources:" with nothing after
    ]

    static let thirdPage: [Defect] = [
        Defect(line: 2, rule: .invalidFile),       // a title with ": " in it; the rest is still checked
        Defect(line: 4, rule: .stale),
        Defect(line: 5, rule: .truncatedAnswer),   // the summary ends in "..."
        Defect(line: 10, rule: .offTopicAnswer),   // "Medically reviewed by… — Written by…"
        Defect(line: 12, rule: .danglingCitation), // "(1Trusted Source)" button text
        Defect(line: 14, rule: .offTopicAnswer),   // symptoms answered with treatments
        Defect(line: 17, rule: .offTopicAnswer),   // treatment answered with causes
        Defect(line: 18, rule: .danglingCitation), // (2, 3) with one source
        Defect(line: 24, rule: .danglingCitation), // (4Trusted Source)
        Defect(line: 32, rule: .truncatedAnswer),  // "- pain that"
        Defect(line: 37, rule: .danglingCitation), // "Show 4 sources"
    ]

    @Test(arguments: [("scraped-faq.md", firstPage), ("scraped-faq-2.md", secondPage), ("scraped-faq-3.md", thirdPage)])
    func everyPlantedDefectIsFoundAndNothingElseIsAnError(file: String, planted: [Defect]) throws {
        let findings = LintFixture.lint([(path: "articles/\(file)", text: try LintFixture.file(file))])
        let found = Set(findings.map { Defect(line: $0.line, rule: $0.rule) })
        let missed = planted.filter { !found.contains($0) }
        #expect(missed.isEmpty, "missed: \(missed)")
        let unexpected = findings.filter { $0.severity == .error && !planted.contains(Defect(line: $0.line, rule: $0.rule)) }
        #expect(unexpected.isEmpty, "unexpected: \(unexpected)")
    }
}
