import Foundation

/// An immutable in-memory search index over questions and answers, ranked with BM25F.
///
/// Build one from documents and search it from any number of threads at once. When content
/// changes, ``updating(removingArticles:adding:)`` returns a new index that differs by those
/// articles only; the old one stays valid for the queries still using it.
///
/// Ranking: BM25F over five fields (question, answer, article title, summary, topics) with
/// per-field weights; synonym families as extra terms; a proximity bonus for query words close
/// together; a bonus when the query is the question. Words not in the index are corrected to close
/// ones (edit distance 1 from 5 letters, 2 from 9), scored lower, and the last word is completed as
/// a prefix.
///
/// Internally an index is a large base segment plus a small segment of the documents added since,
/// with the base documents they replaced marked as removed. When the small segment grows past an
/// eighth of the base, an update builds one new base.
public struct SearchIndex: Sendable {
    /// Ranking parameters.
    public struct Parameters: Sendable {
        public var k1: Double = 1.2
        /// Question, answer, title, summary, topics.
        public var fieldWeights: [Double] = [3.0, 1.0, 1.2, 0.4, 0.8]
        public var fieldB: [Double] = [0.6, 0.75, 0.5, 0.5, 0.3]
        public var synonymWeight: Double = 0.7
        public var correctionWeight: Double = 0.75
        public var prefixWeight: Double = 0.5
        /// The weight of a word in ``Analyzer/weakWords``.
        public var weakWordWeight: Double = 0.3
        /// How much query words close together in a question count.
        public var proximityWeight: Double = 1.5
        /// How much a question that the query covers (or is) counts.
        public var exactQuestionBonus: Double = 5.0
        /// Postings that would add less than this share of the largest contribution are skipped.
        public var negligibleContribution: Double = 0.1
        public init() {}
    }

    let analyzer: Analyzer
    let synonyms: SynonymTable
    let parameters: Parameters
    let base: IndexSegment
    /// Documents added since `base` was built; scored with the base's field averages.
    let recent: IndexSegment
    /// Base documents that were removed or replaced, one bit each.
    let removed: [UInt64]
    let removedCount: Int
    /// Typo candidates among the base's words and the synonym file's.
    let baseSpelling: SpellingIndex
    /// Typo candidates among the words only the recent segment has.
    let recentSpelling: SpellingIndex

    /// Builds an index; O(total words).
    public init(documents: [SearchDocument], synonyms: SynonymTable = SynonymTable(), parameters: Parameters = Parameters()) {
        let analyzer = Analyzer()
        let base = IndexSegment(documents: documents, analyzer: analyzer, synonyms: synonyms, parameters: parameters)
        self.init(analyzer: analyzer, synonyms: synonyms, parameters: parameters, base: base,
                  baseSpelling: SpellingIndex(words: Array(Set(base.words.keys).union(synonyms.words))),
                  recent: IndexSegment(), removed: [UInt64](repeating: 0, count: (documents.count + 63) / 64), removedCount: 0)
    }

    private init(analyzer: Analyzer, synonyms: SynonymTable, parameters: Parameters, base: IndexSegment, baseSpelling: SpellingIndex,
                 recent: IndexSegment, removed: [UInt64], removedCount: Int) {
        self.analyzer = analyzer
        self.synonyms = synonyms
        self.parameters = parameters
        self.base = base
        self.baseSpelling = baseSpelling
        self.recent = recent
        self.removed = removed
        self.removedCount = removedCount
        recentSpelling = SpellingIndex(words: recent.words.keys.filter { base.words[$0] == nil })
    }

    /// A new index without the documents of `removingArticles` and with `adding`.
    ///
    /// To change an article, pass its slug in `removingArticles` and its new documents in `adding`.
    /// The cost is in proportion to the documents changed since the index was last built whole,
    /// not to the size of the index.
    public func updating(removingArticles: Set<String>, adding: [SearchDocument]) -> SearchIndex {
        var removed = self.removed
        var removedCount = self.removedCount
        if !removingArticles.isEmpty {
            for (number, document) in base.documents.enumerated() where removingArticles.contains(document.article) {
                let (word, bit) = (number >> 6, UInt64(1) << UInt64(number & 63))
                if removed[word] & bit == 0 {
                    removed[word] |= bit
                    removedCount += 1
                }
            }
        }
        let recentDocuments = recent.documents.filter { !removingArticles.contains($0.article) } + adding
        let liveBase = base.documents.count - removedCount
        if recentDocuments.count > max(1_000, liveBase / 8) {
            // Too much has changed for the small segment: build one base from everything.
            let all = base.documents.enumerated().filter { removed[$0.offset >> 6] & (UInt64(1) << UInt64($0.offset & 63)) == 0 }.map(\.element)
            return SearchIndex(documents: all + recentDocuments, synonyms: synonyms, parameters: parameters)
        }
        let recent = IndexSegment(documents: recentDocuments, analyzer: analyzer, synonyms: synonyms, parameters: parameters,
                                  averages: base.documents.isEmpty ? nil : base.averageLengths)
        return SearchIndex(analyzer: analyzer, synonyms: synonyms, parameters: parameters, base: base, baseSpelling: baseSpelling,
                           recent: recent, removed: removed, removedCount: removedCount)
    }

    /// The number of documents that can be found.
    public var documentCount: Int { base.documents.count - removedCount + recent.documents.count }

    /// The number of distinct index terms.
    public var termCount: Int { Set(base.termIDs.keys).union(recent.termIDs.keys).count }

    /// Whether base document `number` was removed.
    func isRemoved(_ number: Int32) -> Bool {
        removed[Int(number) >> 6] & (UInt64(1) << UInt64(number & 63)) != 0
    }

    /// The segments with the filter each needs.
    var segments: [(segment: IndexSegment, hasRemovals: Bool)] {
        recent.documents.isEmpty ? [(base, removedCount > 0)] : [(base, removedCount > 0), (recent, false)]
    }

    /// Documents (all segments) containing the term.
    func documentFrequency(of term: String) -> Int {
        base.documentFrequency(of: term) + recent.documentFrequency(of: term)
    }

    /// Whether any segment indexes the term.
    func contains(term: String) -> Bool {
        base.termIDs[term] != nil || recent.termIDs[term] != nil
    }

    /// The term of an indexed surface word, if any segment has it.
    func term(ofWord word: String) -> String? {
        if base.words[word] != nil || recent.words[word] != nil { return Analyzer.term(for: word) }
        return nil
    }
}
