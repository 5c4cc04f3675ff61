// Import and start-up benchmark: generates N articles (10 questions each), imports them with the
// real `rehabfaqs import`, reports time, peak memory and database size, then starts
// `rehabfaqs serve` and measures the time until the first article page is answered. With
// `--postgres URL` (a server's admin database) it does the same on PostgreSQL, in a new database
// per run, after the SQLite runs.
//
//   swift build -c release --product rehabfaqs && swift build -c release --product rehabfaqs-import-perf
//   .build/release/rehabfaqs-import-perf --rehabfaqs .build/release/rehabfaqs [--articles 10000] [--runs 3] [--postgres URL]

import Foundation
import Logging
import RehabStorePostgres
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var rehabfaqs = ".build/release/rehabfaqs"
    var articles = 10_000
    var questionsPerArticle = 10
    var runs = 3
    var keep = false
    var postgres: String?

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            func value() throws -> String {
                guard let next = iterator.next() else { throw BenchmarkError("\(argument) needs a value") }
                return next
            }
            switch argument {
            case "--rehabfaqs": rehabfaqs = try value()
            case "--articles": articles = Int(try value()) ?? articles
            case "--runs": runs = max(1, Int(try value()) ?? runs)
            case "--keep": keep = true
            case "--postgres": postgres = try value()
            case "-h", "--help":
                print("usage: rehabfaqs-import-perf [--rehabfaqs PATH] [--articles N] [--runs N] [--keep] [--postgres URL]")
                exit(0)
            default: throw BenchmarkError("unknown option \(argument)")
            }
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A small deterministic generator (SplitMix64), so every run imports the same corpus.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

enum Corpus {
    static let bodyParts = ["back", "neck", "knee", "ankle", "shoulder", "hip", "calf", "heel", "wrist", "elbow", "pelvis", "thigh"]
    static let problems = ["spasm", "strain", "sprain", "cramp", "stiffness", "pain", "swelling", "weakness", "tendon pain", "ache"]
    static let contexts = ["in pregnancy", "after birth", "after a fall", "at night", "after running", "at work", "in older adults", "after surgery"]
    static let starts = ["How can I ease", "Is it safe to exercise with", "When should I worry about", "What causes", "How long does it take to recover from", "Should I use heat or ice for", "Can stretching help", "What exercises help"]
    static let words = ["gentle", "movement", "rest", "warmth", "walking", "stretch", "muscle", "joint", "support", "pillow", "posture", "lifting",
                        "physiotherapist", "midwife", "doctor", "paracetamol", "swelling", "strength", "balance", "sleep", "position", "pressure",
                        "recovery", "weeks", "days", "slowly", "often", "usually", "helps", "avoid", "keep", "moving", "ease", "pain", "sharp", "dull"]

    static func article(_ number: Int, random: inout SeededRandom, questions: Int) -> String {
        let part = random.pick(bodyParts), problem = random.pick(problems), context = random.pick(contexts)
        var text = """
            ---
            title: How to ease \(part) \(problem) \(context) (\(number))
            slug: article-\(number)
            author: editorial-team
            published: 2025-\(String(format: "%02d", number % 12 + 1))-\(String(format: "%02d", number % 28 + 1))
            topics: [\(part.capitalized), \(problem.capitalized)]
            summary: Gentle movement, warmth and rest usually ease \(part) \(problem) \(context) within a few weeks.
            references:
              - title: \(part.capitalized) pain
                publisher: NHS
                url: https://www.nhs.uk/conditions/
                accessed: 2025-11-01
            ---
            Most \(part) \(problem) gets better with simple care at home.

            """
        for index in 0..<questions {
            text += "## \(random.pick(starts)) \(part) \(problem) \(context) (\(index + 1))?\n\n"
            for _ in 0..<3 {
                let sentence = (0..<12).map { _ in random.pick(words) }.joined(separator: " ")
                text += sentence.prefix(1).uppercased() + sentence.dropFirst() + ". "
            }
            text += "\n\n- Keep \(random.pick(words)) and \(random.pick(words)).\n- Ask your \(random.pick(["GP", "physiotherapist", "midwife"])) if it does not improve.\n\n"
        }
        return text
    }
}

func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, seconds: Double, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let start = Date()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, Date().timeIntervalSince(start), String(decoding: data, as: UTF8.self))
}

/// Peak resident memory of finished child processes, in MiB (the largest so far).
func childrenPeakRSS() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

func freePort() -> Int { 20_000 + Int(getpid() % 20_000) }

/// Starts `serve` and returns the seconds until an article page answers 200.
func startupSeconds(rehabfaqs: String, database: String, port: Int) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: rehabfaqs)
    process.arguments = ["serve", "--database", database, "--port", "\(port)", "--log-level", "warning"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let url = URL(string: "http://127.0.0.1:\(port)/articles/article-1")!
    let start = Date()
    try process.run()
    defer {
        process.terminate()
        process.waitUntilExit()
    }
    while Date().timeIntervalSince(start) < 120 {
        if let status = try? httpStatus(url), status == 200 { return Date().timeIntervalSince(start) }
        usleep(2_000)
    }
    throw BenchmarkError("serve did not answer within 120 s")
}

func httpStatus(_ url: URL) throws -> Int? {
    // A blocking one-shot HTTP/1.1 GET over a socket keeps the benchmark free of HTTP client dependencies.
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(url.port ?? 80).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    let request = "GET \(url.path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = recv(fd, &buffer, buffer.count, 0)
    guard count > 12 else { return nil }
    return Int(String(decoding: buffer[9..<12], as: UTF8.self))
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The URL of a location, password left out (the benchmark cluster trusts loopback connections).
func postgresURL(_ location: PostgresLocation) -> String {
    "postgres://\(location.user)@\(location.host):\(location.port)/\(location.database)?sslmode=\(location.tls.rawValue)"
}

do {
    let options = try Options(CommandLine.arguments)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rehabfaqs-import-perf-\(getpid())")
    defer { if !options.keep { try? FileManager.default.removeItem(at: folder) } }
    let content = folder.appendingPathComponent("content")
    try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: content.appendingPathComponent("authors"), withIntermediateDirectories: true)
    try "---\nname: RehabFAQs Editorial Team\n---\nBenchmark author.\n".write(to: content.appendingPathComponent("authors/editorial-team.md"), atomically: true, encoding: .utf8)
    var random = SeededRandom(state: 42)
    var bytes = 0
    for number in 1...options.articles {
        let text = Corpus.article(number, random: &random, questions: options.questionsPerArticle)
        bytes += text.utf8.count
        try text.write(to: content.appendingPathComponent("articles/article-\(number).md"), atomically: false, encoding: .utf8)
    }
    print("Corpus: \(options.articles) articles, \(options.articles * options.questionsPerArticle) questions, \(bytes / 1_048_576) MiB of Markdown")

    /// One engine's runs: each gets a fresh database from `database(run)` and gives back its size after the imports.
    func measure(engine: String, database: (Int) async throws -> String, size: (String) async throws -> Int) async throws {
        var importTimes: [Double] = [], reimportTimes: [Double] = [], sizes: [Int] = [], startups: [Double] = []
        for runNumber in 1...options.runs {
            let url = try await database(runNumber)
            let first = try run(options.rehabfaqs, ["import", "--database", url, content.path])
            guard first.status == 0 else { throw BenchmarkError("\(engine) import failed: \(first.output)") }
            let again = try run(options.rehabfaqs, ["import", "--database", url, content.path])
            guard again.status == 0 else { throw BenchmarkError("\(engine) re-import failed: \(again.output)") }
            let bytes = try await size(url)
            let startup = try startupSeconds(rehabfaqs: options.rehabfaqs, database: url, port: freePort() + runNumber)
            importTimes.append(first.seconds)
            reimportTimes.append(again.seconds)
            sizes.append(bytes)
            startups.append(startup)
            print(String(format: "%@ run %d: import %.2f s, re-import (no changes) %.2f s, database %.1f MiB, start-up to first article %.3f s",
                         engine, runNumber, first.seconds, again.seconds, Double(bytes) / 1_048_576, startup))
        }
        print(String(format: "%@ median: import %.2f s (%.0f articles/s), re-import %.2f s, database %.1f MiB, start-up %.3f s, peak RSS of any child so far %.0f MiB",
                     engine, median(importTimes), Double(options.articles) / median(importTimes), median(reimportTimes),
                     Double(sizes.sorted()[sizes.count / 2]) / 1_048_576, median(startups), childrenPeakRSS()))
    }

    try await measure(engine: "sqlite", database: { runNumber in folder.appendingPathComponent("run-\(runNumber).sqlite").path }) { database in
        // Fold the WAL into the main file so the size is the database's own.
        _ = try? run("/usr/bin/sqlite3", [database, "PRAGMA wal_checkpoint(TRUNCATE);"])
        return fileSize(database) + fileSize(database + "-wal")
    }
    if let postgres = options.postgres {
        let server = try PostgresLocation(url: postgres)
        var logger = Logger(label: "rehabfaqs-import-perf")
        logger.logLevel = .error
        try await measure(engine: "postgres", database: { runNumber in
            let name = "rehabfaqs_bench_\(getpid())_\(runNumber)"
            try await PostgresAdmin.createDatabase(name, on: server, logger: logger)
            var location = server
            location.database = name
            return postgresURL(location)
        }) { url in
            let location = try PostgresLocation(url: url)
            return try await PostgresAdmin.databaseSize(location.database, on: server, logger: logger)
        }
    }
} catch {
    FileHandle.standardError.write(Data("rehabfaqs-import-perf: \(error)\n".utf8))
    exit(1)
}
