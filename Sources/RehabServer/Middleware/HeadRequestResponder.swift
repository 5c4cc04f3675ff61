import Hummingbird

/// Answers `HEAD` like `GET` without the body, as HTTP requires, for every route.
///
/// It wraps the whole router rather than sitting in it as middleware, because the router picks a
/// route by method before its middleware runs.
struct HeadRequestResponder<Inner: HTTPResponder>: HTTPResponder {
    let inner: Inner

    @Sendable func respond(to request: Request, context: Inner.Context) async throws -> Response {
        guard request.method == .head else { return try await inner.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        let response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
        var headers = response.headers
        if let length = response.body.contentLength { headers[.contentLength] = String(length) }
        return Response(status: response.status, headers: headers, body: ResponseBody())
    }
}
