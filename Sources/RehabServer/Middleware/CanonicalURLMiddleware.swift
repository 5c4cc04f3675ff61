import Foundation
import Hummingbird

/// One address per page: a page asked for under another spelling — a trailing slash, capital
/// letters, or query parameters the page does not use (`?utm_source=…`) — is redirected
/// permanently to its canonical address, so that search engines, caches and share counts see one.
///
/// Search, paging and the JSON API keep the parameters they read; fingerprinted files, images and
/// the operations endpoints are left alone.
struct CanonicalURLMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The query parameters each page reads; a page not listed reads none.
    static func keptParameters(forPath path: String) -> Set<String>? {
        if path.hasPrefix("/api/") || path.hasPrefix("/images/") || path.hasPrefix("/assets/") { return nil }
        switch path {
        case "/healthz", "/readyz", "/metrics": return nil
        case "/search": return ["q", "page", "topic"]
        case "/articles": return ["page"]
        default: return []
        }
    }

    /// The canonical form of `path` and `query`, or nil when they are canonical already.
    static func canonical(path: String, query: String?) -> String? {
        guard let kept = keptParameters(forPath: path) else { return nil }
        // Most requests are canonical already: tell so without building new strings. Only a query,
        // a trailing slash, or a capital or non-ASCII byte can make the address differ.
        let mayDiffer = query != nil || (path.utf8.count > 1 && path.utf8.last == UInt8(ascii: "/"))
            || path.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
        guard mayDiffer else { return nil }
        var canonicalPath = lowercasedKeepingEscapes(path)
        while canonicalPath.count > 1, canonicalPath.hasSuffix("/") { canonicalPath.removeLast() }
        let items = (query ?? "").split(separator: "&", omittingEmptySubsequences: true)
        let keptItems = items.filter { item in
            let name = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return kept.contains(name.removingPercentEncoding ?? name)
        }
        let canonicalQuery = keptItems.joined(separator: "&")
        guard canonicalPath != path || canonicalQuery != (query ?? "") else { return nil }
        return canonicalQuery.isEmpty ? canonicalPath : canonicalPath + "?" + canonicalQuery
    }

    /// `path` in lower case, but for the hex digits of percent escapes, whose case means nothing.
    static func lowercasedKeepingEscapes(_ path: String) -> String {
        var result = ""
        result.reserveCapacity(path.utf8.count)
        var escapeDigitsLeft = 0
        for character in path {
            if escapeDigitsLeft > 0 {
                result.append(character)
                escapeDigitsLeft -= 1
            } else {
                if character == "%" { escapeDigitsLeft = 2 }
                result += character.lowercased()
            }
        }
        return result
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head,
              let target = Self.canonical(path: request.uri.path, query: request.uri.query) else {
            return try await next(request, context)
        }
        return PageResponse.permanentRedirect(to: target)
    }
}
