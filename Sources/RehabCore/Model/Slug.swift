import Foundation

/// Turns free text into URL slugs and anchors, and checks slugs written by hand.
public enum Slug {
    /// Derives a slug: diacritics folded, lowercased, and every run of characters other than
    /// ASCII letters and digits replaced by a single `-`, with none at either end.
    ///
    /// `"Cramps & spasms"` becomes `"cramps-spasms"`; `"Épaule gelée"` becomes `"epaule-gelee"`.
    public static func make(from text: String) -> String {
        // Only non-ASCII text needs Foundation's (slower) folding of accents and widths.
        let folded = text.utf8.allSatisfy { $0 < 0x80 }
            ? text : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var result: [UInt8] = []
        result.reserveCapacity(folded.utf8.count)
        var pendingDash = false
        for byte in folded.utf8 {
            let lowered: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): lowered = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): lowered = byte + 32
            default:
                pendingDash = true
                continue
            }
            if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
            pendingDash = false
            result.append(lowered)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `text` is already a well-formed slug: lowercase ASCII letters and digits in runs joined by single `-`.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && make(from: text) == text
    }
}
