import Foundation
import GRDB
import GovWatchCore

/// The govwatch store: one SQLite file in WAL mode, opened through GRDB.
///
/// As in GRDB's recommended practice, this struct owns the writer, every migration lives
/// in `migrator` (never edited once shipped: add a new one), and all writes go through
/// named methods that keep the invariants.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path`, with the file mode 0600.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(10)
        // Deleted and rewritten content is overwritten, not left in free pages: the store
        // masks personal numbers, and an old page's bytes must not outlive the masking.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // A new file gets 16 KiB pages (an existing one keeps its own; SQLite ignores this
            // then): a stored page version (~3.4 KB of compressed page and links) fits in one
            // page, with no overflow chain, and a crawl's one large transaction appends a
            // quarter as many WAL frames. A cold crawl of the 10,000-page portal took 3-4 % less
            // CPU than with 4 KiB pages (5 alternated pairs), and its database is 0.6 MB smaller.
            try db.execute(sql: "PRAGMA page_size = 16384")
        }
        // Opening switches a new file to WAL, which another process's open can meet as
        // "database is locked": the open is serialised with the migration.
        self.writer = try MigrationLock.holding(directory: url.deletingLastPathComponent().path) {
            let pool = try DatabasePool(path: path, configuration: config)
            chmod(path, 0o600)
            try Self.migrator.migrate(pool)
            return pool
        }
    }

    /// Frees SQLite's page caches and cached statements and closes the idle reader connections
    /// (they reopen on the next read); waits for the writer to be free.
    public func releaseMemory() {
        if let pool = writer as? DatabasePool {
            pool.releaseMemory()
        } else if let queue = writer as? DatabaseQueue {
            queue.releaseMemory()
        }
    }

    /// Wraps an open writer (an in-memory `DatabaseQueue` in tests) and migrates it.
    public init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// The schema, one migration per release. A shipped migration is never edited, not even
    /// to fix it: add a new one. `Tests/Fixtures/databases/` keeps a database of each released
    /// schema, and `MigrationTests` opens every one with today's code.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: crawl runs, fetches, publications, listings") { db in
            try db.create(table: "crawl_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("probe_id", .text).notNull().indexed()
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("status", .text).notNull()  // running | completed | interrupted
                t.column("summary", .jsonText)
            }
            try db.create(table: "fetch_result") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("crawl_run_id", .integer).notNull().indexed().references("crawl_run", onDelete: .cascade)
                t.column("url", .text).notNull()
                t.column("final_url", .text).notNull()
                t.column("role", .text).notNull()
                t.column("status", .integer).notNull()
                t.column("outcome", .text).notNull()
                t.column("error", .text)
                t.column("bytes", .integer).notNull()
                t.column("milliseconds", .integer).notNull()
                t.column("attempts", .integer).notNull()
                t.column("fetched_at", .datetime).notNull()
            }
            try db.create(table: "http_cache") { t in
                t.primaryKey("url", .text)
                t.column("etag", .text)
                t.column("last_modified", .text)
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "publication") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("url", .text).notNull().unique()
                t.column("probe_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("unit_id", .text).indexed()
                t.column("column_url", .text).indexed()
                t.column("feed_url", .text)
                t.column("title", .text).notNull()
                t.column("published", .text)
                t.column("written", .text)
                t.column("index_number", .text)
                t.column("document_number", .text)
                t.column("publisher", .text)
                t.column("source", .text)
                t.column("current_version_id", .integer)  // publication_version holds the content
                t.column("content_hash", .text).notNull()
                t.column("first_seen", .datetime).notNull()
                t.column("last_seen", .datetime).notNull()
                t.column("last_changed", .datetime).notNull()
                t.column("version_count", .integer).notNull()
            }
            try db.create(table: "publication_version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("publication_id", .integer).notNull().indexed().references("publication", onDelete: .cascade)
                t.column("crawl_run_id", .integer).notNull()
                t.column("seen_at", .datetime).notNull()
                t.column("content_hash", .text).notNull()
                t.column("data", .jsonText).notNull()
            }
            try db.create(table: "listing_page") { t in
                t.primaryKey("url", .text)
                t.column("probe_id", .text).notNull()
                t.column("listing_key", .text).notNull().indexed()
                t.column("page", .integer).notNull()
                t.column("newest_date", .text)
                t.column("entry_count", .integer).notNull()
                t.column("data", .jsonText).notNull()
                t.column("content_hash", .text).notNull()
                t.column("first_seen", .datetime).notNull()
                t.column("last_seen", .datetime).notNull()
                t.column("last_changed", .datetime).notNull()
            }
        }
        m.registerMigration("v2: findings") { db in
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("probe_id", .text).notNull().indexed()
                t.column("fingerprint", .text).notNull().unique()
                t.column("rule", .text).notNull().indexed()
                t.column("unit_id", .text).notNull().indexed()
                t.column("url", .text).notNull()
                t.column("clause", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("description", .text).notNull()
                t.column("evidence", .jsonText).notNull()
                t.column("status", .text).notNull()  // open | resolved
                t.column("first_seen", .text).notNull()  // YYYY-MM-DD, the check's as-of day
                t.column("last_seen", .text).notNull()
                t.column("seen_count", .integer).notNull()
                t.column("resolved_on", .text)
                t.column("updated_at", .datetime).notNull()
            }
        }
        m.registerMigration("v3: units, deductions, audit") { db in
            try db.create(table: "unit") { t in
                t.primaryKey("id", .text)
                t.column("probe_id", .text).notNull()
                t.column("name", .text).notNull()
                t.column("full_name", .text).notNull()
                t.column("type", .text).notNull()
            }
            try db.create(table: "deduction") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("period", .integer).notNull().indexed()
                t.column("unit_id", .text).notNull().indexed()
                t.column("line_id", .text)  // NULL for fraud
                t.column("points", .double).notNull()
                t.column("source", .text).notNull()  // automatic | manual | fraud
                t.column("finding_fingerprint", .text)
                t.column("rule", .text)
                t.column("reason", .text).notNull()
                t.column("clause", .text)
                t.column("evidence_url", .text)
                t.column("found_on", .text).notNull()
                t.column("by", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("revoked_at", .datetime)
                t.column("revoked_by", .text)
                t.column("revoke_reason", .text)
                t.uniqueKey(["period", "finding_fingerprint"])
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("by", .text).notNull()
                t.column("action", .text).notNull()
                t.column("deduction_id", .integer)
                t.column("detail", .text).notNull()
            }
        }
        m.registerMigration("v4: notices, deliveries, digests") { db in
            try db.create(table: "notice") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("year", .integer).notNull()
                t.column("seq", .integer).notNull()
                t.column("number", .text).notNull().unique()  // 阿政务公开办整改〔2026〕12号
                t.column("unit_id", .text).notNull().indexed()
                t.column("issued_on", .text).notNull()
                t.column("deadline", .text).notNull()
                t.column("status", .text).notNull().indexed()  // issued | rectified | overdue
                t.column("closed_on", .text)  // rectified or overdue on
                t.column("follow_up_of", .integer).references("notice")
                t.column("reported_on", .text)  // the unit's written report (附件3 第九条) received
                t.column("reported_by", .text)
                t.column("created_at", .datetime).notNull()
                t.uniqueKey(["year", "seq"])
            }
            try db.create(table: "notice_item") { t in
                t.column("notice_id", .integer).notNull().indexed().references("notice", onDelete: .cascade)
                t.column("fingerprint", .text).notNull()
                t.column("data", .jsonText).notNull()
                t.primaryKey(["notice_id", "fingerprint"])
            }
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("channel", .text).notNull()
                t.column("key", .text).notNull()  // alert:FINGERPRINT, digest:DATE, notice:ID
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("message", .jsonText).notNull()
                t.column("status", .text).notNull().indexed()  // pending | sent | failed
                t.column("attempts", .integer).notNull()
                t.column("next_attempt_at", .double).notNull()  // seconds since 1970
                t.column("last_error", .text)
                t.column("created_at", .datetime).notNull()
                t.column("sent_at", .datetime)
                t.uniqueKey(["channel", "key"])
            }
            try db.create(table: "digest") { t in
                t.primaryKey("date", .text)
                t.column("last_finding_id", .integer).notNull()  // findings after it are new to the next digest
                t.column("created_at", .double).notNull()  // seconds since 1970
            }
        }
        m.registerMigration("v5: provisional calendar years") { db in
            try db.alter(table: "finding") { t in
                t.add(column: "provisional", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "notice") { t in
                t.add(column: "provisional", .boolean).notNull().defaults(to: false)  // deadline counted over a provisional year
                t.add(column: "deadline_was", .text)  // the deadline before the calendar changed it
            }
        }
        m.registerMigration("v6: attachment text, personal numbers masked in stored text") { db in
            try db.create(table: "attachment_text") { t in
                t.primaryKey("content_hash", .text)  // AttachmentHash of the attachment's bytes
                t.column("format", .text).notNull()
                t.column("note", .text)
                t.column("data", .jsonText).notNull()  // AttachmentText, numbers masked
                t.column("stored_at", .datetime).notNull()
            }
            try StoredTextRedaction.run(db)
        }
        m.registerMigration("v7: homepage availability samples") { db in
            try db.create(table: "availability_sample") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("probe_id", .text).notNull()
                t.column("at", .double).notNull()  // Unix seconds
                t.column("ok", .boolean).notNull()
                t.column("status", .integer).notNull()
                t.column("outcome", .text).notNull()
                t.column("seconds", .double).notNull()
            }
            try db.create(index: "availability_sample_probe_at", on: "availability_sample", columns: ["probe_id", "at"])
        }
        m.registerMigration("v8: link checks") { db in
            try db.create(table: "link_check") { t in
                t.column("probe_id", .text).notNull()
                t.column("url", .text).notNull()
                t.column("found_on", .text).notNull()
                t.column("link_text", .text).notNull()
                t.column("on_homepage", .boolean).notNull()
                t.column("consecutive_failures", .integer).notNull()
                t.column("last_error", .text)
                t.column("last_run_id", .integer).notNull()
                t.column("checked_at", .datetime).notNull()
                t.primaryKey(["probe_id", "url"])
            }
        }
        m.registerMigration("v9: console indexes") { db in
            // The console's lists: findings newest first per unit and status, by first seen;
            // a unit's deductions of a period by the day they were found.
            try db.create(index: "finding_unit_status", on: "finding", columns: ["unit_id", "status", "id"])
            try db.create(index: "finding_status_id", on: "finding", columns: ["status", "id"])
            try db.create(index: "finding_first_seen", on: "finding", columns: ["first_seen"])
            try db.create(index: "finding_unit_first_seen", on: "finding", columns: ["unit_id", "first_seen"])
            // Covering: the scores of a year are summed from the index alone.
            try db.create(
                index: "deduction_scoring", on: "deduction", columns: ["period", "revoked_at", "unit_id", "line_id", "source", "points"])
            try db.create(index: "deduction_unit_found", on: "deduction", columns: ["period", "unit_id", "found_on"])
            try db.create(index: "notice_item_fingerprint", on: "notice_item", columns: ["fingerprint"])
        }
        m.registerMigration("v10: compressed page versions, links apart") { db in
            // New versions keep `data` as a Zstandard-compressed BLOB without the links, and
            // the links here (`StoredVersion`); older versions stay JSON text, read as before.
            try db.alter(table: "publication_version") { t in t.add(column: "links", .blob) }
        }
        return m
    }
}
