// The search benchmark protocol of ../shared/bench/search/RESULTS.md:
//   rehabfaqs-bench --corpus CORPUS.jsonl --queries QUERIES.jsonl --index-dir DIR [--results RESULTS.jsonl]
// Prints one JSON line on stdout; everything else goes to stderr.

import Foundation
import RehabSearch
#if canImport(Glibc)
import Glibc
#endif

struct Arguments {
    var corpus = ""
    var queries = ""
    var indexDirectory = ""
    var results: String?

    init() throws {
        var iterator = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next() else { throw BenchError("\(argument) needs a value") }
            switch argument {
            case "--corpus": corpus = value
            case "--queries": queries = value
            case "--index-dir": indexDirectory = value
            case "--results": results = value
            case "--mode": break
            default: throw BenchError("unknown option \(argument)")
            }
        }
        guard !corpus.isEmpty, !queries.isEmpty, !indexDirectory.isEmpty else {
            throw BenchError("usage: rehabfaqs-bench --corpus CORPUS.jsonl --queries QUERIES.jsonl --index-dir DIR [--results RESULTS.jsonl]")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct CorpusLine: Decodable {
    var id: Int
    var question: String
    var answer: String
    var topic: String?
}

struct QueryLine: Decodable {
    var q: String
    var target: Int?
    var kind: String
}

/// The non-empty lines of a file, as slices of one buffer.
func lines(of path: String) throws -> [Data] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var ranges: [Range<Int>] = []
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            if index > start { ranges.append(start..<index) }
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
    }
    return ranges.map { data[$0] }
}

/// Decodes the corpus lines on every core, in order.
func decodeInParallel(_ lines: [Data]) throws -> [SearchDocument] {
    let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    let size = (lines.count + parts - 1) / parts
    let results = DecodedParts(count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        let decoder = JSONDecoder()
        let range = min(lines.count, part * size)..<min(lines.count, (part + 1) * size)
        results.store(Result {
            try lines[range].map { line -> SearchDocument in
                let entry = try decoder.decode(CorpusLine.self, from: line)
                return SearchDocument(id: entry.id, question: entry.question, answer: entry.answer,
                                      topics: entry.topic.map { [$0] } ?? [])
            }
        }, at: part)
    }
    return try results.all().flatMap { try $0.get() }
}

/// One slot per part, each written by one thread.
final class DecodedParts: @unchecked Sendable {
    private var slots: [Result<[SearchDocument], any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ result: Result<[SearchDocument], any Error>, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = result
    }
    func all() -> [Result<[SearchDocument], any Error>] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

do {
    let arguments = try Arguments()
    try? FileManager.default.removeItem(atPath: arguments.indexDirectory)
    try FileManager.default.createDirectory(atPath: arguments.indexDirectory, withIntermediateDirectories: true)
    let decoder = JSONDecoder()
    let clock = ContinuousClock()

    let buildStart = clock.now
    let documents = try decodeInParallel(lines(of: arguments.corpus))
    let index = SearchIndex(documents: documents, synonyms: try SearchResources.synonyms())
    let buildSeconds = Double((clock.now - buildStart).components.attoseconds) / 1e18 + Double((clock.now - buildStart).components.seconds)

    let queries = try lines(of: arguments.queries).map { try decoder.decode(QueryLine.self, from: $0) }
    for query in queries { _ = index.search(query.q, limit: 10, snippets: false) }
    var latencies: [Double] = []
    var rankings: [[Int]] = []
    for query in queries {
        let start = clock.now
        let ids = index.search(query.q, limit: 10, snippets: false).hits.map(\.document.id)
        let elapsed = clock.now - start
        latencies.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
        rankings.append(ids)
    }

    var reciprocal: [String: [Double]] = [:]
    var found: [String: [Double]] = [:]
    for (query, ids) in zip(queries, rankings) {
        guard let target = query.target else { continue }
        let rank = ids.firstIndex(of: target).map { $0 + 1 }
        let rr = rank.map { 1 / Double($0) } ?? 0
        for key in ["all", query.kind] {
            reciprocal[key, default: []].append(rr)
            found[key, default: []].append(rank == nil ? 0 : 1)
        }
    }
    func mean(_ values: [Double]?) -> Double { guard let values, !values.isEmpty else { return 0 }; return values.reduce(0, +) / Double(values.count) }

    if let path = arguments.results {
        var text = ""
        for (index, (ids, us)) in zip(rankings, latencies).enumerated() {
            let line: [String: Any] = ["i": index, "ids": ids, "us": us]
            text += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let sorted = latencies.sorted()
    var byKind: [String: Any] = [:]
    for kind in Set(queries.compactMap { $0.target == nil ? nil : $0.kind }).sorted() {
        byKind[kind] = ["n": reciprocal[kind]?.count ?? 0, "mrr10": mean(reciprocal[kind]), "recall10": mean(found[kind])]
    }
    let output: [String: Any] = [
        "engine": "rehabfaqs", "version": "0.1.0", "n_docs": index.documentCount, "build_s": buildSeconds,
        "index_bytes": 0, "peak_rss_bytes": Int(usage.ru_maxrss) * 1024, "n_queries": queries.count,
        "p50_us": percentile(sorted, 50), "p95_us": percentile(sorted, 95), "p99_us": percentile(sorted, 99),
        "mrr10": mean(reciprocal["all"]), "recall10": mean(found["all"]),
        "scored_queries": reciprocal["all"]?.count ?? 0, "by_kind": byKind,
        "config": "RehabSearch (pure Swift), swift build -c release; in-memory index rebuilt from the store at start-up, nothing persisted (index_bytes 0), text kept in memory for snippets; NFKC + case/diacritic folding, Porter2 stemmer, stop words without negations, synonym families as extra terms (weight 0.7); BM25F k1=1.2, fields question 3.0 / answer 1.0 / title 1.2 / summary 0.4 / topics 0.8; proximity and exact-question bonuses; unknown words corrected by symmetric-delete edit distance 1 (5+ letters) or 2 (9+), weight 0.75; last word completed as a prefix",
    ]
    print(String(decoding: try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys]), as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("rehabfaqs-bench: \(error)\n".utf8))
    exit(1)
}
