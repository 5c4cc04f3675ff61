import ArgumentParser
import Foundation
import RehabCore

extension RehabFAQsCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports for editors.",
            subcommands: [Searches.self]
        )
    }
}

extension RehabFAQsCommand.Report {
    struct Searches: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Searches that found nothing, most frequent first.",
            discussion: """
                Readers' searches that found no answer, counted by their normalised text over the last \(UnansweredSearch.retentionDays) days. No address or browser is stored with them. Use this to find questions the site should answer.

                Examples:
                  rehabfaqs report searches
                  rehabfaqs report searches --json --limit 50
                """
        )

        @OptionGroup var storage: DatabaseOptions

        @Option(help: "The most rows to show.")
        var limit = 100

        @Flag(help: "Print JSON: [{\"query\",\"count\",\"firstSeen\",\"lastSeen\"}].")
        var json = false

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be 1 or more.") }
        }

        func run() async throws {
            try await runReportingFailures {
                let rows = Array(try await storage.withStore { store in try await store.unansweredSearches(at: Date()) }.prefix(limit))
                if json {
                    let encoder = JSONEncoder()
                    encoder.dateEncodingStrategy = .iso8601
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(rows), as: UTF8.self))
                    return
                }
                guard !rows.isEmpty else {
                    print("No unanswered searches in the last \(UnansweredSearch.retentionDays) days.")
                    return
                }
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withFullDate]
                print("count  last seen   query")
                for row in rows {
                    let count = String(row.count)
                    print(String(repeating: " ", count: max(0, 5 - count.count)) + count + "  " + formatter.string(from: row.lastSeen) + "  " + row.query)
                }
            }
        }
    }
}
