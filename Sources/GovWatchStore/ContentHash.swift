import Foundation
import GovWatchCore

/// The fingerprint of stored content (FNV-1a, 16 hex digits).
enum ContentHash {
    static func of(_ data: Data) -> String { FNV1a.hex(data) }
}

/// The content identity of a publication's stored version (`publication.content_hash`).
///
/// Today's form is `x` and 16 hex digits: XXH64 over the version's stored JSON (links left
/// out), seeded with XXH64 of its link list (`StoredVersion`), the two byte strings the crawl
/// makes anyway to store the version. Releases before hashed the whole JSON, links inside,
/// with FNV-1a (16 hex digits, no `x`): a stored hash of that form is compared by making that
/// JSON once more (`legacy`), and replaced by today's form when it matches.
enum PageHash {
    /// Today's hash of a version whose stored JSON is `json` and link list `links`.
    static func of(json: [UInt8], links: [UInt8]) -> String {
        "x" + XXH64.hash(json, seed: XXH64.hash(links)).hexDigits
    }

    /// True for a hash of the earlier form.
    static func isLegacy(_ hash: String) -> Bool { hash.utf8.count == 16 }

    /// The hash an earlier release gave `p`: FNV-1a of its whole JSON.
    static func legacy(_ p: Publication) -> String { FNV1a.hex(PublicationJSON.encode(p)) }
}
