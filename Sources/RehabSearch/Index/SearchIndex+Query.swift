import Foundation

extension SearchIndex {
    /// The longest query accepted, in characters; longer ones are refused by callers with a clear message.
    public static let maximumQueryLength = 1_000

    /// A query term with its weight and whether it is a family (synonym) term.
    struct QueryTerm {
        var id: Int32
        var weight: Double
        var isFamily: Bool
        /// A synonym family the word belongs to: the word is scored with the family's (larger)
        /// document frequency, so a rare way of saying a common thing does not outweigh the rest.
        var familyID: Int32? = nil
    }

    /// A parsed query: its weighted terms and, when words were corrected, the corrected text.
    struct ParsedQuery {
        var terms: [QueryTerm] = []
        /// Term ids of the words the reader typed (after correction), for proximity and highlighting.
        var wordTerms: Set<Int32> = []
        var correctedQuery: String?
    }

    /// Returns the best answers for `query`, best first.
    ///
    /// Never fails: an empty query, one of only stop words or punctuation, or one with nothing in
    /// the index gives no hits.
    ///
    /// - Parameters:
    ///   - query: The reader's words.
    ///   - limit: Hits per page.
    ///   - offset: Hits to skip (paging).
    ///   - topic: Only documents with this topic slug.
    ///   - snippets: Whether to build highlighted snippets (the benchmark skips them).
    public func search(_ query: String, limit: Int = 10, offset: Int = 0, topic: String? = nil, snippets: Bool = true) -> SearchResults {
        let parsed = parse(query)
        guard !parsed.terms.isEmpty, limit > 0, !documents.isEmpty else {
            return SearchResults(hits: [], total: 0, correctedQuery: parsed.correctedQuery)
        }
        var scores = [Float](repeating: 0, count: documents.count)
        var touched: [Int32] = []
        let count = Double(documents.count)
        var allowed: [Bool]?
        if let topic {
            allowed = documents.map { $0.topicSlugs.contains(topic) }
        }
        // Term at a time, rarest (highest possible contribution) first. Once the terms left could
        // not lift an unseen document into the top `window`, they only update documents that
        // still can get there, found by binary search (the MaxScore idea).
        let window = max(offset + limit, 10) * 3
        let weighted = parsed.terms.map { term -> (id: Int32, factor: Float, bound: Float) in
            let df = Double(max(postings[Int(term.id)].count, term.familyID.map { postings[Int($0)].count } ?? 0))
            let idf = log(1 + (count - df + 0.5) / (df + 0.5))
            let factor = Float(term.weight * idf * (parameters.k1 + 1))
            return (term.id, factor, factor * maximumImpacts[Int(term.id)])
        }.sorted { $0.bound > $1.bound }
        var remaining = weighted.reduce(Float(0)) { $0 + $1.bound }
        var termIndex = 0
        var threshold: Float = 0
        while termIndex < weighted.count, remaining >= threshold || touched.count < window {
            let term = weighted[termIndex]
            scores.withUnsafeMutableBufferPointer { scores in
                postings[Int(term.id)].withUnsafeBufferPointer { list in
                    for posting in list {
                        let document = Int(posting.document)
                        if let allowed, !allowed[document] { continue }
                        if scores[document] == 0 { touched.append(posting.document) }
                        scores[document] += term.factor * posting.impact
                    }
                }
            }
            remaining -= term.bound
            termIndex += 1
            if touched.count >= window, termIndex < weighted.count {
                threshold = TopK.threshold(of: touched, scores: scores, k: window)
            }
        }
        if termIndex < weighted.count {
            // Only documents whose score plus everything left could still reach the threshold.
            var live = touched.filter { scores[Int($0)] + remaining >= threshold }
            for term in weighted[termIndex...] {
                let list = postings[Int(term.id)]
                for document in live {
                    if let impact = Self.impact(of: document, in: list) { scores[Int(document)] += term.factor * impact }
                }
                remaining -= term.bound
                live = live.filter { scores[Int($0)] + remaining >= threshold }
            }
        }
        // Re-rank the best candidates with proximity and exact-question bonuses.
        let wanted = Array(parsed.wordTerms)
        var candidates: [(document: Int, score: Double)] = TopK.best(of: touched, scores: scores, k: window).map { entry in
            let document = Int(entry.document)
            return (document, Double(entry.score) * bonus(for: document, query: parsed, wanted: wanted))
        }
        candidates.sort { lhs, rhs in lhs.score != rhs.score ? lhs.score > rhs.score : lhs.document < rhs.document }
        let page = candidates.dropFirst(offset).prefix(limit)
        let hits = page.map { candidate in
            SearchHit(document: documents[candidate.document], score: candidate.score,
                      snippet: snippets ? snippet(for: documents[candidate.document], query: parsed) : "")
        }
        return SearchResults(hits: hits, total: touched.count, correctedQuery: parsed.correctedQuery)
    }

    /// The impact of `document` in a posting list sorted by document, by binary search.
    static func impact(of document: Int32, in list: [Posting]) -> Float? {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].document < document { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low].document == document ? list[low].impact : nil
    }

    /// Up to `limit` questions for a partly typed query, for search-as-you-type.
    public func suggestions(for query: String, limit: Int = 5) -> [SearchDocument] {
        search(query, limit: limit, snippets: false).hits.map(\.document)
    }

    // MARK: - Parsing

    func parse(_ query: String) -> ParsedQuery {
        var parsed = ParsedQuery()
        var tokens = Array(analyzer.allTokens(String(query.prefix(Self.maximumQueryLength))).prefix(64))
        guard !tokens.isEmpty else { return parsed }
        let endsInWord = query.last.map { $0.isLetter || $0.isNumber } ?? false
        var weights: [Int32: (Double, Bool)] = [:]
        func add(_ id: Int32, _ weight: Double, family: Bool = false) {
            if weight > (weights[id]?.0 ?? 0) { weights[id] = (weight, family) }
        }
        var corrected = false
        var correctedWords: [String] = []
        var termAtPosition: [Int: Int32] = [:]
        for index in tokens.indices {
            let token = tokens[index]
            defer { correctedWords.append(tokens[index].word) }
            guard !token.isStopWord else { continue }
            if let id = termIDs[token.term] {
                add(id, 1)
                parsed.wordTerms.insert(id)
                termAtPosition[token.position] = id
                continue
            }
            let isLast = index == tokens.count - 1
            if isLast, endsInWord, token.word.count >= 2 {
                // The last word may be unfinished: complete it from the index's words.
                let completions = completions(of: token.word, limit: 3)
                for completion in completions { add(completion, parameters.prefixWeight) ; parsed.wordTerms.insert(completion) }
                if !completions.isEmpty { continue }
            }
            if synonyms.contains(stem: token.term) || synonyms.words.contains(token.word) { continue }
            // The closest word, then the commonest; a synonym's word (no documents) counts as common.
            if let best = spelling.candidates(for: token.word).min(by: { lhs, rhs in
                lhs.distance != rhs.distance ? lhs.distance < rhs.distance
                    : (words[lhs.word]?.frequency ?? Int32.max) > (words[rhs.word]?.frequency ?? Int32.max)
            }), best.word != token.word {
                if let entry = words[best.word] {
                    add(entry.term, parameters.correctionWeight)
                    parsed.wordTerms.insert(entry.term)
                }
                tokens[index].word = best.word
                tokens[index].term = Analyzer.term(for: best.word)
                corrected = true
            }
        }
        var families: [Int32: Int32] = [:]
        for match in synonyms.matches(in: tokens) {
            guard let id = termIDs[SynonymTable.familyTerm(match.family)] else { continue }
            add(id, parameters.synonymWeight, family: true)
            for offset in 0..<match.length {
                if let word = termAtPosition[match.position + offset], families[word] == nil { families[word] = id }
            }
        }
        parsed.terms = weights.map { QueryTerm(id: $0.key, weight: $0.value.0, isFamily: $0.value.1, familyID: families[$0.key]) }
            .sorted { $0.id < $1.id }
        if corrected { parsed.correctedQuery = correctedWords.joined(separator: " ") }
        return parsed
    }

    /// Term ids of the most frequent index words that start with `prefix`.
    func completions(of prefix: String, limit: Int) -> [Int32] {
        var low = 0, high = sortedWords.count
        while low < high {
            let middle = (low + high) / 2
            if sortedWords[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var found: [(Int32, Int32)] = []
        var index = low
        while index < sortedWords.count, sortedWords[index].hasPrefix(prefix), found.count < 200 {
            if let entry = words[sortedWords[index]] { found.append((entry.term, entry.frequency)) }
            index += 1
        }
        var seen = Set<Int32>()
        return found.sorted { $0.1 > $1.1 }.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    // MARK: - Bonuses

    /// A factor of 1 or more: query words next to each other, and a query that is the question.
    func bonus(for document: Int, query: ParsedQuery, wanted: [Int32]) -> Double {
        guard !wanted.isEmpty else { return 1 }
        // Queries have a handful of words: small arrays beat sets here.
        var questionTerms: [Int32] = []
        var found: [Int32] = []
        var shared = 0
        var inQuestion = true
        var adjacentPairs = 0
        var lastTerm: Int32 = -1
        var lastIndex = -10
        sequences[document].withUnsafeBufferPointer { sequence in
            for index in sequence.indices {
                let term = sequence[index]
                if term == -2 { inQuestion = false; lastIndex = -10; continue }
                guard term >= 0 else { continue }
                let isWanted = wanted.contains(term)
                if inQuestion, !questionTerms.contains(term) {
                    questionTerms.append(term)
                    if isWanted { shared += 1 }
                }
                guard isWanted else { continue }
                if !found.contains(term) { found.append(term) }
                if lastTerm != term, index - lastIndex <= 3 { adjacentPairs += 1 }
                lastTerm = term
                lastIndex = index
            }
        }
        // Answers that contain more of the reader's distinct words rank above those that repeat one.
        var factor = 0.8 + 0.2 * Double(found.count) / Double(wanted.count)
        if wanted.count > 1 {
            factor += 0.15 * parameters.proximityWeight * min(Double(adjacentPairs) / Double(wanted.count - 1), 1.5)
        }
        if !questionTerms.isEmpty {
            let coverage = Double(shared) / Double(questionTerms.count)
            let precision = Double(shared) / Double(wanted.count)
            factor += 0.1 * parameters.exactQuestionBonus * coverage * precision
        }
        return factor
    }

    // MARK: - Snippets

    /// The answer's best passage of about 30 words, HTML-escaped, with matched words in `<mark>`.
    func snippet(for document: SearchDocument, query: ParsedQuery, words width: Int = 30) -> String {
        let text = document.answer
        let tokens = analyzer.allTokens(text)
        guard !tokens.isEmpty else { return Self.escape(String(text.prefix(200))) }
        let matched = tokens.map { token in !token.isStopWord && termIDs[token.term].map(query.wordTerms.contains) == true }
        var best = 0, bestCount = -1, running = 0
        for index in tokens.indices {
            if matched[index] { running += 1 }
            if index >= width, matched[index - width] { running -= 1 }
            let start = max(0, index - width + 1)
            if running > bestCount { bestCount = running; best = start }
        }
        let end = min(tokens.count, best + width)
        let bytes = Array(text.utf8)
        let startByte = best == 0 ? 0 : tokens[best].byteRange.lowerBound
        let endByte = end == tokens.count ? bytes.count : tokens[end - 1].byteRange.upperBound
        var html = best == 0 ? "" : "…"
        var cursor = startByte
        for index in best..<end where matched[index] {
            let range = tokens[index].byteRange
            html += Self.escape(String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self))
            html += "<mark>" + Self.escape(String(decoding: bytes[range], as: UTF8.self)) + "</mark>"
            cursor = range.upperBound
        }
        html += Self.escape(String(decoding: bytes[cursor..<endByte], as: UTF8.self))
        if endByte < bytes.count { html += "…" }
        return html
    }

    /// Text made safe to place in HTML.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Selecting the best `k` of many scored documents with a small min-heap: one comparison for
/// most documents, no copy of the candidate list.
enum TopK {
    typealias Entry = (document: Int32, score: Float)

    /// The `k` best documents by score (ties broken by lower document id), in no particular order.
    static func best(of documents: [Int32], scores: [Float], k: Int) -> [Entry] {
        var heap: [Entry] = []
        heap.reserveCapacity(k)
        for document in documents {
            let entry: Entry = (document, scores[Int(document)])
            if heap.count < k {
                heap.append(entry)
                var child = heap.count - 1
                while child > 0, worse(heap[child], heap[(child - 1) / 2]) {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if worse(heap[0], entry) {
                heap[0] = entry
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var smallest = parent
                    if left < heap.count, worse(heap[left], heap[smallest]) { smallest = left }
                    if right < heap.count, worse(heap[right], heap[smallest]) { smallest = right }
                    if smallest == parent { break }
                    heap.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }
        return heap
    }

    /// The score of the `k`-th best document.
    static func threshold(of documents: [Int32], scores: [Float], k: Int) -> Float {
        best(of: documents, scores: scores, k: k).map(\.score).min() ?? 0
    }

    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.document > b.document
    }
}
