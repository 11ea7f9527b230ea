import CByteSearch

/// Substring search on UTF-8 bytes, for the scanners that read every publication's text.
enum ByteSearch {
    /// The first index at or after `from` where `needle` starts in `bytes` (glibc's `memmem`:
    /// a check scans every stored body several times, and a byte-by-byte loop was a fifth of it).
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, from >= 0, from <= bytes.count, bytes.count - from >= needle.count else { return nil }
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { n in
                guard let found = gw_memmem(haystack.baseAddress! + from, haystack.count - from, n.baseAddress!, n.count) else {
                    return nil
                }
                return haystack.baseAddress!.distance(to: UnsafeRawPointer(found))
            }
        }
    }
}
