import Foundation

/// An immutable inverted index over one set of documents: the unit that ``SearchIndex`` is made of.
///
/// Postings are stored flat, term after term, as two parallel arrays (document numbers and
/// impacts), so that scoring one term is a tight loop over contiguous memory. Each posting's impact
/// is the query-independent part of BM25F, tf′ / (tf′ + k1), where tf′ sums the term's frequency in
/// each field, weighted and length-normalised.
struct IndexSegment: Sendable {
    /// The five searched fields, in the order of lengths and counts.
    static let fieldCount = 5

    let documents: [SearchDocument]
    let termIDs: [String: Int32]
    /// Where each term's postings start in `postingDocuments`; one more entry than terms.
    let postingStart: [Int32]
    /// Each term's documents, in runs of equal impact, highest impact first; documents ascend within a run.
    let postingDocuments: [Int32]
    /// The impact runs of all terms; `runStart` says where each term's runs start (one more entry than terms).
    let runs: [ImpactRun]
    let runStart: [Int32]

    /// Postings of one term that share one impact, quantised to 8 bits.
    struct ImpactRun: Sendable {
        var impact: Float
        /// One past the run's last index in `postingDocuments`.
        var end: Int32
    }

    /// Each document's question as term ids, in order, stop words as -1, then -2 and the synonym
    /// families the question uses (for the question bonuses); `questionStart` says where each
    /// document's question starts (one more entry than documents).
    let questionStart: [Int32]
    let questionTerms: [Int32]
    /// Every surface word of the segment's documents (stop words excepted) with its term id.
    let words: [String: Int32]
    /// The words in sorted order, for prefix completion.
    let sortedWords: [String]
    /// The sum of each field's length over all documents.
    let lengthSums: [Double]
    /// Reused score buffers, so that a query allocates nothing proportional to the collection.
    let scratch: ScratchPool

    /// Average field lengths of `documents`, for segments that bring their own statistics.
    var averageLengths: [Double] {
        lengthSums.map { documents.isEmpty ? 1 : max($0 / Double(documents.count), 1) }
    }

    /// Builds a segment; O(total words), analysing in parallel chunks.
    ///
    /// - Parameter averages: Average field lengths to normalise against. A small segment added to a
    ///   large one passes the large one's averages, so that both score on the same scale.
    init(documents: [SearchDocument], analyzer: Analyzer, synonyms: SynonymTable, parameters: SearchIndex.Parameters,
         averages: [Double]? = nil) {
        self.documents = documents
        let fields = Self.fieldCount

        // 1. Analyse chunks of documents in parallel, each with term ids of its own.
        let chunkCount = documents.count < 2_000 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunkSize = (documents.count + chunkCount - 1) / max(chunkCount, 1)
        let slots = ChunkSlots(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = min(documents.count, chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)
            slots.store(AnalyzedChunk(documents: documents[range], analyzer: analyzer, synonyms: synonyms), at: chunk)
        }
        var chunks = slots.all()

        // 2. One term numbering for the whole segment, and each term's document frequency.
        var termIDs: [String: Int32] = [:]
        var frequencies: [Int32] = []
        var globalIDs: [[Int32]] = []
        for chunk in chunks {
            let mapping = chunk.terms.map { term -> Int32 in
                if let existing = termIDs[term] { return existing }
                let new = Int32(frequencies.count)
                termIDs[term] = new
                frequencies.append(0)
                return new
            }
            for local in chunk.postingTerms { frequencies[Int(mapping[Int(local)])] += 1 }
            globalIDs.append(mapping)
        }
        var lengthSums = [Double](repeating: 0, count: fields)
        for chunk in chunks {
            for (index, length) in chunk.lengths.enumerated() { lengthSums[index % fields] += Double(length) }
        }
        let averages = averages ?? lengthSums.map { documents.isEmpty ? 1 : max($0 / Double(documents.count), 1) }

        // 3. Postings laid out flat, term after term, documents ascending within a term for now,
        //    with impacts quantised to 8 bits.
        var postingStart = [Int32](repeating: 0, count: frequencies.count + 1)
        for (term, frequency) in frequencies.enumerated() { postingStart[term + 1] = postingStart[term] + frequency }
        let total = Int(postingStart.last ?? 0)
        var cursor = Array(postingStart.dropLast())
        var postingDocuments = [Int32](repeating: 0, count: total)
        var quantised = [UInt8](repeating: 0, count: total)
        var questionStart: [Int32] = [0]
        questionStart.reserveCapacity(documents.count + 1)
        var questionTerms: [Int32] = []
        questionTerms.reserveCapacity(chunks.reduce(0) { $0 + $1.questionTerms.count })
        var words: [String: Int32] = [:]
        let k1 = Float(parameters.k1)
        let weights = parameters.fieldWeights.map(Float.init)
        let bs = parameters.fieldB.map(Float.init)
        let averagesF = averages.map(Float.init)
        var document: Int32 = 0
        for (chunkIndex, mapping) in globalIDs.enumerated() {
            let chunk = chunks[chunkIndex]
            var postingIndex = 0
            for offset in 0..<chunk.documentPostingEnd.count {
                var norms = [Float](repeating: 0, count: fields)
                for field in 0..<fields {
                    let length = Float(chunk.lengths[offset * fields + field])
                    norms[field] = weights[field] / (1 - bs[field] + bs[field] * length / averagesF[field])
                }
                let end = Int(chunk.documentPostingEnd[offset])
                while postingIndex < end {
                    let term = Int(mapping[Int(chunk.postingTerms[postingIndex])])
                    let counts = chunk.postingCounts[postingIndex]
                    var value: Float = 0
                    for field in 0..<fields { value += Float(counts[field]) * norms[field] }
                    let impact = value / (value + k1)
                    let slot = Int(cursor[term])
                    postingDocuments[slot] = document
                    quantised[slot] = UInt8(max(1, min(255, (impact * 255).rounded())))
                    cursor[term] += 1
                    postingIndex += 1
                }
                document += 1
            }
            let questionBase = Int32(questionTerms.count)
            for local in chunk.questionTerms { questionTerms.append(local >= 0 ? mapping[Int(local)] : local) }
            for end in chunk.documentQuestionEnd { questionStart.append(questionBase + end) }
            for (word, local) in chunk.words where words[word] == nil { words[word] = mapping[Int(local)] }
            chunks[chunkIndex] = AnalyzedChunk()  // release the chunk's memory as soon as it is merged
        }
        // 4. Each term's postings reordered into runs of equal impact, highest first (a counting
        //    sort, which keeps documents ascending within a run).
        var runs: [ImpactRun] = []
        var runStart: [Int32] = [0]
        runStart.reserveCapacity(frequencies.count + 1)
        var buckets = [Int32](repeating: 0, count: 256)
        var scratchDocuments: [Int32] = []
        for term in 0..<frequencies.count {
            let start = Int(postingStart[term]), end = Int(postingStart[term + 1])
            for index in 0..<256 { buckets[index] = 0 }
            for index in start..<end { buckets[Int(quantised[index])] += 1 }
            // Bucket offsets, descending impact.
            var offset = Int32(start)
            var positions = [Int32](repeating: 0, count: 256)
            for level in stride(from: 255, through: 1, by: -1) where buckets[level] > 0 {
                positions[level] = offset
                offset += buckets[level]
                runs.append(ImpactRun(impact: Float(level) / 255, end: offset))
            }
            runStart.append(Int32(runs.count))
            scratchDocuments.removeAll(keepingCapacity: true)
            scratchDocuments.append(contentsOf: postingDocuments[start..<end])
            for (index, document) in zip(start..<end, scratchDocuments) {
                let level = Int(quantised[index])
                postingDocuments[Int(positions[level])] = document
                positions[level] += 1
            }
        }
        self.termIDs = termIDs
        self.postingStart = postingStart
        self.postingDocuments = postingDocuments
        self.runs = runs
        self.runStart = runStart
        self.questionStart = questionStart
        self.questionTerms = questionTerms
        self.words = words
        self.sortedWords = words.keys.sorted()
        self.lengthSums = lengthSums
        self.scratch = ScratchPool(documentCount: documents.count)
    }

    /// An empty segment.
    init() {
        self.init(documents: [], analyzer: Analyzer(), synonyms: SynonymTable(), parameters: SearchIndex.Parameters())
    }

    /// How many documents contain the term (0 for a term the segment does not have).
    func documentFrequency(of term: String) -> Int {
        guard let id = termIDs[term] else { return 0 }
        return Int(postingStart[Int(id) + 1] - postingStart[Int(id)])
    }

    /// How many documents contain the term with this id.
    func documentFrequency(ofID id: Int32) -> Int {
        Int(postingStart[Int(id) + 1] - postingStart[Int(id)])
    }

    /// Index words that start with `prefix`, at most `limit` of them, in sorted order.
    func words(startingWith prefix: String, limit: Int) -> [String] {
        var low = 0, high = sortedWords.count
        while low < high {
            let middle = (low + high) / 2
            if sortedWords[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var found: [String] = []
        var index = low
        while index < sortedWords.count, found.count < limit, sortedWords[index].hasPrefix(prefix) {
            found.append(sortedWords[index])
            index += 1
        }
        return found
    }
}

/// How often a term occurs in each of a document's five fields.
struct FieldCounts: Sendable {
    private var values: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)

    subscript(field: Int) -> UInt8 {
        switch field {
        case 0: values.0
        case 1: values.1
        case 2: values.2
        case 3: values.3
        default: values.4
        }
    }

    mutating func bump(_ field: Int) {
        switch field {
        case 0: values.0 &+= values.0 < 255 ? 1 : 0
        case 1: values.1 &+= values.1 < 255 ? 1 : 0
        case 2: values.2 &+= values.2 < 255 ? 1 : 0
        case 3: values.3 &+= values.3 < 255 ? 1 : 0
        default: values.4 &+= values.4 < 255 ? 1 : 0
        }
    }
}

/// One chunk of documents analysed on its own thread, with term ids local to the chunk.
struct AnalyzedChunk: Sendable {
    /// Local term id → term.
    var terms: [String] = []
    /// Surface word → local term id.
    var words: [String: Int32] = [:]
    /// Per document, its distinct terms with their field counts, flat; `documentPostingEnd` marks the ends.
    var postingTerms: [Int32] = []
    var postingCounts: [FieldCounts] = []
    var documentPostingEnd: [Int32] = []
    /// Per document, its question (see ``IndexSegment/questionTerms``), flat.
    var questionTerms: [Int32] = []
    var documentQuestionEnd: [Int32] = []
    /// Five per document.
    var lengths: [UInt16] = []

    init() {}

    init(documents: ArraySlice<SearchDocument>, analyzer: Analyzer, synonyms: SynonymTable) {
        var vocabulary = ChunkVocabulary(synonyms: synonyms)
        var articleFields: [String: [AnalyzedField]] = [:]
        var counts: [FieldCounts] = []
        var lastDocument: [Int32] = []
        var documentTerms: [Int32] = []
        postingTerms.reserveCapacity(documents.count * 64)
        postingCounts.reserveCapacity(documents.count * 64)
        questionTerms.reserveCapacity(documents.count * 12)

        for (documentNumber, document) in documents.enumerated() {
            let number = Int32(documentNumber)
            // Title, summary and topics repeat for every question of an article: analyse them once.
            let articleKey = document.article + "\u{1}" + document.articleTitle
            let shared = articleFields[articleKey] ?? {
                let fields = [vocabulary.analyze(document.articleTitle, analyzer: analyzer),
                              vocabulary.analyze(document.summary, analyzer: analyzer),
                              vocabulary.analyze(document.topics.joined(separator: " , "), analyzer: analyzer)]
                if !document.article.isEmpty { articleFields[articleKey] = fields }
                return fields
            }()
            let question = vocabulary.analyze(document.question, analyzer: analyzer)
            let answer = vocabulary.analyze(document.answer, analyzer: analyzer)
            if counts.count < vocabulary.terms.count {
                counts.append(contentsOf: repeatElement(FieldCounts(), count: vocabulary.terms.count - counts.count))
                lastDocument.append(contentsOf: repeatElement(-1, count: vocabulary.terms.count - lastDocument.count))
            }
            documentTerms.removeAll(keepingCapacity: true)
            func count(_ term: Int32, in field: Int) {
                let index = Int(term)
                if lastDocument[index] != number {
                    lastDocument[index] = number
                    counts[index] = FieldCounts()
                    documentTerms.append(term)
                }
                counts[index].bump(field)
            }
            for (field, analyzed) in [question, answer, shared[0], shared[1], shared[2]].enumerated() {
                var length = 0
                for (term, isStop) in zip(analyzed.terms, analyzed.isStopWord) where !isStop {
                    count(term, in: field)
                    length += 1
                }
                for family in analyzed.families { count(family, in: field) }
                lengths.append(UInt16(min(length, Int(UInt16.max))))
            }
            for (term, isStop) in zip(question.terms, question.isStopWord) { questionTerms.append(isStop ? -1 : term) }
            if !question.families.isEmpty {
                questionTerms.append(-2)
                questionTerms.append(contentsOf: question.families)
            }
            documentQuestionEnd.append(Int32(questionTerms.count))
            for term in documentTerms {
                postingTerms.append(term)
                postingCounts.append(counts[Int(term)])
            }
            documentPostingEnd.append(Int32(postingTerms.count))
        }
        terms = vocabulary.terms
        words = vocabulary.words
    }
}

/// The terms of one field: term ids (stop words included, for phrases) and the synonym families found.
struct AnalyzedField: Sendable {
    var terms: [Int32] = []
    var isStopWord: [Bool] = []
    /// Term ids of the synonym families that occur, one per occurrence.
    var families: [Int32] = []
}

/// A chunk's term numbering, with a cache from surface words to terms: a corpus repeats a few
/// thousand words millions of times, so each is stemmed once and then found with one look-up.
struct ChunkVocabulary {
    private struct Entry {
        var term: Int32
        var isStopWord: Bool
    }

    /// A synonym member as local term ids, and its family's term id.
    private struct Member {
        var terms: [Int32]
        var family: Int32
    }

    let synonyms: SynonymTable
    private(set) var terms: [String] = []
    private var termIndex: [String: Int32] = [:]
    private var cache: [String: Entry] = [:]
    /// The synonym members that start with each term, longest first.
    private var members: [[Member]] = []
    private(set) var words: [String: Int32] = [:]

    init(synonyms: SynonymTable) { self.synonyms = synonyms }

    mutating func id(for term: String) -> Int32 {
        if let existing = termIndex[term] { return existing }
        let new = Int32(terms.count)
        termIndex[term] = new
        terms.append(term)
        members.append([])
        let options = synonyms.members(startingWith: term)
        if !options.isEmpty {
            var resolved: [Member] = []
            for option in options {
                let ids = option.stems.map { id(for: $0) }
                resolved.append(Member(terms: ids, family: id(for: SynonymTable.familyTerm(option.family))))
            }
            members[Int(new)] = resolved
        }
        return new
    }

    mutating func analyze(_ text: String, analyzer: Analyzer) -> AnalyzedField {
        var field = AnalyzedField()
        analyzer.forEachWord(in: text) { word, _, _ in
            let entry: Entry
            if let cached = cache[word] {
                entry = cached
            } else {
                let isStop = Analyzer.stopWords.contains(word)
                entry = Entry(term: id(for: Analyzer.term(for: word)), isStopWord: isStop)
                cache[word] = entry
                if !isStop { words[word] = entry.term }
            }
            field.terms.append(entry.term)
            field.isStopWord.append(entry.isStopWord)
        }
        // Synonym families: at each word, the longest member that starts there.
        var index = 0
        let count = field.terms.count
        next: while index < count {
            for member in members[Int(field.terms[index])] where index + member.terms.count <= count {
                if member.terms.count == 1, field.isStopWord[index] { continue }
                var same = true
                for offset in 1..<max(member.terms.count, 1) where field.terms[index + offset] != member.terms[offset] {
                    same = false
                    break
                }
                if same {
                    field.families.append(member.family)
                    index += member.terms.count
                    continue next
                }
            }
            index += 1
        }
        return field
    }
}

/// Slots for the chunks analysed in parallel; each slot is written by exactly one thread.
private final class ChunkSlots: @unchecked Sendable {
    private var slots: [AnalyzedChunk?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ chunk: AnalyzedChunk, at index: Int) {
        lock.lock()
        slots[index] = chunk
        lock.unlock()
    }

    func all() -> [AnalyzedChunk] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
