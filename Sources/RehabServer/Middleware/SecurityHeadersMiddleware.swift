import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}

/// Built once: the middleware is generic, and generic types cannot store statics.
private let securityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

/// Security headers on every response, error pages included.
///
/// The pages carry no inline script or style, so the Content-Security-Policy needs no
/// `unsafe-inline`: scripts, styles, forms and frames come from the site itself only, and no other
/// site may frame it. Images may also come from `https:` addresses that articles link to.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = securityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        response.headers[.xFrameOptions] = "DENY"
        return response
    }
}
