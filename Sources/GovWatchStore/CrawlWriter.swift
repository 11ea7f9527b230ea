import Foundation
import GRDB
import GovWatchCore

/// What storing a publication did.
public enum StoreOutcome: Sendable, Equatable {
    case new, changed, unchanged
}

/// A publication with its stored form (`StoredVersion`) and content hash, made off the
/// writer's thread.
public struct EncodedPublication: Sendable {
    public let publication: Publication
    let hash: String
    let data: Data
    let links: Data

    public init(_ publication: Publication) {
        self.publication = publication
        (data, links, hash) = StoredVersion.columns(publication)
    }
}

/// A stored page's links, what a 304 of it replays.
public struct StoredLinks: Sendable {
    public var url: String
    public var kind: PublicationKind
    public var unitID: String?
    public var links: [Link]
    public var attachments: [Link]

    /// The links of a publication just read.
    public init(_ p: Publication) {
        self.init(url: p.url, kind: p.kind, unitID: p.unitID, links: p.links, attachments: p.attachments)
    }

    init(url: String, kind: PublicationKind, unitID: String?, links: [Link], attachments: [Link]) {
        self.url = url
        self.kind = kind
        self.unitID = unitID
        self.links = links
        self.attachments = attachments
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
    private let now = StoredTime().databaseValue
    /// The id of the last version this crawl stored.
    private var lastVersionID: Int64?
    /// Every stored URL's validators, read in one query when the first is asked for: a
    /// re-crawl asks for every page's, and a statement per page cost more than the lookup.
    private var storedValidators: [String: HTTPValidators]?
    /// Publications that answered 304, marked seen together when the crawl finishes.
    private var touched: [String] = []
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

    /// The validators stored for `url`, for a conditional GET: what the previous crawls
    /// remembered (a crawl fetches a URL once, so its own writes are not asked for).
    public func validators(for url: String) throws -> HTTPValidators? {
        if storedValidators == nil {
            var all: [String: HTTPValidators] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT url, etag, last_modified FROM http_cache")
            while let row = try rows.next() {
                let v = HTTPValidators(etag: row[1], lastModified: row[2])
                if !v.isEmpty { all[row[0]] = v }
            }
            storedValidators = all
        }
        return storedValidators?[url]
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
    /// content changed, or only a new `last_seen`. Two statements write it: the version's id
    /// is chosen here (`nextVersionID`), so the publication row names it as it is written.
    @discardableResult
    public func store(_ e: EncodedPublication) throws -> StoreOutcome {
        let p = e.publication
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, content_hash FROM publication WHERE url = ?"), arguments: [p.url])
        let versionID = try nextVersionID()
        let id: Int64
        let outcome: StoreOutcome
        if let existing {
            id = existing["id"]
            let stored: String = existing["content_hash"]
            if stored == e.hash {
                try run("UPDATE publication SET last_seen = ? WHERE id = ?", arguments: [now, id])
                return .unchanged
            }
            if PageHash.isLegacy(stored), stored == PageHash.legacy(p) {
                // Hashed by an earlier release and unchanged: its hash is rewritten in today's
                // form, so the next crawl compares it the fast way.
                try run("UPDATE publication SET last_seen = ?, content_hash = ? WHERE id = ?", arguments: [now, e.hash, id])
                return .unchanged
            }
            try run(
                """
                UPDATE publication SET kind = ?, unit_id = ?, column_url = ?, feed_url = ?, title = ?, published = ?,
                  written = ?, index_number = ?, document_number = ?, publisher = ?, source = ?, content_hash = ?,
                  current_version_id = ?, last_seen = ?, last_changed = ?, version_count = version_count + 1
                WHERE id = ?
                """,
                arguments: columns(p) + [e.hash, versionID, now, now, id])
            outcome = .changed
        } else {
            try run(
                """
                INSERT INTO publication (kind, unit_id, column_url, feed_url, title, published, written,
                  index_number, document_number, publisher, source, content_hash, current_version_id, first_seen,
                  last_seen, last_changed, version_count, url, probe_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                """,
                arguments: columns(p) + [e.hash, versionID, now, now, now, p.url, probeID])
            id = db.lastInsertedRowID
            outcome = .new
        }
        try run(
            """
            INSERT INTO publication_version (id, publication_id, crawl_run_id, seen_at, content_hash, data, links)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [versionID, id, runID, now, e.hash, e.data, e.links])
        lastVersionID = versionID
        return outcome
    }

    /// The id the next version gets: past every id in use or ever used (the table is
    /// AUTOINCREMENT), read once per crawl, then counted here.
    private func nextVersionID() throws -> Int64 {
        if let lastVersionID { return lastVersionID + 1 }
        let highest = try Int64.fetchOne(
            db,
            sql: """
                SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'publication_version'), 0),
                           COALESCE((SELECT MAX(id) FROM publication_version), 0))
                """) ?? 0
        lastVersionID = highest
        return highest + 1
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

    /// Marks a publication seen in this crawl without reading it again (a 304). The rows are
    /// updated together by `finish()`, a few hundred to a statement.
    public func touchPublication(url: String) throws {
        touched.append(url)
    }

    /// Writes what the crawl kept for its end; called once, before the run is marked completed.
    func finish() throws {
        let chunk = 500
        for start in stride(from: 0, to: touched.count, by: chunk) {
            let urls = touched[start..<min(start + chunk, touched.count)]
            let marks = Array(repeating: "?", count: urls.count).joined(separator: ", ")
            try run(
                "UPDATE publication SET last_seen = ? WHERE url IN (\(marks))",
                arguments: StatementArguments([now] + urls.map(\.databaseValue)))
        }
        touched = []
    }

    /// Stores the latest snapshot of a listing page. A page stored as an article before it
    /// was read as a listing (an older database) stops being one: its versions go with it.
    public func store(_ listing: ListingPage, key: String, page: Int) throws {
        try run("DELETE FROM publication WHERE url = ? AND probe_id = ? AND kind = 'page'", arguments: [listing.url, probeID])
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

    /// What a page that answered 304 leads to, as last stored: its links and attachments,
    /// read without the page (versions before v10 are read whole).
    public func storedLinks(url: String) throws -> StoredLinks? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT p.kind, p.unit_id, v.links, v.data FROM publication p
                    JOIN publication_version v ON v.id = p.current_version_id WHERE p.url = ?
                    """), arguments: [url])
        else { return nil }
        let kind = PublicationKind(rawValue: row["kind"]) ?? .page
        let links: DatabaseValue = row["links"]
        if links.isNull {
            let p = try StoredVersion.publication(data: row["data"], links: links)
            return StoredLinks(url: url, kind: kind, unitID: row["unit_id"], links: p.links, attachments: p.attachments)
        }
        let (pageLinks, attachments) = try StoredVersion.links(links)
        return StoredLinks(url: url, kind: kind, unitID: row["unit_id"], links: pageLinks, attachments: attachments)
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
