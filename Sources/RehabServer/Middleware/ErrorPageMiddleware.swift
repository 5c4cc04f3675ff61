import Hummingbird
import Logging
import RehabCore
import RehabRender

/// Turns errors into readable pages: 4xx errors keep their status and message; anything else is
/// logged and answered with a plain 500 page that reveals nothing of the cause.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    /// What a 503 answer asks clients to wait before trying again.
    static var retryAfterSeconds: Int { 30 }

    let renderer: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            let title: String
            let message: String
            switch error.status {
            case .notFound:
                title = "Page not found"
                message = error.body ?? "We could not find a page at this address. It may have moved, or the link may have a typo."
            default:
                title = error.status.reasonPhrase
                message = error.body ?? "The request could not be handled."
            }
            return try page(status: error.status, title: title, message: message, request: request)
        } catch let error as StoreError where error.isUnavailable {
            context.logger.warning("Database out of reach", metadata: ["http.path": "\(request.uri.path)", "error": "\(error)"])
            var response = try page(status: .serviceUnavailable, title: "Back in a moment",
                                    message: "This page cannot be loaded right now because the site cannot reach its content store. Please try again in a minute. If you have a warning sign, do not wait for this page: call your emergency number or get urgent care.",
                                    request: request)
            response.headers[.retryAfter] = "\(Self.retryAfterSeconds)"
            return response
        } catch {
            context.logger.error("Request failed", metadata: ["http.path": "\(request.uri.path)", "error": "\(error)"])
            return try page(status: .internalServerError, title: "Something went wrong",
                            message: "Sorry, this page could not be shown. Please try again in a moment.", request: request)
        }
    }

    private func page(status: HTTPResponse.Status, title: String, message: String, request: Request) throws -> Response {
        let html = try renderer.errorPage(status: status.code, title: title, message: message)
        return PageResponse.html(html, status: status, request: request, lastModified: nil)
    }
}
