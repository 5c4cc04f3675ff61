import Foundation

/// Data files bundled with the search engine.
public enum SearchResources {
    /// The synonym families editors maintain in `Sources/RehabSearch/Resources/synonyms.txt`.
    public static func synonyms() throws -> SynonymTable {
        guard let url = Bundle.module.url(forResource: "synonyms", withExtension: "txt") else {
            throw SynonymError(line: 0, message: "the bundled synonyms.txt is missing")
        }
        return try SynonymTable(text: String(contentsOf: url, encoding: .utf8))
    }
}
