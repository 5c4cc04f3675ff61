import Foundation

/// A short, stable fingerprint of bytes, used in cache-busting URLs and ETags.
///
/// This is 64-bit FNV-1a: fast and well spread, but not a cryptographic hash. It only has to change
/// when the bytes change.
public enum ContentHash {
    /// The fingerprint of `bytes` as 16 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The fingerprint of a string's UTF-8 bytes.
    public static func hex(of text: String) -> String { hex(of: text.utf8) }
}
