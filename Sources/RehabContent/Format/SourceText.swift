import RehabCore
/// Turns a file's bytes into text the parsers accept: valid UTF-8, no byte-order mark, `\n` line ends.
enum SourceText {
    /// The largest content file import accepts.
    static let maximumFileSize = 5 * 1024 * 1024

    static func decode(_ bytes: [UInt8], path: String) throws(ContentIssue) -> String {
        if bytes.count > maximumFileSize {
            let megabytes = (Double(bytes.count) / 1_048_576 * 10).rounded() / 10
            throw ContentIssue(path: path, line: nil, message: "file is \(megabytes) MB; the limit is 5 MB")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if var text = String(validating: body, as: UTF8.self) {
            if body.contains(UInt8(ascii: "\r")) {
                text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            }
            return text
        }
        // Invalid UTF-8: decode scalar by scalar to find the line of the first bad byte.
        var text = ""
        text.reserveCapacity(body.count)
        var line = 1
        var iterator = body.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar == "\n" { line += 1 }
                text.unicodeScalars.append(scalar)
            case .emptyInput:
                break decoding
            case .error:
                throw ContentIssue(path: path, line: line, message: "file is not valid UTF-8 text (save it as UTF-8)")
            }
        }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }
}

import Foundation
