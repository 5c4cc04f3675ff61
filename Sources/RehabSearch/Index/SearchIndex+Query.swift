import Foundation

extension SearchIndex {
    /// The longest query accepted, in characters; longer ones are refused by callers with a clear message.
    public static let maximumQueryLength = 1_000

    /// A query term with its weight.
    struct QueryTerm {
        var term: String
        var weight: Double
        /// A synonym family the word belongs to: the word is scored with the family's (larger)
        /// document frequency, so a rare way of saying a common thing does not outweigh the rest.
        var family: String? = nil
    }

    /// A parsed query: its weighted terms and, when words were corrected, the corrected text.
    struct ParsedQuery {
        var terms: [QueryTerm] = []
        /// The terms of the words the reader typed (after correction), for proximity and highlighting.
        var wordTerms: Set<String> = []
        /// The same terms in the order the reader typed them.
        var orderedWordTerms: [String] = []
        /// The synonym family term of each word term that has one.
        var familyOfWord: [String: String] = [:]

        mutating func addWord(_ term: String) {
            if wordTerms.insert(term).inserted { orderedWordTerms.append(term) }
        }
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
        guard !parsed.terms.isEmpty, limit > 0, offset >= 0, documentCount > 0 else {
            return SearchResults(hits: [], total: 0, correctedQuery: parsed.correctedQuery)
        }
        let count = Double(documentCount)
        let k1 = parameters.k1
        // Each term's query-dependent factor: weight × idf × (k1 + 1).
        let factors = parsed.terms.map { term -> Float in
            let df = Double(max(documentFrequency(of: term.term), term.family.map(documentFrequency(of:)) ?? 0))
            return Float(term.weight * log(1 + (count - df + 0.5) / (df + 0.5)) * (k1 + 1))
        }
        let scale = IndexSegment.fixedPointScale(factors: factors)
        // The proximity and question bonuses re-rank the best few times the page.
        let window = max(offset + limit, 10) * 3
        var candidates: [(segment: Int, document: Int32, score: Double)] = []
        var total = 0
        for (number, (segment, hasRemovals)) in segments.enumerated() {
            var terms: [ScoredTerm] = []
            for (term, factor) in zip(parsed.terms, factors) {
                guard let id = segment.termIDs[term.term] else { continue }
                terms.append(ScoredTerm(id: id, factor: factor))
            }
            let isAllowed: ((Int32) -> Bool)?
            switch (topic, hasRemovals) {
            case (nil, false): isAllowed = nil
            case (nil, true): isAllowed = { !self.isRemoved($0) }
            case (let topic?, false): isAllowed = { segment.documents[Int($0)].topicSlugs.contains(topic) }
            case (let topic?, true): isAllowed = { !self.isRemoved($0) && segment.documents[Int($0)].topicSlugs.contains(topic) }
            }
            let (entries, matched) = segment.topDocuments(for: terms, window: window, negligible: Float(parameters.negligibleContribution), scale: scale, isAllowed: isAllowed)
            total += matched
            let wanted = parsed.orderedWordTerms.map { term in
                IndexSegment.WantedWord(term: segment.termIDs[term] ?? -1,
                                        family: parsed.familyOfWord[term].flatMap { segment.termIDs[$0] } ?? -1)
            }
            for entry in entries {
                let bonus = segment.bonus(for: entry.document, wanted: wanted, parameters: parameters)
                candidates.append((number, entry.document, Double(entry.score) * bonus))
            }
        }
        candidates.sort { lhs, rhs in
            lhs.score != rhs.score ? lhs.score > rhs.score
                : lhs.segment != rhs.segment ? lhs.segment < rhs.segment : lhs.document < rhs.document
        }
        let segments = self.segments.map(\.segment)
        let hits = candidates.dropFirst(offset).prefix(limit).map { candidate in
            let document = segments[candidate.segment].documents[Int(candidate.document)]
            return SearchHit(document: document, score: candidate.score,
                             snippet: snippets ? snippet(for: document, query: parsed) : "")
        }
        return SearchResults(hits: hits, total: total, correctedQuery: parsed.correctedQuery)
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
        var weights: [String: Double] = [:]
        func add(_ term: String, _ weight: Double) {
            if weight > (weights[term] ?? 0) { weights[term] = weight }
        }
        var corrected = false
        var correctedWords: [String] = []
        var termAtPosition: [Int: String] = [:]
        for index in tokens.indices {
            let token = tokens[index]
            defer { correctedWords.append(tokens[index].word) }
            guard !token.isStopWord else { continue }
            if contains(term: token.term) {
                add(token.term, Analyzer.weakWords.contains(token.word) ? parameters.weakWordWeight : 1)
                parsed.addWord(token.term)
                termAtPosition[token.position] = token.term
                continue
            }
            let isLast = index == tokens.count - 1
            if isLast, endsInWord, token.word.count >= 2 {
                // The last word may be unfinished: complete it from the index's words.
                let completions = completions(of: token.word, limit: 3)
                for completion in completions {
                    add(completion, parameters.prefixWeight)
                    parsed.addWord(completion)
                }
                if !completions.isEmpty { continue }
            }
            if synonyms.contains(stem: token.term) || synonyms.words.contains(token.word) { continue }
            // The closest word, then the commonest; a synonym's word (no documents) counts as common.
            let candidates = baseSpelling.candidates(for: token.word) + recentSpelling.candidates(for: token.word)
            if let best = candidates.min(by: { lhs, rhs in
                lhs.distance != rhs.distance ? lhs.distance < rhs.distance
                    : wordFrequency(lhs.word) > wordFrequency(rhs.word)
            }), best.word != token.word {
                if let term = term(ofWord: best.word) {
                    add(term, parameters.correctionWeight)
                    parsed.addWord(term)
                }
                tokens[index].word = best.word
                tokens[index].term = Analyzer.term(for: best.word)
                corrected = true
            }
        }
        var families: [String: String] = [:]
        for match in synonyms.matches(in: tokens) {
            let family = SynonymTable.familyTerm(match.family)
            guard contains(term: family) else { continue }
            add(family, parameters.synonymWeight)
            var coveredByAWord = false
            for offset in 0..<match.length {
                guard let word = termAtPosition[match.position + offset] else { continue }
                coveredByAWord = true
                if families[word] == nil { families[word] = family }
            }
            // A synonym no answer uses ("expecting") still asks for its family in the question bonuses.
            if !coveredByAWord {
                parsed.addWord(family)
                families[family] = family
            }
        }
        parsed.familyOfWord = families
        parsed.terms = weights.map { QueryTerm(term: $0.key, weight: $0.value, family: families[$0.key]) }
            .sorted { $0.term < $1.term }
        if corrected { parsed.correctedQuery = correctedWords.joined(separator: " ") }
        return parsed
    }

    /// How many documents contain the word's term; words only the synonym file has count as common.
    func wordFrequency(_ word: String) -> Int {
        guard let term = term(ofWord: word) else { return Int.max }
        return documentFrequency(of: term)
    }

    /// Terms of the most frequent index words that start with `prefix`.
    func completions(of prefix: String, limit: Int) -> [String] {
        let words = Set(base.words(startingWith: prefix, limit: 200) + recent.words(startingWith: prefix, limit: 200))
        let ranked: [(term: String, frequency: Int)] = words.map { (Analyzer.term(for: $0), wordFrequency($0)) }
        let sorted = ranked.sorted { lhs, rhs in
            lhs.frequency != rhs.frequency ? lhs.frequency > rhs.frequency : lhs.term < rhs.term
        }
        var seen = Set<String>()
        var result: [String] = []
        for entry in sorted where result.count < limit && seen.insert(entry.term).inserted { result.append(entry.term) }
        return result
    }

    // MARK: - Snippets

    /// The answer's best passage of about 30 words, HTML-escaped, with matched words in `<mark>`.
    func snippet(for document: SearchDocument, query: ParsedQuery, words width: Int = 30) -> String {
        let text = document.answer
        let tokens = analyzer.allTokens(text)
        guard !tokens.isEmpty else { return Self.escape(String(text.prefix(200))) }
        let matched = tokens.map { token in !token.isStopWord && query.wordTerms.contains(token.term) }
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
