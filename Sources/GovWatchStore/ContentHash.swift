import Foundation
import GovWatchCore

/// The fingerprint of stored content (FNV-1a, 16 hex digits).
enum ContentHash {
    static func of(_ data: Data) -> String { FNV1a.hex(data) }
}
