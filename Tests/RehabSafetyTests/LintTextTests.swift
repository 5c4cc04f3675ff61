@testable import RehabSafety
import Testing

@Suite("The linter's sentences, syllables and reading grade")
struct LintTextTests {
    @Test("Syllables are counted from vowel groups, silent endings and split vowel pairs", arguments: [
        ("the", 1), ("back", 1), ("make", 1), ("makes", 1), ("walked", 1), ("table", 2), ("muscles", 2), ("changes", 2),
        ("wanted", 2), ("exercises", 4), ("pregnancy", 3), ("being", 2), ("lying", 2), ("radio", 3), ("actual", 3),
        ("easier", 3), ("people", 2), ("region", 2), ("nation", 2), ("physiotherapy", 6), ("15", 1), ("2025", 2),
    ])
    func syllables(word: String, count: Int) {
        #expect(LintText.syllables(in: word) == count)
    }

    @Test("Sentences end at full stops, but not inside decimals, abbreviations or before a lowercase word", arguments: [
        ("Rest. Then walk.", 2),
        ("Take 2.5 ml twice a day.", 1),
        ("Use warmth, e.g. a hot water bottle, for 15 minutes.", 1),
        ("Ask Dr. Patel. She can help!", 2),
        ("Does it hurt? See your GP… Then rest", 3),
        ("He said “stop.” Then he left.", 2),
    ])
    func sentences(text: String, count: Int) {
        #expect(LintText.sentences(in: text).count == count)
    }

    @Test func theGradeIsTheFleschKincaidFormula() {
        let counts = LintText.counts(of: "The cat sat on the mat. The dog ran to the park.")
        #expect(counts == LintText.Counts(words: 12, sentences: 2, syllables: 12))
        // 0.39 × 6 + 11.8 × 1 − 15.59
        #expect(abs(counts.grade - (-1.45)) < 0.001)
    }

    @Test func aListItemWithoutAFullStopStillEndsASentence() {
        #expect(LintText.counts(of: "the calf").sentences == 1)
    }
}
