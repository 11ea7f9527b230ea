import Foundation
import GRDB
import GovWatchCore

/// What storing a publication did.
public enum StoreOutcome: Sendable, Equatable {
    case new, changed, unchanged
}

/// A publication with its stored form (JSON) and content hash, made off the writer's thread.
public struct EncodedPublication: Sendable {
    public let publication: Publication
    let json: String
    let hash: String

    public init(_ publication: Publication) {
        let bytes = PublicationJSON.encode(publication)
        self.publication = publication
        json = String(decoding: bytes, as: UTF8.self)
        hash = FNV1a.hex(bytes)
    }
}

/// Writes one crawl's results inside the crawl's transaction.
///
/// Made by `AppDatabase.withCrawlTransaction`; valid only inside it.
public final class CrawlWriter {
    let db: Database
    public let runID: Int64
    let probeID: String
    /// The crawl's timestamp as stored, formatted once: every row of the crawl carries it.
    private let now = Date().databaseValue
    /// Listings and attachment texts: sorted keys, so that equal content hashes equally.
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    init(db: Database, runID: Int64, probeID: String) {
        self.db = db
        self.runID = runID
        self.probeID = probeID
    }

    /// The validators stored for `url`, for a conditional GET.
    public func validators(for url: String) throws -> HTTPValidators? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT etag, last_modified FROM http_cache WHERE url = ?"), arguments: [url])
        else { return nil }
        let v = HTTPValidators(etag: row["etag"], lastModified: row["last_modified"])
        return v.isEmpty ? nil : v
    }

    /// Records a fetch and, for a successful one, remembers its validators.
    public func record(_ fetch: FetchRecord, role: String) throws {
        try run("""
                INSERT INTO fetch_result (crawl_run_id, url, final_url, role, status, outcome, error, bytes,
                  milliseconds, attempts, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                runID, fetch.url, fetch.finalURL, role, fetch.status, fetch.outcome.rawValue, fetch.error, fetch.bytes,
                fetch.milliseconds, fetch.attempts, now,
            ])
        guard fetch.outcome == .ok, fetch.etag != nil || fetch.lastModified != nil else { return }
        try run("""
                INSERT INTO http_cache (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                  updated_at = excluded.updated_at
                """,
            arguments: [fetch.url, fetch.etag, fetch.lastModified, now])
    }

    /// Forgets the validators of `url`, so that the next crawl fetches it in full.
    public func forgetValidators(for url: String) throws {
        try run("DELETE FROM http_cache WHERE url = ?", arguments: [url])
    }

    /// Stores a publication: a new row and its first version, a new version when the
    /// content changed, or only a new `last_seen`.
    @discardableResult
    public func store(_ e: EncodedPublication) throws -> StoreOutcome {
        let p = e.publication
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, content_hash FROM publication WHERE url = ?"), arguments: [p.url])
        let id: Int64
        let outcome: StoreOutcome
        if let existing {
            id = existing["id"]
            if existing["content_hash"] == e.hash {
                try run("UPDATE publication SET last_seen = ? WHERE id = ?", arguments: [now, id])
                return .unchanged
            }
            outcome = .changed
        } else {
            try run(
                """
                INSERT INTO publication (kind, unit_id, column_url, feed_url, title, published, written,
                  index_number, document_number, publisher, source, content_hash, first_seen, last_seen,
                  last_changed, version_count, url, probe_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                """,
                arguments: columns(p) + [e.hash, now, now, now, p.url, probeID])
            id = db.lastInsertedRowID
            outcome = .new
        }
        try run(
            """
            INSERT INTO publication_version (publication_id, crawl_run_id, seen_at, content_hash, data)
            VALUES (?, ?, ?, ?, ?)
            """,
            arguments: [id, runID, now, e.hash, e.json])
        try run(
            """
            UPDATE publication SET kind = ?, unit_id = ?, column_url = ?, feed_url = ?, title = ?, published = ?,
              written = ?, index_number = ?, document_number = ?, publisher = ?, source = ?, content_hash = ?,
              current_version_id = ?, last_seen = ?, last_changed = ?, version_count = version_count + 1
            WHERE id = ?
            """,
            arguments: columns(p) + [e.hash, db.lastInsertedRowID, now, now, id])
        return outcome
    }

    /// The text kept for an attachment's bytes (`AttachmentHash`), if they were read before.
    public func attachmentText(hash: String) throws -> AttachmentText? {
        guard
            let data = try String.fetchOne(
                db.cachedStatement(sql: "SELECT data FROM attachment_text WHERE content_hash = ?"), arguments: [hash])
        else { return nil }
        return try? JSONDecoder().decode(AttachmentText.self, from: Data(data.utf8))
    }

    /// Keeps an attachment's text (masked) under the hash of its bytes.
    public func storeAttachmentText(_ text: AttachmentText, hash: String) throws {
        let json = String(decoding: try encoder.encode(text), as: UTF8.self)
        try run(
            "INSERT OR REPLACE INTO attachment_text (content_hash, format, note, data, stored_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [hash, text.format, text.note, json, now])
    }

    /// Marks a publication seen in this crawl without reading it again (a 304).
    public func touchPublication(url: String) throws {
        try run("UPDATE publication SET last_seen = ? WHERE url = ?", arguments: [now, url])
    }

    /// Stores the latest snapshot of a listing page.
    public func store(_ listing: ListingPage, key: String, page: Int) throws {
        let data = try encoder.encode(listing)
        let hash = ContentHash.of(data)
        try run("""
                INSERT INTO listing_page (url, probe_id, listing_key, page, newest_date, entry_count, data, content_hash,
                  first_seen, last_seen, last_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET listing_key = excluded.listing_key, page = excluded.page,
                  newest_date = excluded.newest_date, entry_count = excluded.entry_count, data = excluded.data,
                  last_seen = excluded.last_seen,
                  last_changed = CASE WHEN listing_page.content_hash = excluded.content_hash
                                      THEN listing_page.last_changed ELSE excluded.last_changed END,
                  content_hash = excluded.content_hash
                """,
            arguments: [
                listing.url, probeID, key, page, listing.newestDate?.description, listing.entries.count,
                String(decoding: data, as: UTF8.self), hash, now, now, now,
            ])
    }

    /// The stored snapshot of a listing page, used when the page answers 304.
    public func storedListing(url: String) throws -> ListingPage? {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM listing_page WHERE url = ?"), arguments: [url])
        else { return nil }
        return try JSONDecoder().decode(ListingPage.self, from: Data(json.utf8))
    }

    /// The stored publication at `url`, used when a page answers 304 and its links are needed.
    public func storedPublication(url: String) throws -> Publication? {
        guard
            let json = try String.fetchOne(
                db.cachedStatement(sql: """
                    SELECT v.data FROM publication p JOIN publication_version v ON v.id = p.current_version_id
                    WHERE p.url = ?
                    """), arguments: [url])
        else { return nil }
        return try JSONDecoder().decode(Publication.self, from: Data(json.utf8))
    }

    /// Runs a statement compiled once per crawl: the same few statements run for every page.
    func run(_ sql: String, arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func columns(_ p: Publication) -> StatementArguments {
        [
            p.kind.rawValue, p.unitID, p.columnURL, p.feedURL, p.title, p.published?.description,
            p.info.writtenDate?.description, p.info.indexNumber, p.info.documentNumber, p.info.publisher, p.source,
        ]
    }
}
