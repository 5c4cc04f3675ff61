import Foundation
import RehabSafety
import Testing

/// Phrased cases of our own, in Fixtures/triage/cases.tsv: `level<TAB>context<TAB>text`.
struct TriageCase: Sendable, CustomTestStringConvertible {
    let line: Int
    let expected: TriageLevel
    let contexts: Set<String>
    let text: String

    var testDescription: String { "line \(line): \(expected.rawValue): \(text.prefix(60))" }

    static let all: [TriageCase] = {
        guard let url = Bundle.module.url(forResource: "cases", withExtension: "tsv", subdirectory: "Fixtures/triage"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.hasPrefix("#"), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            guard fields.count == 3, let level = TriageLevel(rawValue: fields[0]) else { return nil }
            let contexts: Set<String> = fields[1] == "pregnant" ? ["pregnancy"] : []
            return TriageCase(line: index + 1, expected: level, contexts: contexts, text: fields[2])
        }
    }()
}

@Suite("Warning signs in readers' own words")
struct TriageCaseTests {
    static let triage = try? Triage.bundled()

    @Test func theCaseFileHasOverAHundredCasesOnBothSides() {
        #expect(TriageCase.all.count >= 100)
        #expect(TriageCase.all.filter { $0.expected == .none }.count >= 50)
        #expect(TriageCase.all.filter { $0.expected != .none }.count >= 50)
    }

    @Test(arguments: TriageCase.all)
    func eachCaseGetsItsLevel(_ testCase: TriageCase) throws {
        let triage = try #require(Self.triage)
        let result = triage.assess(testCase.text, contexts: testCase.contexts)
        if result.level != testCase.expected, ProcessInfo.processInfo.environment["TRIAGE_REPORT"] != nil {
            print("TRIAGE_FAIL|\(testCase.line)|\(result.level.rawValue)|\(result.flags.map { "\($0.id) [\($0.matched)]" })")
        }
        #expect(result.level == testCase.expected, "line \(testCase.line): got \(result.level.rawValue) from \(result.flags.map { "\($0.id) [\($0.matched)]" })")
    }
}
