import RehabSafety
import Testing

@Suite("off-topic-answer")
struct LintOffTopicTests {
    @Test("An answer that does not address its question is an error at the question", arguments: [
        // A "what causes" question answered with treatments.
        "## What causes back spasms?\nGentle stretching, a warm bath and a massage can ease a spasm. Try resting on your side with a pillow between your knees, and ask your pharmacist about painkillers.",
        // Hydration under an acupuncture question.
        "## Can acupuncture help back spasms?\nDrinking enough is important. Aim for six to eight glasses of water a day, and drink more in hot weather or after exercise.",
        // A byline left in as a question.
        "## Who is Dr. Jane Roe?\nDr. Jane Roe is a physiotherapist with 12 years of experience in treating back pain.",
        "## Who is Sam Lee?\nSam writes about health for our website.",
        // "How long" with no length of time.
        "## How long does a back spasm last?\nA spasm happens when a muscle tightens on its own and will not let go, often after a twist or a lift.",
        // "How often" with no frequency.
        "## How often should I stretch my back?\nStretch slowly and gently, and stop if a stretch makes the pain sharper or spreads it down your leg.",
        // "Is it safe" with no word that takes a stance.
        "## Is it safe to use a heat pad while pregnant?\nHeat pads come in many shapes and sizes, and most of them plug into the wall or warm up in a microwave.",
        // Byline text in an answer.
        "## Can I use heat?\nMedically reviewed by Dr. Jane Roe, PT, on 3 March 2024",
        // An answer about something else.
        "## Can I wear high heels while pregnant?\nSleeping on your side with a pillow between your knees takes the strain off your lower back at night.",
    ])
    func offTopicAnswersAreReported(body: String) {
        let findings = LintFixture.findings(.offTopicAnswer, in: body)
        #expect(findings.count == 1, "\(findings)")
        // At the question (line 16), or at the byline inside the answer (line 17).
        #expect(findings.allSatisfy { $0.severity == .error && (16...17).contains($0.line) })
    }

    @Test func aProviderQuestionThatNamesNoOneToSeeIsReported() {
        let text = LintFixture.article("## When should I see a health care provider?\nMost back pain gets better on its own with gentle movement and warmth, so try to stay active.",
                                       providerQuestion: false)
        let findings = LintFixture.lint(text).filter { $0.rule == .offTopicAnswer }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("names no one to see or call") == true)
    }

    @Test func anAuthorSectionIsReported() {
        let findings = LintFixture.findings(.offTopicAnswer, in: "## About the author\nJane Roe has written about back care for ten years.")
        #expect(findings.count == 1)
    }

    @Test("Answers that address their question are not reported", arguments: [
        // A short answer is not off-topic by itself.
        "## Can I use heat?\nYes.",
        // Causes, with a word on treatment.
        "## What causes back spasms?\nA spasm often starts after a twist, a lift or a long time in one position. Tired or weak muscles are more likely to cramp, and heat can ease it once it starts.",
        "## Who is at risk of back spasms?\nPeople who lift heavy things, sit for long hours or are pregnant are more likely to have them.",
        // Another word for the same thing.
        "## What painkillers can I take for a sore back?\nParacetamol is usually the first choice. Ask a pharmacist before you take anything, and follow the leaflet.",
        "## Can acupuncture help a sore back?\nSome people find that thin needles placed by a trained practitioner ease their pain, but the evidence is mixed.",
        "## How long does a back spasm last?\nMost spasms ease within a few days, and the pain usually settles within two weeks.",
        "## How often should I stretch my back?\nStretch two or three times a day, holding each stretch for about 20 seconds.",
        "## Is it safe to use a heat pad while pregnant?\nYes, warmth on your back is fine on a low setting and wrapped in a towel, for about 15 minutes at a time.",
        "## Can I wear high heels while pregnant?\nFlat or low shoes with good support are better for your back, because high heels tip your weight forward.",
    ])
    func onTopicAnswersAreNotReported(body: String) {
        #expect(LintFixture.findings(.offTopicAnswer, in: body).isEmpty)
    }

    @Test func theMessageSaysWhatTheAnswerIsAboutInstead() throws {
        let finding = try #require(LintFixture.findings(.offTopicAnswer, in: "## Can acupuncture help back spasms?\nDrinking enough is important. Aim for six to eight glasses of water a day, and drink more in hot weather.").first)
        #expect(finding.message.contains("acupuncture"))
        #expect(finding.message.contains("drinking water"))
    }
}
