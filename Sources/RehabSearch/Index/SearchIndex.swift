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
    /// The largest impact in each term's postings, for skipping documents that cannot reach the top.
    let maximumImpacts: [Float]
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

        // 1. Analyse documents in parallel chunks, each with its own local term ids.
        let chunkCount = documents.count < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunkSize = (documents.count + chunkCount - 1) / max(chunkCount, 1)
        let chunks = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)
            chunks.store(AnalyzedChunk(documents: documents[range], analyzer: analyzer, synonyms: synonyms), at: chunk)
        }

        // 2. Average field lengths over all documents, for BM25F's length normalisation.
        var analyzed = chunks.all()
        var sums = [Double](repeating: 0, count: 5)
        for chunk in analyzed {
            for (index, length) in chunk.lengths.enumerated() { sums[index % 5] += Double(length) }
        }
        let averages = sums.map { documents.isEmpty ? 1 : max($0 / Double(documents.count), 1) }
        let k1 = parameters.k1
        let weights = parameters.fieldWeights
        let bs = parameters.fieldB

        // 3. Merge chunk by chunk, releasing each: global term ids, postings with their
        //    query-independent impact tf′ / (tf′ + k1), sequences and words.
        var termIDs: [String: Int32] = [:]
        var postings: [[Posting]] = []
        var sequences: [[Int32]] = []
        sequences.reserveCapacity(documents.count)
        var words: [String: (term: Int32, frequency: Int32)] = [:]
        var documentIndex: Int32 = 0
        while !analyzed.isEmpty {
            let chunk = analyzed.removeFirst()
            let global: [Int32] = chunk.terms.map { term in
                if let existing = termIDs[term] { return existing }
                let new = Int32(postings.count)
                termIDs[term] = new
                postings.append([])
                return new
            }
            for (word, local) in chunk.words where words[word] == nil { words[word] = (global[Int(local)], 0) }
            for (offset, (counts, sequence)) in zip(chunk.counts, chunk.sequences).enumerated() {
                func norm(_ field: Int) -> Double {
                    weights[field] / (1 - bs[field] + bs[field] * Double(chunk.lengths[offset * 5 + field]) / averages[field])
                }
                let norms = (norm(0), norm(1), norm(2), norm(3), norm(4))
                for (local, tf) in counts {
                    let value = Double(tf[0]) * norms.0 + Double(tf[1]) * norms.1 + Double(tf[2]) * norms.2
                        + Double(tf[3]) * norms.3 + Double(tf[4]) * norms.4
                    postings[Int(global[Int(local)])].append(Posting(document: documentIndex, impact: Float(value / (value + k1))))
                }
                sequences.append(sequence.map { $0 >= 0 ? global[Int($0)] : $0 })
                documentIndex += 1
            }
        }
        // Document frequency of each surface word's term, for ranking corrections and completions.
        for (word, entry) in words {
            words[word] = (entry.term, Int32(postings[Int(entry.term)].count))
        }
        self.termIDs = termIDs
        self.postings = postings
        maximumImpacts = postings.map { list in list.reduce(0) { max($0, $1.impact) } }
        self.sequences = sequences
        self.words = words
        sortedWords = words.keys.sorted()
        spelling = SpellingIndex(words: Array(Set(words.keys).union(synonyms.words)))
    }

    /// The number of distinct index terms.
    public var termCount: Int { postings.count }
}

/// How often a term occurs in each of a document's five fields.
struct FieldCounts: Sendable {
    private var values: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)

    subscript(field: Int) -> UInt8 {
        get {
            switch field {
            case 0: values.0
            case 1: values.1
            case 2: values.2
            case 3: values.3
            default: values.4
            }
        }
        set {
            switch field {
            case 0: values.0 = newValue
            case 1: values.1 = newValue
            case 2: values.2 = newValue
            case 3: values.3 = newValue
            default: values.4 = newValue
            }
        }
    }

    mutating func bump(_ field: Int) {
        if self[field] < 255 { self[field] += 1 }
    }
}

/// One chunk of documents analysed on its own thread, with term ids local to the chunk.
struct AnalyzedChunk: Sendable {
    var terms: [String] = []
    var words: [String: Int32] = [:]
    var counts: [[(Int32, FieldCounts)]] = []
    var sequences: [[Int32]] = []
    /// Five per document.
    var lengths: [UInt16] = []

    init(documents: ArraySlice<SearchDocument>, analyzer: Analyzer, synonyms: SynonymTable) {
        var termIndex: [String: Int32] = [:]
        var tokenizer = CachingTokenizer(analyzer: analyzer)
        var articleCache: [String: [[Token]]] = [:]
        var counts: [Int32: FieldCounts] = [:]
        counts.reserveCapacity(128)

        func tokens(_ text: String) -> [Token] { tokenizer.tokens(text) }
        func id(for term: String) -> Int32 {
            if let existing = termIndex[term] { return existing }
            let new = Int32(terms.count)
            termIndex[term] = new
            terms.append(term)
            return new
        }

        for document in documents {
            counts.removeAll(keepingCapacity: true)
            // Title, summary and topics repeat for every question of an article: analyse them once.
            let articleKey = document.article + "\u{1}" + document.articleTitle
            let articleFields = articleCache[articleKey] ?? {
                let fields = [tokens(document.articleTitle), tokens(document.summary), tokens(document.topics.joined(separator: " , "))]
                if !document.article.isEmpty { articleCache[articleKey] = fields }
                return fields
            }()
            let fieldTokens = [tokens(document.question), tokens(document.answer)] + articleFields
            var sequence: [Int32] = []
            for (field, fieldToken) in fieldTokens.enumerated() {
                var length = 0
                for token in fieldToken {
                    if token.isStopWord {
                        if field < 2 { sequence.append(-1) }
                        continue
                    }
                    let term = id(for: token.term)
                    counts[term, default: FieldCounts()].bump(field)
                    length += 1
                    if field < 2 { sequence.append(term) }
                    if words[token.word] == nil { words[token.word] = term }
                }
                for match in synonyms.matches(in: fieldToken) {
                    counts[id(for: SynonymTable.familyTerm(match.family)), default: FieldCounts()].bump(field)
                }
                if field == 0 { sequence.append(-2) }  // question/answer boundary
                lengths.append(UInt16(min(length, Int(UInt16.max))))
            }
            sequences.append(sequence)
            self.counts.append(counts.map { ($0.key, $0.value) })
        }
    }
}

/// Slots for the chunks analysed in parallel; each slot is written by exactly one thread.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [AnalyzedChunk?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ chunk: AnalyzedChunk, at index: Int) {
        lock.lock()
        slots[index] = chunk
        lock.unlock()
    }

    func all() -> [AnalyzedChunk] { slots.compactMap { $0 } }
}

/// Tokenises with a cache of stems: a corpus repeats a few thousand words millions of times.
struct CachingTokenizer {
    let analyzer: Analyzer
    private var stems: [String: (term: String, isStopWord: Bool)] = [:]

    init(analyzer: Analyzer) { self.analyzer = analyzer }

    mutating func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        analyzer.forEachWord(in: text) { word, position, range in
            let entry: (term: String, isStopWord: Bool)
            if let cached = stems[word] {
                entry = cached
            } else {
                entry = (Analyzer.term(for: word), Analyzer.stopWords.contains(word))
                stems[word] = entry
            }
            result.append(Token(term: entry.term, word: word, position: position, byteRange: range, isStopWord: entry.isStopWord))
        }
        return result
    }
}
