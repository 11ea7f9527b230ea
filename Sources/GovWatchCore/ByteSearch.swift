/// Substring search on UTF-8 bytes, for the scanners that read every publication's text.
enum ByteSearch {
    /// The first index at or after `from` where `needle` starts in `bytes`.
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= bytes.count {
            if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
