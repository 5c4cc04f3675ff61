import Foundation
import RehabSafety
import Testing

/// Cases written by someone who never saw the rules or the tuning cases (Fixtures/triage/held-out.tsv).
/// They are not tuned against one by one: the test holds the rules to the issue's rates.
@Suite("Warning signs in phrasing the rules were not tuned on")
struct TriageHeldOutTests {
    static func cases() throws -> [(line: Int, expected: TriageLevel, contexts: Set<String>, text: String)] {
        let url = try #require(Bundle.module.url(forResource: "held-out", withExtension: "tsv", subdirectory: "Fixtures/triage"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, let level = TriageLevel(rawValue: fields[0]) else { return nil }
            return (index + 1, level, fields[1] == "pregnant" ? ["pregnancy"] : [], fields[2])
        }
    }

    @Test func theRulesMeetTheIssuesRatesOnUnseenPhrasing() throws {
        let triage = try Triage.bundled()
        let cases = try Self.cases()
        #expect(cases.count >= 100)
        var outcomes: [TriageLevel: (right: Int, flagged: Int, total: Int)] = [:]
        var misses: [String] = []
        for item in cases {
            let level = triage.assess(item.text, contexts: item.contexts).level
            var outcome = outcomes[item.expected, default: (0, 0, 0)]
            outcome.total += 1
            if level == item.expected { outcome.right += 1 } else { misses.append("line \(item.line): expected \(item.expected.rawValue), got \(level.rawValue): \(item.text)") }
            if (item.expected == .none && level == .none) || (item.expected != .none && level >= .soon) { outcome.flagged += 1 }
            outcomes[item.expected] = outcome
        }
        let report = TriageLevel.allCases.map { level in
            let outcome = outcomes[level, default: (0, 0, 0)]
            return "\(level.rawValue): \(outcome.right)/\(outcome.total) exact, \(outcome.flagged)/\(outcome.total) \(level == .none ? "left alone" : "flagged")"
        }.joined(separator: "; ")
        if ProcessInfo.processInfo.environment["TRIAGE_REPORT"] != nil { print("HELD_OUT \(report)\n" + misses.joined(separator: "\n")) }
        func rate(_ level: TriageLevel, _ keyPath: (right: Int, flagged: Int, total: Int)) -> Double { Double(keyPath.flagged) / Double(max(keyPath.total, 1)) }
        let emergency = outcomes[.emergency, default: (0, 0, 0)]
        #expect(emergency.right == emergency.total, "every emergency caught and graded emergency — \(report)")
        #expect(rate(.urgent, outcomes[.urgent, default: (0, 0, 0)]) >= 0.9, "\(report)")
        #expect(rate(.soon, outcomes[.soon, default: (0, 0, 0)]) >= 0.8, "\(report)")
        #expect(rate(.none, outcomes[.none, default: (0, 0, 0)]) >= 0.85, "\(report)")
    }
}
