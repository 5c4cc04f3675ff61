/// Whether an author is one person or a team: structured data names them as a schema.org
/// `Person` or `Organization`, so a team never passes for a person.
public enum AuthorKind: String, Sendable, Hashable, Codable, CaseIterable {
    case person
    case organization
}

/// A person or team who writes or reviews articles: `authors/{slug}.md`.
public struct Author: Sendable, Hashable, Codable {
    public var slug: String
    public var name: String
    /// A person unless the author file says `kind: organization`.
    public var kind: AuthorKind
    public var credentials: String
    public var url: String?
    /// Markdown.
    public var bio: String

    public init(slug: String, name: String, kind: AuthorKind = .person, credentials: String = "", url: String? = nil, bio: String = "") {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.credentials = credentials
        self.url = url
        self.bio = bio
    }
}

/// An editor's description of a topic: `topics/{slug}.md`. Topics named by articles need none.
public struct TopicDescription: Sendable, Hashable, Codable {
    public var slug: String
    public var name: String
    /// Markdown.
    public var description: String

    public init(slug: String, name: String, description: String = "") {
        self.slug = slug
        self.name = name
        self.description = description
    }
}

/// An image stored with the content, `images/{name}`, and served under a content-hashed URL.
public struct ImageAsset: Sendable, Hashable, Codable {
    /// The path below `images/`, such as `spine.png` or `knee/brace.jpg`.
    public var name: String
    public var contentType: String
    public var data: [UInt8]

    public init(name: String, contentType: String, data: [UInt8]) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }

    /// The fingerprint of the bytes; it is part of the image's URL.
    public var hash: String { ContentHash.hex(of: data) }

    /// Content types by lowercase file extension, for the image formats browsers show.
    public static let contentTypes: [String: String] = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif",
    ]
}
