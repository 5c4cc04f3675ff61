import ArgumentParser
import Foundation
import RehabCore
import RehabSafety
import RehabServer

extension RehabFAQsCommand {
    struct Triage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a reader's words for warning signs that need care.",
            discussion: """
                Prints the most urgent level found (emergency, urgent, soon or none) and a care card for each warning sign. With --json, prints {"urgent","level","flags":[{"id","level","matched","advice"}]} as the site's /api/triage does. Exits 0 whatever it finds.

                Examples:
                  rehabfaqs triage "back pain and I can't feel my bum"
                  rehabfaqs triage --json --region us "32 weeks and my waters broke"
                """
        )

        @Argument(help: "What the reader wrote (up to 5,000 characters).")
        var text: String

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var region: RegionOption

        func validate() throws {
            guard text.count <= CareAdvisor.maximumTextLength else { throw ValidationError("The text is longer than 5,000 characters.") }
        }

        func run() async throws {
            try await runReportingFailures {
                let region = try self.region.resolved()
                let triage = try RehabSafety.Triage.bundled()
                let result = triage.assess(text)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(TriageResponse(result, region: region)), as: UTF8.self))
                    return
                }
                guard !result.flags.isEmpty else {
                    print("none: no warning signs found in these words.")
                    print("If you are worried about your symptoms, contact a health care provider.")
                    return
                }
                print("\(result.level.rawValue): \(CareServices(region: region).heading(for: result.level))")
                for card in CareCard.cards(for: result, region: region) {
                    print("")
                    print("[\(card.level.rawValue)] \(card.title)")
                    print("  \(card.advice)")
                    print("  Based on: \(card.source.publisher), \(card.source.title) <\(card.source.url)>")
                }
            }
        }
    }
}

/// `--region`, for commands that name care services without the rest of the site settings.
struct RegionOption: ParsableArguments {
    @Option(name: .customLong("region"), help: "Region for the emergency number and services named: uk or us (or $REHABFAQS_REGION).")
    var name: String?

    /// The flag, else the environment, else the UK.
    func resolved() throws -> SiteConfiguration.Region {
        try Self.parse(name ?? ProcessInfo.processInfo.environment["REHABFAQS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? "uk")
    }

    /// A region name as settings and flags write it, or a message naming the choices.
    static func parse(_ name: String) throws -> SiteConfiguration.Region {
        let value = name.lowercased()
        guard let region = SiteConfiguration.Region(rawValue: value) else {
            throw CommandFailure("region must be one of \(SiteConfiguration.Region.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
        }
        return region
    }
}
