internal import GRDB

/// The schema, as an append-only list of migrations. A migration that has shipped is never edited:
/// changes come as new migrations. Migrations use table names as strings, never Swift types.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-content") { db in
            try db.create(table: "author") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("credentials", .text).notNull()
                t.column("url", .text)
                t.column("bio", .text).notNull()
            }
            try db.create(table: "topic") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("description", .text).notNull()
            }
            try db.create(table: "article") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("authorId", .text).notNull().references("author")
                t.column("reviewerId", .text).references("author")
                t.column("published", .text).notNull()
                t.column("updated", .text)
                t.column("reviewed", .text)
                t.column("indexTerm", .text)
                t.column("audience", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("intro", .text).notNull()
                t.column("draft", .boolean).notNull()
                t.column("modifiedAt", .datetime).notNull()
            }
            try db.create(table: "articleTopic") { t in
                t.column("articleId", .text).notNull().references("article", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("slug", .text).notNull().indexed()
                t.primaryKey(["articleId", "position"])
            }
            try db.create(table: "articleReference") { t in
                t.column("articleId", .text).notNull().references("article", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("title", .text).notNull()
                t.column("publisher", .text)
                t.column("url", .text)
                t.column("accessed", .text)
                t.primaryKey(["articleId", "position"])
            }
            try db.create(table: "articleAlias") { t in
                t.primaryKey("id", .text)
                t.column("articleId", .text).notNull().references("article", onDelete: .cascade).indexed()
            }
            try db.create(table: "articleSection") { t in
                t.column("articleId", .text).notNull().references("article", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("heading", .text).notNull()
                t.column("headingSource", .text).notNull()
                t.column("anchor", .text).notNull()
                t.column("body", .text).notNull()
                t.primaryKey(["articleId", "position"])
            }
            try db.create(table: "image") { t in
                t.primaryKey("id", .text)
                t.column("contentType", .text).notNull()
                t.column("hash", .text).notNull()
                t.column("data", .blob).notNull()
                t.column("modifiedAt", .datetime).notNull()
            }
            // One row whose version goes up on every write that changes content, so that other
            // processes sharing the file can notice changes by polling one number.
            try db.create(table: "contentVersion") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("version", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO contentVersion (id, version) VALUES (1, 0)")
        }
        migrator.registerMigration("v2-unanswered-search") { db in
            try db.create(table: "unansweredSearch") { t in
                t.primaryKey("id", .text)  // the normalised query
                t.column("count", .integer).notNull()
                t.column("firstSeen", .datetime).notNull()
                t.column("lastSeen", .datetime).notNull().indexed()
            }
        }
        migrator.registerMigration("v3-author-kind") { db in
            // Person or organization, for structured data; authors stored before are people.
            try db.alter(table: "author") { t in
                t.add(column: "kind", .text).notNull().defaults(to: "person")
            }
        }
        return migrator
    }
}
