import RehabCore
import RehabSafety
import Testing

@Suite("The warning-sign rules file")
struct TriageRulesTests {
    static let minimal = """
        contexts:
          pregnancy: [pregnant]
        concepts:
          back: [back, backache]
          fever: [fever, temperature]
        rules:
          - id: back-fever
            level: urgent
            title: Back pain with a fever
            advice: Call {urgent} or see your {gp} today; in an emergency call {emergency}.
            source: {publisher: NHS, title: Back pain, url: "https://www.nhs.uk/conditions/back-pain/"}
            when:
              - [back, fever]
          - id: bleeding
            level: urgent
            contexts: [pregnancy]
            title: Bleeding in pregnancy
            advice: Call {maternity}.
            source: {publisher: NHS, title: Bleeding, url: "https://www.nhs.uk/"}
            when:
              - [bleeding | spotting]
        """

    @Test func theBundledRulesLoadAndCoverEveryLevel() throws {
        let rules = try TriageRules.bundled()
        #expect(rules.rules.count >= 25)
        #expect(Set(rules.rules.map(\.level)) == [.emergency, .urgent, .soon])
        #expect(rules.rules.allSatisfy { $0.source.url.hasPrefix("https://") && !$0.advice.isEmpty && !$0.title.isEmpty })
    }

    @Test func aRuleNeedsAllItsConceptsAndItsContext() throws {
        let triage = Triage(rules: try TriageRules(yaml: Self.minimal), englishWords: ["fewer"])
        #expect(triage.assess("backache and a temperature").level == .urgent)
        #expect(triage.assess("backache").level == .none)
        #expect(triage.assess("some spotting today").level == .none, "needs pregnancy")
        #expect(triage.assess("pregnant and some spotting today").level == .urgent)
        #expect(triage.assess("some spotting today", contexts: ["pregnancy"]).level == .urgent)
    }

    @Test func misspellingsCountButRealWordsAreNotMisspellings() throws {
        let triage = Triage(rules: try TriageRules(yaml: Self.minimal), englishWords: ["fewer"])
        #expect(triage.assess("back pain and a fevr").level == .urgent)
        #expect(triage.assess("back pain, fewer than before").level == .none)
    }

    @Test(arguments: [
        ("rules: [", "not valid YAML"),
        ("contexts: {}\nconcepts: {}\nrules:\n  - id: a\n    level: severe\n    title: t\n    advice: a\n    source: {publisher: p, title: t, url: u}\n    when: [[x]]\n", "level severe"),
        ("contexts: {}\nconcepts: {}\nrules:\n  - id: a\n    level: soon\n    contexts: [elderly]\n    title: t\n    advice: a\n    source: {publisher: p, title: t, url: u}\n    when: [[x]]\n", "context elderly"),
        ("contexts: {}\nconcepts: {}\nrules:\n  - id: a\n    level: soon\n    title: t\n    advice: a\n    source: {publisher: p, title: t, url: u}\n    when: []\n", "at least one condition"),
    ])
    func aBrokenRulesFileIsRefusedWithAReason(yaml: String, message: String) {
        #expect {
            _ = try TriageRules(yaml: yaml)
        } throws: { error in
            "\(error)".contains(message) && "\(error)".hasPrefix("triage-rules.yaml:")
        }
    }

    @Test func aDuplicateRuleIdIsNamedWithItsLine() {
        let yaml = Self.minimal + """

              - id: back-fever
                level: soon
                title: t
                advice: a
                source: {publisher: p, title: t, url: u}
                when: [[back]]
            """
        #expect {
            _ = try TriageRules(yaml: yaml)
        } throws: { error in
            "\(error)".contains("back-fever is used twice")
        }
    }

    @Test(arguments: [(SiteConfiguration.Region.uk, "999", "NHS 111"), (.us, "911", "a nurse advice line or urgent care")])
    func careCardsNameTheRegionsServices(region: SiteConfiguration.Region, emergency: String, urgent: String) throws {
        let triage = try Triage.bundled()
        let emergencyCard = try #require(CareCard.cards(for: triage.assess("back pain and i cant feel my bum"), region: region).first)
        #expect(emergencyCard.level == .emergency)
        #expect(emergencyCard.heading.contains(emergency))
        #expect(emergencyCard.advice.contains(emergency))
        #expect(!emergencyCard.advice.contains("{"))
        let urgentCard = try #require(CareCard.cards(for: triage.assess("lower back pain with a high temperature"), region: region).first)
        #expect(urgentCard.level == .urgent)
        #expect(urgentCard.advice.contains(urgent))
    }

    @Test func anArticleThatDescribesWarningSignsGetsTheirCards() throws {
        let triage = try Triage.bundled()
        let advice = """
            Call 999 if you have back pain and numbness around your bottom or genitals, or you cannot control when you pee.
            Get an urgent appointment if you have back pain and a high temperature.
            """
        let levels = triage.signsDiscussed(in: advice).flags.map(\.id)
        #expect(levels.contains("saddle-numbness"))
        #expect(levels.contains("back-pain-with-fever"))
        #expect(triage.signsDiscussed(in: "Stretch gently and keep moving.").flags.isEmpty)
    }
}
