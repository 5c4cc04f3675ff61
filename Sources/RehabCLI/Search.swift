import ArgumentParser
import Foundation
import RehabCore
import RehabSafety
import RehabSearch
import RehabServer

extension RehabFAQsCommand {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the answers, best first.",
            discussion: """
                Prints one result per question and answer. With --json, prints {"query","urgent","careCards","results":[...]} as the site's /api/search does. Exits 0 whatever it finds.

                Examples:
                  rehabfaqs search "sore back while expecting"
                  rehabfaqs search --json --limit 5 "charley horse at night"
                """
        )

        @OptionGroup var storage: DatabaseOptions
        @OptionGroup var region: RegionOption

        @Argument(help: "The reader's words.")
        var query: String

        @Option(help: "The most results to show (1-100).")
        var limit = 10

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            guard (1...100).contains(limit) else { throw ValidationError("--limit must be from 1 to 100.") }
            guard query.count <= SearchIndex.maximumQueryLength else { throw ValidationError("The query is longer than 1,000 characters.") }
        }

        func run() async throws {
            try await runReportingFailures {
                let articles = try await storage.withStore { store in try await store.allArticles() }
                let index = SearchDocuments.index(for: articles, visibleOn: .today, synonyms: try SearchResources.synonyms())
                let results = index.search(query, limit: limit)
                let care = CareAdvisor(triage: try RehabSafety.Triage.bundled(), region: try region.resolved())
                let cards = care.cards(for: query)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(SearchResponse(query: query, results: results, careCards: cards)), as: UTF8.self))
                    return
                }
                for card in cards {
                    print("[\(card.level.rawValue)] \(card.heading): \(card.title)")
                    print("  \(card.advice)")
                }
                if !cards.isEmpty { print("") }
                if let corrected = results.correctedQuery { print("Showing results for: \(corrected)") }
                if results.hits.isEmpty { print("No answers matched. Try fewer or simpler words.") }
                for (rank, hit) in results.hits.enumerated() {
                    print("\(rank + 1). \(hit.document.question)")
                    print("   \(hit.document.articleTitle) — /articles/\(hit.document.article)#\(hit.document.anchor)")
                }
            }
        }
    }
}
