import ArgumentParser
import Foundation
import RehabContent
import RehabCore

extension RehabFAQsCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import articles, authors, topics and images (all or nothing).",
            discussion: """
                Every file is read and checked first. If any file has a problem, each problem is printed as path:line: message, nothing is written, and the exit status is 1. Importing the same files again changes nothing.

                Examples:
                  rehabfaqs import content/
                  rehabfaqs import content/articles/ankle-sprain.md content/authors/
                  rehabfaqs import --prune content/   # also remove articles whose files are gone
                """
        )

        @OptionGroup var storage: DatabaseOptions

        @Argument(help: ArgumentHelp("Files or folders in the content format.", valueName: "path"))
        var paths: [String]

        @Flag(help: "Remove stored articles that are not among these files.")
        var prune = false

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func run() async throws {
            try await runReportingFailures {
                try await storage.withStore { store in
                    let progress = ProgressLine(label: "Reading", enabled: !quiet)
                    let summary = try await ContentImporter(store: store).importContent(paths: paths, prune: prune) { done, total in
                        progress.update(done: done, total: total)
                    }
                    progress.finish()
                    if !quiet { print(summary.line) }
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write all content back as files in the content format.",
            discussion: """
                Writes articles/, authors/, topics/ and images/ below DIR. Importing DIR into an empty database gives the same content.

                Example:
                  rehabfaqs export ./content-backup
                """
        )

        @OptionGroup var storage: DatabaseOptions

        @Argument(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
        var directory: String

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func run() async throws {
            try await runReportingFailures {
                let bundle = try await storage.withStore { store in try await store.exportAll() }
                let url = URL(fileURLWithPath: directory)
                do {
                    try ContentExporter.write(bundle, to: url)
                } catch {
                    throw CommandFailure("\(directory): cannot write the export: \(error.localizedDescription)")
                }
                if !quiet {
                    print("Exported \(bundle.countsLine) to \(directory).")
                }
            }
        }
    }
}

/// Runs a command body, printing known failures plainly (`path:line: message`) and exiting with status 1.
func runReportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ContentValidationError {
        for issue in error.issues { printError(issue.description) }
        let files = Set(error.issues.map(\.path)).count
        printError("Nothing was imported: \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s").")
        throw ExitCode.failure
    } catch let error as CommandFailure {
        printError("rehabfaqs: \(error.description)")
        throw ExitCode.failure
    } catch let error as StoreError {
        printError("rehabfaqs: \(error.description)")
        throw ExitCode.failure
    }
}
