import Foundation
import RehabCore

/// The site's static files (stylesheet, icon), each served under a fingerprinted name such as
/// `style.3f9a1c2b4d5e6f70.css`, so browsers may cache them for a year.
public struct AssetCatalog: Sendable {
    /// One asset's bytes and headers.
    public struct Asset: Sendable {
        public var bytes: [UInt8]
        public var contentType: String
        /// The fingerprinted file name.
        public var fingerprintedName: String
    }

    private let byFingerprintedName: [String: Asset]
    private let urlsByName: [String: String]

    /// Loads every file in the bundled `Assets` folder.
    public init() throws {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw RenderError.missingResource("Assets")
        }
        var assets: [String: Asset] = [:]
        var urls: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let base = (name as NSString).deletingPathExtension
            let ext = (name as NSString).pathExtension
            let fingerprinted = "\(base).\(ContentHash.hex(of: bytes).prefix(12)).\(ext)"
            assets[fingerprinted] = Asset(bytes: bytes, contentType: Self.contentTypes[ext] ?? "application/octet-stream", fingerprintedName: fingerprinted)
            urls[name] = "/assets/\(fingerprinted)"
        }
        byFingerprintedName = assets
        urlsByName = urls
    }

    /// The URL of an asset by its plain name (`style.css`), or `nil` if there is none.
    public func url(for name: String) -> String? { urlsByName[name] }

    /// Every asset, by fingerprinted name.
    public var all: [Asset] { byFingerprintedName.keys.sorted().compactMap { byFingerprintedName[$0] } }

    /// The asset served at `/assets/{fingerprintedName}`.
    public func asset(fingerprintedName: String) -> Asset? { byFingerprintedName[fingerprintedName] }

    private static let contentTypes = [
        "css": "text/css; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
        "ico": "image/x-icon", "txt": "text/plain; charset=utf-8",
    ]
}

/// A page could not be rendered because the program's own resources are broken.
public enum RenderError: Error, CustomStringConvertible {
    case missingResource(String)
    case templateFailed(String)

    public var description: String {
        switch self {
        case let .missingResource(name): "the bundled resource '\(name)' is missing; reinstall the program with its resource bundle"
        case let .templateFailed(name): "the template '\(name)' could not be rendered"
        }
    }
}
