import Foundation
import GRDB
import GovWatchCore

/// A stored publication with its bookkeeping.
public struct StoredPublication: Sendable, Hashable, Codable {
    public var publication: Publication
    public var probeID: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var versionCount: Int
}

extension AppDatabase {
    /// Publications, newest first, optionally of one unit.
    public func publications(unitID: String? = nil, limit: Int? = nil) throws -> [StoredPublication] {
        try writer.read { db in
            var sql = """
                SELECT v.data, v.links, p.probe_id, p.first_seen, p.last_seen, p.version_count
                FROM publication p JOIN publication_version v ON v.id = p.current_version_id
                """
            var args: StatementArguments = []
            if let unitID {
                sql += " WHERE p.unit_id = ?"
                args += [unitID]
            }
            sql += " ORDER BY p.published DESC, p.url"
            if let limit { sql += " LIMIT \(max(0, limit))" }
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                StoredPublication(
                    publication: try StoredVersion.publication(data: row["data"], links: row["links"]), probeID: row["probe_id"],
                    firstSeen: row["first_seen"], lastSeen: row["last_seen"], versionCount: row["version_count"])
            }
        }
    }

    /// Number of stored versions of the publication at `url` (0 when unknown).
    public func versionCount(url: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM publication_version v JOIN publication p ON p.id = v.publication_id WHERE p.url = ?",
                arguments: [url]) ?? 0
        }
    }

    /// Total rows of each table, for summaries and tests.
    public func counts() throws -> [String: Int] {
        try writer.read { db in
            var out: [String: Int] = [:]
            for table in ["crawl_run", "fetch_result", "publication", "publication_version", "listing_page"] {
                out[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return out
        }
    }

    /// Stored listing pages of a listing key (a column URL, `homepage`, `catalogue:UNIT` …).
    public func listingPages(key: String) throws -> [ListingPage] {
        try writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT data FROM listing_page WHERE listing_key = ? ORDER BY page", arguments: [key]
            ).map { try JSONDecoder().decode(ListingPage.self, from: Data($0.utf8)) }
        }
    }
}
