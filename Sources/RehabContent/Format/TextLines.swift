/// Fast line and whitespace helpers over UTF-8, for parsing thousands of files quickly.
///
/// `String.split` and Foundation's `trimmingCharacters` work on grapheme clusters and bridge
/// through `NSString` on Linux; content parsing only needs `\n` and ASCII spaces and tabs.
enum TextLines {
    /// The lines of `text`, split on `\n` (which must already be the only line end), empty lines kept.
    static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (and other ASCII whitespace).
    var trimmedASCIISpace: Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while start != end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while start != end, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return self[start..<end]
    }

    /// Whether the text is empty or only ASCII whitespace.
    var isBlankLine: Bool { trimmedASCIISpace.isEmpty }
}

extension String {
    /// Without leading and trailing spaces and tabs (and other ASCII whitespace).
    var trimmedASCIISpace: Substring { self[...].trimmedASCIISpace }
}
