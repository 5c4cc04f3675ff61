import RehabSearch
import Testing

@Suite("Searching questions and answers")
struct SearchIndexTests {
    static let documents: [SearchDocument] = [
        SearchDocument(id: 1, article: "back-spasm-pregnancy", articleTitle: "How to rehab a back muscle spasm while pregnant",
                       question: "How can I ease a back spasm at home?", anchor: "ease",
                       answer: "Keep moving gently, use warmth on your lower back and rest on your side with a pillow between your knees.",
                       summary: "Gentle movement and warmth help most back spasms in pregnancy.", topics: ["Back", "Pregnancy"], topicSlugs: ["back", "pregnancy"]),
        SearchDocument(id: 2, article: "leg-cramps", articleTitle: "Leg cramps",
                       question: "Why do I get cramps in my calf at night?", anchor: "night",
                       answer: "Night cramps in the calf are common. Stretch the calf before bed and drink enough water.",
                       summary: "Stretching eases most calf cramps.", topics: ["Cramps"], topicSlugs: ["cramps"]),
        SearchDocument(id: 3, article: "tens-labour", articleTitle: "TENS in labour",
                       question: "Can a TENS machine help with labour pain?", anchor: "tens",
                       answer: "A TENS machine sends small electrical pulses through pads on your back. Many people use it in early labour.",
                       summary: "TENS can ease early labour pain.", topics: ["Pregnancy"], topicSlugs: ["pregnancy"]),
        SearchDocument(id: 4, article: "rest", articleTitle: "Rest or move?",
                       question: "Should I rest a sprained ankle?", anchor: "rest",
                       answer: "Rest for a day or two, then start moving. The best recovery comes from gentle exercise. <script>alert(1)</script>",
                       summary: "Short rest, then movement.", topics: ["Ankle"], topicSlugs: ["ankle"]),
        SearchDocument(id: 5, article: "sciatica", articleTitle: "Sciatica",
                       question: "What is sciatica?", anchor: "what",
                       answer: "Sciatica is pain that runs from the lower back down one leg, from an irritated nerve.",
                       summary: "Sciatica is nerve pain down the leg.", topics: ["Back"], topicSlugs: ["back"]),
    ]

    static let index = SearchIndex(documents: documents, synonyms: (try? SearchResources.synonyms()) ?? SynonymTable())

    private func ids(_ query: String, topic: String? = nil) -> [Int] {
        Self.index.search(query, topic: topic).hits.map(\.document.id)
    }

    @Test(arguments: [
        ("sore back while expectng, what helps", 1),
        ("charley horse in my calf at night", 2),
        ("tens machine for labour back pain", 3),
        ("what is sciatica", 5),
        ("sprained ankle rest", 4),
        ("cramping calves", 2),
        ("transcutaneous electrical nerve stimulation labor", 3),
    ])
    func readersPhrasingFindsTheRightAnswerFirst(query: String, expected: Int) {
        #expect(ids(query).first == expected, "\(query): \(ids(query))")
    }

    @Test func aMisspeltWordIsCorrectedAndReported() {
        let results = Self.index.search("siatica pain")
        #expect(results.hits.first?.document.id == 5)
        #expect(results.correctedQuery == "sciatica pain")
    }

    @Test func aWordInTheIndexIsNeverRewritten() {
        // "rest" is indexed; "best" is one letter away and must not replace it.
        let results = Self.index.search("rest")
        #expect(results.correctedQuery == nil)
        #expect(results.hits.first?.document.id == 4)
    }

    @Test func aSynonymThatNoAnswerUsesIsUnderstoodNotCorrected() {
        // "charley" is in no document, but it is part of a synonym family.
        let results = Self.index.search("charley horse in my calf")
        #expect(results.correctedQuery == nil)
        #expect(results.hits.first?.document.id == 2)
    }

    @Test func shortWordsAreNotCorrected() {
        #expect(Self.index.search("legz").correctedQuery == nil)
    }

    @Test func theLastWordIsCompletedAsAPrefix() {
        #expect(ids("sciat").first == 5)
        #expect(Self.index.suggestions(for: "calf cra").first?.id == 2)
    }

    @Test func aTopicFilterAndPagingNarrowTheResults() {
        #expect(ids("back", topic: "pregnancy") == [1, 3])
        let all = Self.index.search("back", limit: 10)
        let second = Self.index.search("back", limit: 1, offset: 1)
        #expect(second.hits.map(\.document.id) == [all.hits[1].document.id])
        #expect(second.total == all.total)
    }

    @Test func snippetsAreEscapedWithMatchesMarked() throws {
        let hit = try #require(Self.index.search("rest ankle script").hits.first { $0.document.id == 4 })
        #expect(hit.snippet.contains("<mark>Rest</mark>"))
        #expect(hit.snippet.contains("&lt;<mark>script</mark>&gt;"))
        #expect(!hit.snippet.contains("<script"))
    }

    @Test(arguments: ["", "   ", "the and of", "!!! ??? ...", "😀🦵", "' OR 1=1; DROP TABLE article; --", "<script>alert(1)</script>",
                      String(repeating: "back pain ", count: 1_000)])
    func oddQueriesNeverFail(query: String) {
        let results = Self.index.search(query)
        #expect(results.hits.count <= 10)
    }

    @Test func stopWordsAloneFindNothing() {
        #expect(ids("what is the").isEmpty)
    }
}
