import CompressNIO
import Hummingbird
import RehabCore
import Synchronization

/// A response body prepared once: its bytes, their gzip form and its validator, so that serving it
/// again costs no rendering and no compression.
struct PreparedPage: Sendable {
    let body: ByteBuffer
    /// The gzip form, or nil when it would not be smaller.
    let gzipped: ByteBuffer?
    /// The validator of the uncompressed bytes (quoted); the gzip form's adds `-gzip` inside the quotes.
    let etag: String
    let contentType: String

    init(text: String, contentType: String) {
        let body = ByteBuffer(string: text)
        self.body = body
        self.contentType = contentType
        etag = "\"\(ContentHash.hex(of: body.readableBytesView))\""
        var input = body
        if let compressed = try? input.compress(with: .gzip()), compressed.readableBytes < body.readableBytes {
            gzipped = compressed
        } else {
            gzipped = nil
        }
    }

    var gzipETag: String { String(etag.dropLast()) + "-gzip\"" }

    /// Bytes held, both forms.
    var size: Int { body.readableBytes + (gzipped?.readableBytes ?? 0) }
}

/// Pages of one content snapshot, prepared once and then served from memory — also while the
/// database is out of reach.
///
/// Each snapshot has its own cache, so a content change (a new snapshot) invalidates every page at
/// once and no page outlives the content it shows. Past `capacity` bytes, pages are prepared per
/// request until the next snapshot.
final class PageCache: Sendable {
    let capacity: Int
    private let state = Mutex<(pages: [String: PreparedPage], bytes: Int)>(([:], 0))

    init(capacity: Int = 256 << 20) { self.capacity = capacity }

    subscript(key: String) -> PreparedPage? {
        state.withLock { $0.pages[key] }
    }

    /// Keeps `page` under `key` unless that would pass the capacity.
    func store(_ page: PreparedPage, for key: String) {
        state.withLock { state in
            guard state.pages[key] == nil, state.bytes + page.size <= capacity else { return }
            state.pages[key] = page
            state.bytes += page.size
        }
    }

    var count: Int { state.withLock { $0.pages.count } }
}
