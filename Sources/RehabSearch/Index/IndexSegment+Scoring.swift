import Foundation

/// A query term resolved in one segment: its id and its query-dependent factor (weight × idf × (k1 + 1)).
struct ScoredTerm {
    var id: Int32
    var factor: Float
}

extension IndexSegment {

    /// The best `window` documents for the terms, by BM25F score, and how many documents matched.
    ///
    /// Score at a time: every term's postings are stored in runs of equal impact, and the runs of all
    /// the query's terms are added into a score array, one constant per run. Runs that would add less
    /// than `negligible` times the largest run's contribution are left out: a common word in a long
    /// answer cannot change which answers lead, and skipping it saves most of the work on common words.
    ///
    /// - Parameters:
    ///   - scale: Fixed point for the 16-bit score accumulators, from ``fixedPointScale(factors:)``.
    ///   - isAllowed: Documents excluded by a filter (topic, removed) never enter the results.
    func topDocuments(for terms: [ScoredTerm], window: Int, negligible: Float, scale: Float, isAllowed: ((Int32) -> Bool)?) -> (entries: [TopK.Entry], total: Int) {
        guard !documents.isEmpty, !terms.isEmpty, window > 0, scale > 0 else { return ([], 0) }
        var order: [(contribution: Float, start: Int32, end: Int32)] = []
        for term in terms {
            var start = postingStart[Int(term.id)]
            for run in runs[Int(runStart[Int(term.id)])..<Int(runStart[Int(term.id) + 1])] {
                order.append((term.factor * run.impact, start, run.end))
                start = run.end
            }
        }
        order.sort { $0.contribution > $1.contribution }
        if let top = order.first?.contribution {
            let floor = top * negligible
            if let cut = order.firstIndex(where: { $0.contribution < floor }) { order.removeSubrange(cut...) }
        }
        return scratch.withScratch { scratch in
            defer { scratch.reset() }
            let scores = scratch.scores, flags = scratch.flags
            let postings = order.reduce(0) { $0 + Int($1.end - $1.start) }
            // A query with many postings touches nearly every block anyway: mark them all at once
            // and keep the inner loop to one add.
            let touchesMostBlocks = postings > documents.count / 4
            if touchesMostBlocks { flags.update(repeating: 1, count: scratch.blockCount) }
            postingDocuments.withUnsafeBufferPointer { documents in
                for run in order {
                    let contribution = UInt16(max(1, min(Float(UInt16.max), (run.contribution * scale).rounded(.down))))
                    if touchesMostBlocks {
                        for index in Int(run.start)..<Int(run.end) { scores[Int(documents[index])] &+= contribution }
                    } else {
                        for index in Int(run.start)..<Int(run.end) {
                            let document = Int(documents[index])
                            scores[document] &+= contribution
                            flags[document >> ScoreScratch.blockShift] = 1
                        }
                    }
                }
            }
            // The window-th best score among some documents is a lower bound on the window-th best of
            // all: take it from the leading term's best postings, so that the scan below can pass over
            // most of the score array eight documents at a time.
            let leading = terms.max { $0.factor < $1.factor }!
            let start = Int(postingStart[Int(leading.id)]), end = Int(postingStart[Int(leading.id) + 1])
            var sample = TopK.Heap(capacity: window)
            for index in start..<min(end, start + window * 4) {
                let document = postingDocuments[index]
                if let isAllowed, !isAllowed(document) { continue }
                sample.offer((document, Float(scores[Int(document)])))
            }
            let (entries, matched) = select(window, in: scratch, atLeast: sample.isFull ? sample.minimum : 0, isAllowed: isAllowed)
            return (entries.map { ($0.document, $0.score / scale) }, matched)
        }
    }

    /// The fixed-point scale for a query whose terms have these factors.
    ///
    /// Impacts are below 1 and a document sits in one run of each term, so its sum of rounded-down
    /// contributions, each at least 1, stays below 2^16. The scale is the query's, not a segment's,
    /// so that every segment rounds equal scores alike.
    static func fixedPointScale(factors: [Float]) -> Float {
        let largestSum = factors.reduce(0, +)
        guard largestSum > 0 else { return 0 }
        return Float(max(1, Int(UInt16.max) - factors.count)) / largestSum
    }

    /// The `k` best touched documents scoring at least `floor`, and how many documents were touched
    /// (scores in the scratch's fixed point).
    private func select(_ k: Int, in scratch: ScoreScratch, atLeast floor: Float, isAllowed: ((Int32) -> Bool)?) -> ([TopK.Entry], Int) {
        guard let isAllowed else { return selectAll(k, in: scratch, atLeast: floor) }
        var heap = TopK.Heap(capacity: k)
        var matched = 0
        let scores = scratch.scores, flags = scratch.flags
        for block in 0..<scratch.blockCount where flags[block] != 0 {
            let start = block << ScoreScratch.blockShift
            for document in start..<min(start + 64, scratch.documentCount) {
                let score = Float(scores[document])
                guard score > 0, isAllowed(Int32(document)) else { continue }
                matched += 1
                if score >= floor, !heap.isFull || score > heap.minimum { heap.offer((Int32(document), score)) }
            }
        }
        return (heap.entries, matched)
    }

    /// ``select(_:in:atLeast:isAllowed:)`` without a filter, sixteen scores at a time: once the heap
    /// is full, most groups of sixteen hold nothing better than its worst entry and cost one comparison.
    private func selectAll(_ k: Int, in scratch: ScoreScratch, atLeast floor: Float) -> ([TopK.Entry], Int) {
        var heap = TopK.Heap(capacity: k)
        var touched = SIMD16<UInt16>()
        var touchedTotal = 0, blocksSinceFold = 0
        var tailTouched = 0
        let lowest = UInt16(min(Float(UInt16.max), floor.rounded(.up)))
        var cutoff = SIMD16<UInt16>(repeating: lowest)
        let zero = SIMD16<UInt16>()
        let scores = scratch.scores, flags = scratch.flags, count = scratch.documentCount
        for block in 0..<scratch.blockCount where flags[block] != 0 {
            let start = block << ScoreScratch.blockShift
            let end = min(start + 64, count)
            var group = start
            while group + 16 <= end {
                let values = UnsafeRawPointer(scores + group).loadUnaligned(as: SIMD16<UInt16>.self)
                // A true lane of a mask is all ones, that is 0xFFFF: subtracting it counts one.
                touched &-= unsafeBitCast(values .> zero, to: SIMD16<UInt16>.self)
                if any(values .>= cutoff) {
                    for document in group..<(group + 16) {
                        let score = Float(scores[document])
                        if score > 0, score >= floor, !heap.isFull || score > heap.minimum { heap.offer((Int32(document), score)) }
                    }
                    if heap.isFull { cutoff = SIMD16(repeating: UInt16(min(Float(UInt16.max), max(Float(lowest), heap.minimum + 1)))) }
                }
                group += 16
            }
            while group < end {
                let score = Float(scores[group])
                if score > 0 {
                    tailTouched += 1
                    if score >= floor, !heap.isFull || score > heap.minimum { heap.offer((Int32(group), score)) }
                }
                group += 1
            }
            // Lane counters are 16-bit and a block adds at most 4 to each: fold them in before they could wrap.
            blocksSinceFold += 1
            if blocksSinceFold == 8192 {
                touchedTotal += touched.indices.reduce(0) { $0 + Int(touched[$1]) }
                touched = SIMD16()
                blocksSinceFold = 0
            }
        }
        touchedTotal += touched.indices.reduce(0) { $0 + Int(touched[$1]) }
        return (heap.entries, touchedTotal + tailTouched)
    }

    /// One word the reader typed, as this segment knows it: its term id and its synonym family's
    /// (-1 for either the segment does not have).
    struct WantedWord {
        var term: Int32
        var family: Int32
    }

    /// How well the document's question matches the query: a factor of 1 or more.
    ///
    /// Three signals, all from the question, the part that readers' words echo most: how many of the
    /// query's distinct words it contains (itself or another word of its synonym family), whether
    /// they stand close together in the reader's order, and how much of the question the query
    /// covers, which is largest when the query is the question.
    ///
    /// - Parameter wanted: The query's words in the order the reader typed them.
    func bonus(for document: Int32, wanted: [WantedWord], parameters: SearchIndex.Parameters) -> Double {
        guard !wanted.isEmpty else { return 1 }
        // Queries and questions have a handful of words: small arrays beat sets here.
        var questionTerms: [Int32] = []
        var covered = [Bool](repeating: false, count: wanted.count)
        var adjacentPairs = 0
        var lastWanted = -1
        var lastIndex = -10
        let start = Int(questionStart[Int(document)]), end = Int(questionStart[Int(document) + 1])
        questionTerms.reserveCapacity(end - start)
        self.questionTerms.withUnsafeBufferPointer { sequence in
            var index = start
            while index < end {
                let term = sequence[index]
                if term == -2 {
                    // The families the question uses: a reader's word is covered by any word of its family.
                    for family in sequence[(index + 1)..<end] {
                        for (position, word) in wanted.enumerated() where word.family == family { covered[position] = true }
                    }
                    break
                }
                defer { index += 1 }
                guard term >= 0 else { continue }
                if !questionTerms.contains(term) { questionTerms.append(term) }
                guard let position = wanted.firstIndex(where: { $0.term == term }) else { continue }
                covered[position] = true
                // Two of the reader's words close together and in the reader's order: a phrase match.
                if position > lastWanted, lastWanted >= 0, index - lastIndex <= 3 { adjacentPairs += 1 }
                lastWanted = position
                lastIndex = index
            }
        }
        let shared = covered.filter { $0 }.count
        var factor = 0.8 + 0.2 * Double(shared) / Double(wanted.count)
        if wanted.count > 1 {
            factor += 0.15 * parameters.proximityWeight * min(Double(adjacentPairs) / Double(wanted.count - 1), 1.5)
        }
        if !questionTerms.isEmpty {
            let coverage = min(Double(shared) / Double(questionTerms.count), 1)
            let precision = Double(shared) / Double(wanted.count)
            factor += 0.1 * parameters.exactQuestionBonus * coverage * coverage * precision
        }
        return factor
    }
}

/// Selecting the best `k` of many scored documents with a small min-heap.
enum TopK {
    typealias Entry = (document: Int32, score: Float)

    /// A min-heap of at most `capacity` entries: the worst kept entry is at the top.
    struct Heap {
        let capacity: Int
        private(set) var entries: [Entry] = []

        var isFull: Bool { entries.count >= capacity }
        /// The worst kept score (only meaningful when full).
        var minimum: Float { entries.first?.score ?? 0 }

        init(capacity: Int) {
            self.capacity = capacity
            entries.reserveCapacity(capacity)
        }

        /// Keeps `entry` if it is among the best `capacity` so far (ties go to the lower document).
        @inline(__always)
        mutating func offer(_ entry: Entry) {
            if entries.count < capacity {
                entries.append(entry)
                var child = entries.count - 1
                while child > 0, TopK.worse(entries[child], entries[(child - 1) / 2]) {
                    entries.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if capacity > 0, TopK.worse(entries[0], entry) {
                entries[0] = entry
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var smallest = parent
                    if left < entries.count, TopK.worse(entries[left], entries[smallest]) { smallest = left }
                    if right < entries.count, TopK.worse(entries[right], entries[smallest]) { smallest = right }
                    if smallest == parent { break }
                    entries.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }
    }

    static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.document > b.document
    }
}
