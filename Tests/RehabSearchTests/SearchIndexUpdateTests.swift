import RehabSearch
import Testing

@Suite("Updating the index article by article")
struct SearchIndexUpdateTests {
    static func document(_ id: Int, article: String, question: String, answer: String) -> SearchDocument {
        SearchDocument(id: id, article: article, articleTitle: article, question: question, anchor: "q\(id)", answer: answer)
    }

    static let original: [SearchDocument] = [
        document(1, article: "cramps", question: "Why do I get calf cramps at night?", answer: "Night cramps are common. Stretch your calf before bed."),
        document(2, article: "cramps", question: "Can drinking water stop cramps?", answer: "Drink enough water through the day."),
        document(3, article: "tens", question: "Can a TENS machine ease labour pain?", answer: "TENS sends small pulses through pads on your back."),
        document(4, article: "ankle", question: "Should I rest a sprained ankle?", answer: "Rest for a day or two, then start moving."),
    ]

    static let synonyms = (try? SearchResources.synonyms()) ?? SynonymTable()

    private func articles(_ results: SearchResults) -> [String] { results.hits.map(\.document.article) }

    @Test func aChangedArticleIsFoundByItsNewWordsAndNotItsOldOnes() {
        let index = SearchIndex(documents: Self.original, synonyms: Self.synonyms)
        let changed = [Self.document(10, article: "ankle", question: "How do I wobble-board after an ankle sprain?",
                                     answer: "Balance exercises on a wobble board rebuild control.")]
        let updated = index.updating(removingArticles: ["ankle"], adding: changed)

        #expect(articles(updated.search("wobble board")) == ["ankle"])
        #expect(updated.search("rest sprained ankle").hits.allSatisfy { $0.document.id != 4 })
        #expect(articles(index.search("rest sprained ankle")).first == "ankle", "the old index is unchanged")
        #expect(updated.documentCount == 4)
    }

    @Test func aRemovedArticleIsNoLongerFound() {
        let updated = SearchIndex(documents: Self.original, synonyms: Self.synonyms).updating(removingArticles: ["tens"], adding: [])
        #expect(updated.search("tens machine labour").hits.isEmpty)
        #expect(updated.documentCount == 3)
        #expect(articles(updated.search("calf cramps")).first == "cramps")
    }

    @Test func anArticleChangedTwiceKeepsOnlyItsLatestVersion() {
        let first = SearchIndex(documents: Self.original, synonyms: Self.synonyms)
            .updating(removingArticles: ["tens"], adding: [Self.document(20, article: "tens", question: "Where do TENS pads go?", answer: "On your lower back.")])
        let second = first.updating(removingArticles: ["tens"], adding: [Self.document(21, article: "tens", question: "Is TENS safe in pregnancy?", answer: "Ask your midwife first.")])

        #expect(second.search("tens").hits.map(\.document.id) == [21])
        #expect(second.documentCount == 4)
    }

    @Test func aWordOnlyTheNewArticleUsesIsNotTreatedAsATypo() {
        let updated = SearchIndex(documents: Self.original, synonyms: Self.synonyms)
            .updating(removingArticles: [], adding: [Self.document(30, article: "proprioception", question: "What is proprioception?", answer: "Your sense of where your joints are.")])
        let results = updated.search("proprioception")
        #expect(results.correctedQuery == nil)
        #expect(results.hits.first?.document.id == 30)
    }

    @Test func anUpdatedIndexRanksLikeOneBuiltFromScratch() {
        // Many articles, so that the update stays a small segment beside the base.
        let many = (0..<400).map { number in
            Self.document(100 + number, article: "a\(number)", question: "How do I look after my \(["knee", "hip", "wrist", "neck"][number % 4]) \(number)?",
                          answer: "Gentle exercise and rest help the \(["knee", "hip", "wrist", "neck"][number % 4]) recover.")
        }
        let replacement = Self.document(999, article: "a7", question: "How do I strengthen my hip after a fall?", answer: "Start with sit-to-stand practice.")
        let updated = SearchIndex(documents: many, synonyms: Self.synonyms).updating(removingArticles: ["a7"], adding: [replacement])
        let scratch = SearchIndex(documents: many.filter { $0.article != "a7" } + [replacement], synonyms: Self.synonyms)

        for query in ["strengthen hip after a fall", "look after my knee 12", "neck 3", "sit to stand"] {
            #expect(updated.search(query, limit: 3).hits.map(\.document.id) == scratch.search(query, limit: 3).hits.map(\.document.id), "\(query)")
        }
    }

    @Test func manyChangesAreFoldedIntoOneNewBase() {
        let base = (0..<50).map { Self.document($0, article: "old\($0)", question: "Old question \($0)?", answer: "Old answer.") }
        let added = (0..<1_200).map { Self.document(1_000 + $0, article: "new\($0)", question: "New question about shoulders \($0)?", answer: "New answer.") }
        let updated = SearchIndex(documents: base, synonyms: Self.synonyms)
            .updating(removingArticles: Set((0..<10).map { "old\($0)" }), adding: added)

        #expect(updated.documentCount == 40 + 1_200)
        #expect(updated.search("old question 3").hits.allSatisfy { $0.document.id != 3 })
        #expect(updated.search("old question 33").hits.first?.document.id == 33)
        #expect(updated.search("shoulders 1199").hits.first?.document.id == 2_199)
    }

    @Test func aTopicFilterSkipsRemovedDocuments() {
        let topical = Self.original.map { document in
            var document = document
            document.topicSlugs = ["legs"]
            return document
        }
        let updated = SearchIndex(documents: topical, synonyms: Self.synonyms).updating(removingArticles: ["cramps"], adding: [])
        #expect(updated.search("cramps", topic: "legs").hits.isEmpty)
        #expect(updated.search("ankle", topic: "legs").hits.map(\.document.id) == [4])
    }
}
