import Foundation

/// An immutable in-memory search index over questions and answers, ranked with BM25F.
///
/// Build one from documents, search it from any number of threads at once, and build a new one
/// when content changes. Ranking: BM25F over five fields (question, answer, article title,
/// summary, topics) with per-field weights; synonym families as extra terms; a proximity bonus for
/// query words close together; a bonus when the query is the question. Words not in the index are
/// corrected to close ones (edit distance 1 from 5 letters, 2 from 9), scored lower, and the last
/// word is completed as a prefix.
public struct SearchIndex: Sendable {
    /// Field order in postings and lengths.
    enum Field: Int, CaseIterable {
        case question, answer, title, summary, topics
    }

    /// Ranking parameters.
    public struct Parameters: Sendable {
        public var k1: Double = 1.2
        public var fieldWeights: [Double] = [3.0, 1.0, 1.2, 0.4, 0.8]
        public var fieldB: [Double] = [0.6, 0.75, 0.5, 0.5, 0.3]
        public var synonymWeight: Double = 0.7
        public var correctionWeight: Double = 0.75
        public var prefixWeight: Double = 0.5
        public var proximityWeight: Double = 1.5
        public var exactQuestionBonus: Double = 3.0
        public init() {}
    }

    /// One document containing a term, with the term's query-independent BM25F impact:
    /// tf′ / (tf′ + k1), where tf′ sums the field frequencies, each weighted and length-normalised.
    struct Posting: Sendable {
        var document: Int32
        var impact: Float
    }

    public let documents: [SearchDocument]
    let analyzer: Analyzer
    let synonyms: SynonymTable
    let parameters: Parameters
    let termIDs: [String: Int32]
    let postings: [[Posting]]
    /// Question and answer term ids per document, in order (stop words as -1), for proximity.
    let sequences: [[Int32]]
    /// Distinct surface words of the corpus with their term ids and document frequencies.
    let words: [String: (term: Int32, frequency: Int32)]
    let sortedWords: [String]
    let spelling: SpellingIndex

    /// Builds an index; O(total words).
    public init(documents: [SearchDocument], synonyms: SynonymTable = SynonymTable(), parameters: Parameters = Parameters()) {
        self.documents = documents
        self.synonyms = synonyms
        self.parameters = parameters
        let analyzer = Analyzer()
        self.analyzer = analyzer
        let postings: [[Posting]]
        var termIDs: [String: Int32] = [:]
        var frequencies: [[(document: Int32, tf: (UInt8, UInt8, UInt8, UInt8, UInt8))]] = []
        var lengths = [UInt16](repeating: 0, count: documents.count * 5)
        var sums = [Double](repeating: 0, count: 5)
        var sequences: [[Int32]] = []
        sequences.reserveCapacity(documents.count)
        var words: [String: (term: Int32, frequency: Int32)] = [:]
        var counts: [Int32: (UInt8, UInt8, UInt8, UInt8, UInt8)] = [:]

        func id(for term: String) -> Int32 {
            if let existing = termIDs[term] { return existing }
            let new = Int32(frequencies.count)
            termIDs[term] = new
            frequencies.append([])
            return new
        }
        func bump(_ term: Int32, _ field: Int) {
            var value = counts[term] ?? (0, 0, 0, 0, 0)
            switch field {
            case 0: value.0 = value.0 &+ (value.0 < 255 ? 1 : 0)
            case 1: value.1 = value.1 &+ (value.1 < 255 ? 1 : 0)
            case 2: value.2 = value.2 &+ (value.2 < 255 ? 1 : 0)
            case 3: value.3 = value.3 &+ (value.3 < 255 ? 1 : 0)
            default: value.4 = value.4 &+ (value.4 < 255 ? 1 : 0)
            }
            counts[term] = value
        }

        // Title, summary and topics repeat for every question of an article: analyse them once.
        var articleCache: [String: [[Token]]] = [:]
        for (docIndex, document) in documents.enumerated() {
            counts.removeAll(keepingCapacity: true)
            let articleKey = document.article + "\u{1}" + document.articleTitle
            let articleFields = articleCache[articleKey] ?? {
                let fields = [analyzer.allTokens(document.articleTitle), analyzer.allTokens(document.summary),
                              analyzer.allTokens(document.topics.joined(separator: " , "))]
                if !document.article.isEmpty { articleCache[articleKey] = fields }
                return fields
            }()
            let fieldTokens = [analyzer.allTokens(document.question), analyzer.allTokens(document.answer)] + articleFields
            var sequence: [Int32] = []
            for (field, tokens) in fieldTokens.enumerated() {
                var length = 0
                for token in tokens {
                    if token.isStopWord {
                        if field < 2 { sequence.append(-1) }
                        continue
                    }
                    let term = id(for: token.term)
                    bump(term, field)
                    length += 1
                    if field < 2 { sequence.append(term) }
                    if words[token.word] == nil { words[token.word] = (term, 0) }
                }
                for match in synonyms.matches(in: tokens) {
                    bump(id(for: SynonymTable.familyTerm(match.family)), field)
                }
                if field == 0 { sequence.append(-2) }  // question/answer boundary
                lengths[docIndex * 5 + field] = UInt16(min(length, Int(UInt16.max)))
                sums[field] += Double(length)
            }
            sequences.append(sequence)
            for (term, tf) in counts {
                frequencies[Int(term)].append((Int32(docIndex), tf))
            }
        }
        // BM25F does not depend on the query but for each term's weight and idf: compute each
        // posting's impact once, here.
        let averages = sums.map { documents.isEmpty ? 1 : max($0 / Double(documents.count), 1) }
        var norms = [Double](repeating: 0, count: lengths.count)
        for index in lengths.indices {
            let field = index % 5
            norms[index] = parameters.fieldWeights[field]
                / (1 - parameters.fieldB[field] + parameters.fieldB[field] * Double(lengths[index]) / averages[field])
        }
        let k1 = parameters.k1
        postings = frequencies.map { list in
            list.map { entry in
                let base = Int(entry.document) * 5
                let tf = Double(entry.tf.0) * norms[base] + Double(entry.tf.1) * norms[base + 1] + Double(entry.tf.2) * norms[base + 2]
                    + Double(entry.tf.3) * norms[base + 3] + Double(entry.tf.4) * norms[base + 4]
                return Posting(document: entry.document, impact: Float(tf / (tf + k1)))
            }
        }
        // Document frequency of each surface word's term, for ranking corrections and completions.
        for (word, entry) in words {
            words[word] = (entry.term, Int32(postings[Int(entry.term)].count))
        }
        self.termIDs = termIDs
        self.postings = postings
        self.sequences = sequences
        self.words = words
        sortedWords = words.keys.sorted()
        spelling = SpellingIndex(words: Array(Set(words.keys).union(synonyms.words)))
    }

    /// The number of distinct index terms.
    public var termCount: Int { postings.count }
}
