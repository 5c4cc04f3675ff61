import Foundation
import HTTPTypes
import Hummingbird
import RehabCore

/// Builds responses for pages and files, with validators (ETag, Last-Modified) and 304 answers.
enum PageResponse {
    /// Cache lifetime for pages: short, since content can change at any time; browsers revalidate with the ETag.
    static let pageCacheControl = "public, max-age=60"
    /// Cache lifetime for fingerprinted files, whose URL changes with their bytes.
    static let immutableCacheControl = "public, max-age=31536000, immutable"

    /// An HTML page, or `304 Not Modified` when the request's validators still match.
    static func html(_ html: String, status: HTTPResponse.Status = .ok, request: Request, lastModified: String?,
                     contentType: String = "text/html; charset=utf-8") -> Response {
        let bytes = ByteBuffer(string: html)
        let etag = "\"\(ContentHash.hex(of: bytes.readableBytesView))\""
        var headers: HTTPFields = [
            .contentType: contentType,
            .cacheControl: status == .ok ? pageCacheControl : "no-store",
        ]
        guard status == .ok else { return Response(status: status, headers: headers, body: .init(byteBuffer: bytes)) }
        headers[.eTag] = etag
        if let lastModified { headers[.lastModified] = lastModified }
        if isNotModified(request: request, etag: etag, lastModified: lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: bytes))
    }

    /// A prepared page: gzip when the client accepts it (compressed once, when the page was
    /// prepared), `304 Not Modified` when the request's validators still match.
    static func prepared(_ page: PreparedPage, request: Request, lastModified: String?) -> Response {
        let gzip = page.gzipped != nil && acceptsGzip(request)
        let etag = gzip ? page.gzipETag : page.etag
        var headers: HTTPFields = [.contentType: page.contentType, .cacheControl: pageCacheControl, .eTag: etag, .vary: "Accept-Encoding"]
        if let lastModified { headers[.lastModified] = lastModified }
        if isNotModified(request: request, etag: etag, lastModified: lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        if gzip, let gzipped = page.gzipped {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: page.body))
    }

    /// Whether `Accept-Encoding` allows gzip (RFC 9110 §12.5.3: listed, or `*`, without `q=0`).
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding] else { return false }
        var gzip: Bool?
        var wildcard = false
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.filter { !$0.isWhitespace }.lowercased() }
            guard let coding = parts.first else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if coding == "gzip" || coding == "x-gzip" { gzip = weight > 0 } else if coding == "*" { wildcard = weight > 0 }
        }
        return gzip ?? wildcard
    }

    /// A file that never changes at its URL: cached for a year.
    static func immutable(_ bytes: [UInt8], contentType: String, request: Request) -> Response {
        let etag = "\"\(ContentHash.hex(of: bytes))\""
        let headers: HTTPFields = [.contentType: contentType, .cacheControl: immutableCacheControl, .eTag: etag]
        if isNotModified(request: request, etag: etag, lastModified: nil) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A permanent redirect.
    static func permanentRedirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location, .cacheControl: pageCacheControl])
    }

    /// RFC 9110 §13.1: `If-None-Match` wins when present; otherwise `If-Modified-Since` is compared by date.
    static func isNotModified(request: Request, etag: String, lastModified: String?) -> Bool {
        if let ifNoneMatch = request.headers[.ifNoneMatch] {
            let candidates = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return candidates.contains("*") || candidates.contains { $0 == etag || $0 == "W/" + etag }
        }
        guard let ifModifiedSince = request.headers[.ifModifiedSince], let lastModified,
              let since = HTTPDate.parse(ifModifiedSince), let modified = HTTPDate.parse(lastModified)
        else { return false }
        return modified <= since
    }
}
