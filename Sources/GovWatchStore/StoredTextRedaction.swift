import Foundation
import GRDB
import GovWatchCore

/// The v6 migration's work: databases written before it hold the full personal numbers of the
/// pages they stored (`publication_version.data`, `publication.title`). Each stored version is
/// redacted as a crawl now redacts it, re-encoded the way a crawl encodes it, and given the
/// new content hash, so the next crawl of an unchanged page finds it unchanged. Versions with
/// nothing to mask are not rewritten.
enum StoredTextRedaction {
    static func run(_ db: Database) throws {
        let year = LocalMinute(unixSeconds: Date().timeIntervalSince1970).date.year  // this year in Shanghai
        let rows = try Row.fetchCursor(db, sql: "SELECT id, publication_id, data FROM publication_version")
        var rewritten: [(id: Int64, publication: Int64, json: String, hash: String, title: String)] = []
        while let row = try rows.next() {
            let data: String = row["data"]
            guard let original = try? JSONDecoder().decode(Publication.self, from: Data(data.utf8)) else { continue }
            var p = original
            Redactor.redact(&p, notAfterYear: year)
            guard p != original else { continue }
            let json = PublicationJSON.encode(p)  // v6 stores JSON text, the links inside
            rewritten.append((row["id"], row["publication_id"], String(decoding: json, as: UTF8.self), FNV1a.hex(json), p.title))
        }
        for r in rewritten {
            try db.execute(
                sql: "UPDATE publication_version SET data = ?, content_hash = ? WHERE id = ?", arguments: [r.json, r.hash, r.id])
            try db.execute(
                sql: "UPDATE publication SET content_hash = ?, title = ? WHERE id = ? AND current_version_id = ?",
                arguments: [r.hash, r.title, r.publication, r.id])
        }
    }
}
