import PostgresNIO

/// The PostgreSQL schema, as an append-only list of migrations: one that has shipped is never
/// edited; changes come as new entries at the end. The tables mirror the SQLite store's, in
/// PostgreSQL's snake_case.
enum PostgresMigrations {
    struct Migration {
        var id: String
        var statements: [String]
    }

    /// Advisory lock keys: one for migrating, one for writing content (any fixed numbers, ours alone).
    static let migrationLock: Int64 = 0x5245_4841_4201
    static let writeLock: Int64 = 0x5245_4841_4202

    static let all: [Migration] = [
        Migration(id: "v1-content", statements: [
            """
            CREATE TABLE author (
                id text PRIMARY KEY,
                name text NOT NULL,
                credentials text NOT NULL,
                url text,
                bio text NOT NULL
            )
            """,
            """
            CREATE TABLE topic (
                id text PRIMARY KEY,
                name text NOT NULL,
                description text NOT NULL
            )
            """,
            """
            CREATE TABLE article (
                id text PRIMARY KEY,
                title text NOT NULL,
                author_id text NOT NULL REFERENCES author (id),
                reviewer_id text REFERENCES author (id),
                published text NOT NULL,
                updated text,
                reviewed text,
                index_term text,
                audience text[] NOT NULL,
                summary text NOT NULL,
                intro text NOT NULL,
                draft boolean NOT NULL,
                modified_at timestamptz NOT NULL
            )
            """,
            """
            CREATE TABLE article_topic (
                article_id text NOT NULL REFERENCES article (id) ON DELETE CASCADE,
                position integer NOT NULL,
                name text NOT NULL,
                slug text NOT NULL,
                PRIMARY KEY (article_id, position)
            )
            """,
            "CREATE INDEX article_topic_slug ON article_topic (slug)",
            """
            CREATE TABLE article_reference (
                article_id text NOT NULL REFERENCES article (id) ON DELETE CASCADE,
                position integer NOT NULL,
                title text NOT NULL,
                publisher text,
                url text,
                accessed text,
                PRIMARY KEY (article_id, position)
            )
            """,
            """
            CREATE TABLE article_alias (
                id text PRIMARY KEY,
                article_id text NOT NULL REFERENCES article (id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX article_alias_article ON article_alias (article_id)",
            """
            CREATE TABLE article_section (
                article_id text NOT NULL REFERENCES article (id) ON DELETE CASCADE,
                position integer NOT NULL,
                kind text NOT NULL,
                heading text NOT NULL,
                heading_source text NOT NULL,
                anchor text NOT NULL,
                body text NOT NULL,
                PRIMARY KEY (article_id, position)
            )
            """,
            """
            CREATE TABLE image (
                id text PRIMARY KEY,
                content_type text NOT NULL,
                hash text NOT NULL,
                data bytea NOT NULL,
                modified_at timestamptz NOT NULL
            )
            """,
            // One row whose version goes up on every write that changes content; nodes compare it
            // when a change is announced (NOTIFY rehabfaqs_content) and on their fallback poll.
            """
            CREATE TABLE content_version (
                id integer PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL
            )
            """,
            "INSERT INTO content_version (id, version) VALUES (1, 0)",
        ]),
        Migration(id: "v2-unanswered-search", statements: [
            """
            CREATE TABLE unanswered_search (
                id text PRIMARY KEY,
                count integer NOT NULL,
                first_seen timestamptz NOT NULL,
                last_seen timestamptz NOT NULL
            )
            """,
            "CREATE INDEX unanswered_search_last_seen ON unanswered_search (last_seen)",
        ]),
        // Person or organization, for structured data; authors stored before are people.
        Migration(id: "v3-author-kind", statements: [
            "ALTER TABLE author ADD COLUMN kind text NOT NULL DEFAULT 'person'",
        ]),
    ]

    /// Applies the migrations not yet applied, in one transaction under an advisory lock, so that
    /// several nodes starting together migrate once: the others wait, then find nothing to do.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS rehabfaqs_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM rehabfaqs_migration", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            let known = Set(all.map(\.id))
            if let unknown = applied.subtracting(known).sorted().first {
                throw MigrationError(message: "the database has migration '\(unknown)', which this version of rehabfaqs does not know; run a newer rehabfaqs")
            }
            for migration in all where !applied.contains(migration.id) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO rehabfaqs_migration (id) VALUES (\(migration.id))", logger: logger)
                logger.info("Applied database migration", metadata: ["db.migration": "\(migration.id)"])
            }
        }
    }

    struct MigrationError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
