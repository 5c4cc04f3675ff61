import ArgumentParser
import Foundation
import RehabCore

/// Site settings from flags, the environment, or `rehabfaqs.toml` beside the database, in that order.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The public address of the site, for canonical links (or $REHABFAQS_BASE_URL).")
    var baseURL: String?

    @Option(name: .long, help: "The site's name (or $REHABFAQS_SITE_NAME).")
    var siteName: String?

    @Option(name: .long, help: "Region for emergency numbers on the site: uk or us (or $REHABFAQS_REGION).")
    var region: String?

    /// Combines flags, environment and the settings file into one configuration.
    ///
    /// - Parameter defaultBaseURL: The base URL when none is set; `nil` makes one required.
    func configuration(settingsFolder: String?, defaultBaseURL: String?) throws -> SiteConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var file: [String: String] = [:]
        if let settingsFolder {
            let path = (settingsFolder as NSString).appendingPathComponent("rehabfaqs.toml")
            if FileManager.default.fileExists(atPath: path) { file = try SettingsFile.read(path: path) }
        }
        func value(_ flag: String?, _ variable: String, _ key: String) -> String? {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? file[key]
        }
        guard let base = value(baseURL, "REHABFAQS_BASE_URL", "base_url") ?? defaultBaseURL else {
            throw CommandFailure("the site's public address is needed for canonical links, the sitemap and the feed: pass --base-url https://your.site (or set REHABFAQS_BASE_URL, or base_url in rehabfaqs.toml)")
        }
        guard let components = URLComponents(string: base), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              !(components.host ?? "").isEmpty else {
            throw CommandFailure("base URL must be a full http or https address such as https://rehabfaqs.example, not '\(base)'")
        }
        let parsedRegion = try RegionOption.parse(value(region, "REHABFAQS_REGION", "region") ?? "uk")
        var interval = 12
        if let raw = file["review_interval_months"] {
            guard let months = Int(raw), (1...120).contains(months) else {
                throw CommandFailure("rehabfaqs.toml: review_interval_months must be a whole number of months from 1 to 120")
            }
            interval = months
        }
        return SiteConfiguration(baseURL: base, siteName: value(siteName, "REHABFAQS_SITE_NAME", "site_name") ?? "RehabFAQs",
                                 region: parsedRegion, reviewIntervalMonths: interval)
    }
}

/// Reads `rehabfaqs.toml`: flat `key = "text"` or `key = number` lines and `#` comments, which is
/// all the site settings need. Anything else is reported with its line.
enum SettingsFile {
    static let knownKeys: Set<String> = ["base_url", "site_name", "region", "review_interval_months"]

    static func read(path: String) throws -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("\(path): cannot be read as UTF-8 text")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> CommandFailure { CommandFailure("\(path):\(index + 1): \(message)") }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected key = \"value\"") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard knownKeys.contains(key) else {
                throw fail("unknown setting '\(key)'; known settings are \(knownKeys.sorted().joined(separator: ", "))")
            }
            if value.hasPrefix("\"") {
                guard let close = value.dropFirst().firstIndex(of: "\"") else { throw fail("the text value is not closed with \"") }
                let rest = value[value.index(after: close)...].trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest.hasPrefix("#") else { throw fail("unexpected text after the value") }
                value = String(value[value.index(after: value.startIndex)..<close])
            } else {
                if let hash = value.firstIndex(of: "#") { value = value[..<hash].trimmingCharacters(in: .whitespaces) }
                guard Int(value) != nil else { throw fail("'\(key)' needs a quoted value, such as \(key) = \"...\"") }
            }
            guard values[key] == nil else { throw fail("'\(key)' is set twice") }
            values[key] = value
        }
        return values
    }
}
