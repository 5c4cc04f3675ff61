import ArgumentParser
import Foundation
import RehabCore
import RehabServer
import RehabStarter

extension RehabFAQsCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the whole site as static files for a static host or CDN.",
            discussion: """
                Writes every page, sitemap.xml, feed.atom, robots.txt, llms.txt, 404.html, the assets and the images below DIR. Pages are folders (/articles/back-spasm/ is articles/back-spasm/index.html) and link to each other that way, so any static host serves them with no redirects. Search needs the server and is left out of the export.

                The site is written beside DIR and moved into place when complete; DIR must be new, empty or an earlier export. An empty database is first filled with the starter content, as serve does.

                Example:
                  rehabfaqs build --out ./public --base-url https://rehabfaqs.example
                """
        )

        @OptionGroup var storage: DatabaseOptions
        @OptionGroup var site: SiteOptions

        @Option(help: ArgumentHelp("The folder to write the site into.", valueName: "dir"))
        var out: String

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func run() async throws {
            try await runReportingFailures {
                let location = try storage.location()
                let siteConfiguration = try site.configuration(settingsFolder: location.folder, defaultBaseURL: nil)
                let started = ContinuousClock.now
                let summary = try await storage.withStore { store in
                    _ = try await StarterContent.seedIfEmpty(store)
                    do {
                        return try await StaticSite(store: store, configuration: siteConfiguration).build(into: URL(fileURLWithPath: out))
                    } catch let failure as StaticSite.Failure {
                        throw CommandFailure(failure.description)
                    } catch let error as CocoaError {
                        throw CommandFailure("\(out): cannot write the site: \(error.localizedDescription)")
                    }
                }
                if !quiet {
                    let seconds = (ContinuousClock.now - started).components
                    let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
                    print("Built \(summary.pages) pages (\(summary.files) files, \(ByteCountFormatter.string(fromByteCount: Int64(summary.bytes), countStyle: .file))) into \(out) in \(String(format: "%.1f", elapsed)) s.")
                }
            }
        }
    }
}
