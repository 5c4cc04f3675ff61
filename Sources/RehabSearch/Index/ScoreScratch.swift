import Synchronization

/// A score accumulator for one query over one segment: a score per document, and a flag per block
/// of 64 documents that says whether any score in the block was touched, so that finding and
/// clearing the touched scores costs in proportion to what the query touched.
///
/// Scores are 16-bit fixed point, scaled per query so that no sum can overflow: half the memory of
/// `Float` scores, so that the array of a 100,000-question segment stays in a core's L2 cache while
/// the postings stream past it.
final class ScoreScratch: @unchecked Sendable {
    // Unchecked: a scratch belongs to one query at a time; ``ScratchPool`` hands it out and takes it back.
    static let blockShift = 6
    let documentCount: Int
    let blockCount: Int
    let scores: UnsafeMutablePointer<UInt16>
    let flags: UnsafeMutablePointer<UInt8>
    /// One bit per document, for visiting each document once; always left zeroed.
    let marks: UnsafeMutablePointer<UInt64>

    init(documentCount: Int) {
        self.documentCount = documentCount
        blockCount = (documentCount + 63) >> Self.blockShift
        scores = .allocate(capacity: max(documentCount, 1))
        scores.initialize(repeating: 0, count: max(documentCount, 1))
        flags = .allocate(capacity: max(blockCount, 1))
        flags.initialize(repeating: 0, count: max(blockCount, 1))
        marks = .allocate(capacity: max(blockCount, 1))
        marks.initialize(repeating: 0, count: max(blockCount, 1))
    }

    /// Zeroes every touched block again.
    func reset() {
        for block in 0..<blockCount where flags[block] != 0 {
            let start = block << Self.blockShift
            (scores + start).update(repeating: 0, count: min(64, documentCount - start))
            flags[block] = 0
        }
    }

    deinit {
        scores.deallocate()
        flags.deallocate()
        marks.deallocate()
    }
}

/// Score buffers kept for reuse, so that a query allocates nothing in proportion to the collection.
/// Any number of queries may run at once; each takes its own buffer.
final class ScratchPool: Sendable {
    private let documentCount: Int
    private let free = Mutex<[ScoreScratch]>([])

    init(documentCount: Int) { self.documentCount = documentCount }

    /// Runs `body` with a zeroed buffer, which must be left zeroed (``ScoreScratch/reset()``).
    func withScratch<Result>(_ body: (ScoreScratch) -> Result) -> Result {
        let scratch = free.withLock { $0.popLast() } ?? ScoreScratch(documentCount: documentCount)
        let result = body(scratch)
        free.withLock { pool in
            if pool.count < 8 { pool.append(scratch) }
        }
        return result
    }
}
