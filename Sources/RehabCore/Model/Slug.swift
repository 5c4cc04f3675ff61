import Foundation

/// Turns free text into URL slugs and anchors, and checks slugs written by hand.
public enum Slug {
    /// Derives a slug: diacritics folded, lowercased, and every run of characters other than
    /// ASCII letters and digits replaced by a single `-`, with none at either end.
    ///
    /// `"Cramps & spasms"` becomes `"cramps-spasms"`; `"Épaule gelée"` becomes `"epaule-gelee"`.
    public static func make(from text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// Whether `text` is already a well-formed slug: lowercase ASCII letters and digits in runs joined by single `-`.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && make(from: text) == text
    }
}
