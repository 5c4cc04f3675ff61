import Foundation
import RehabSearch
import Testing

@Suite("Text analysis")
struct AnalyzerTests {
    /// Every pair of the Snowball project's English test vocabulary (BSD licence, see Fixtures).
    @Test func stemmerReproducesTheSnowballVocabulary() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/snowball-english")
        let words = try String(contentsOf: folder.appendingPathComponent("voc.txt"), encoding: .utf8).split(separator: "\n")
        let stems = try String(contentsOf: folder.appendingPathComponent("output.txt"), encoding: .utf8).split(separator: "\n")
        #expect(words.count == 42_649)
        #expect(stems.count == words.count)
        var mismatches: [String] = []
        for (word, stem) in zip(words, stems) where EnglishStemmer.stem(String(word)) != stem {
            mismatches.append("\(word) → \(EnglishStemmer.stem(String(word))), expected \(stem)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(10))")
    }

    @Test(arguments: [
        ("Sore BACK while Expecting", ["sore", "back", "expect"]),
        ("Épaule gelée", ["epaul", "gele"]),
        ("ｆｕｌｌｗｉｄｔｈ letters", ["fullwidth", "letter"]),
        ("The woman's back", ["woman", "back"]),
        ("contractions before 37 weeks", ["contract", "befor", "37", "week"]),
        ("no fever, not bleeding, without pain", ["no", "fever", "not", "bleed", "without", "pain"]),
        ("don’t stretch", ["don't", "stretch"]),
        ("😀 🦵 !!! ...", []),
    ])
    func textIsFoldedSegmentedAndStemmed(text: String, terms: [String]) {
        #expect(Analyzer().terms(text) == terms)
    }

    @Test func positionsAndRangesPointAtTheOriginalWords() {
        let text = "Café — the knee's pain"
        let tokens = Analyzer().tokens(text)
        let bytes = Array(text.utf8)
        #expect(tokens.map { String(decoding: bytes[$0.byteRange], as: UTF8.self) } == ["Café", "knee's", "pain"])
        #expect(tokens.map(\.position) == [0, 2, 3])
    }

    @Test func synonymFilesAreCheckedLineByLine() {
        #expect { try SynonymTable(text: "# ok\nspasm, cramp\nlonely\n") } throws: { error in
            (error as? SynonymError)?.description == "synonyms.txt:3: a family needs at least two members separated by commas"
        }
    }

    @Test func theBundledSynonymsLoadAndIncludeTheRequiredFamilies() throws {
        let table = try SearchResources.synonyms()
        #expect(table.members.count >= 100)
        let analyzer = Analyzer()
        for (a, b) in [("spasm", "charley horse"), ("pregnant", "expecting"), ("back pain", "lumbago"),
                       ("physio", "physical therapy"), ("tens", "transcutaneous electrical nerve stimulation")] {
            let first = table.matches(in: analyzer.allTokens(a)).map(\.family)
            let second = table.matches(in: analyzer.allTokens(b)).map(\.family)
            #expect(!first.isEmpty && first == second, "\(a) ~ \(b)")
        }
    }
}
