import CByteSearch
import Foundation

/// Text gathered from a page's text nodes with white space folded as it arrives: runs become
/// one space, the ends are trimmed (U+00A0 and the ideographic space U+3000 count as white
/// space). Works on UTF-8 bytes, with no string made until `take()`.
struct TextBuffer {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    /// True when no visible character has arrived.
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends UTF-8 bytes.
    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < b.count {
            let width = Self.spaceWidth(b, at: i)
            if width > 0 {
                pendingSpace = !bytes.isEmpty
                i += width
                continue
            }
            // A run of visible bytes goes in at once; only bytes that may start white space
            // (ASCII controls and space, the lead bytes of U+00A0 and U+3000) are looked at
            // twice. The scan for them takes sixteen bytes at a time (`gw_visible_prefix`).
            var end = i + 1
            while end < b.count {
                end += gw_visible_prefix(b.baseAddress! + end, b.count - end)
                if end == b.count || Self.spaceWidth(b, at: end) > 0 { break }
                end += 1
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<end]))
            i = end
        }
    }

    /// The length of the white space character at `i`, 0 when there is none.
    @inline(__always)
    private static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c <= 0x20 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        if c == 0xC2 { return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0 }
        if c == 0xE3 { return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0 }
        return 0
    }

    /// The text so far, leaving the buffer empty.
    mutating func take() -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        removeAll()
        return s
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
    }
}

extension String {
    /// White space runs folded to one space, ends trimmed (U+00A0 and the ideographic space
    /// U+3000 count as white space).
    func collapsingWhitespace() -> String {
        var buffer = TextBuffer()
        var copy = self
        copy.withUTF8 { buffer.append($0) }
        return buffer.take()
    }
}

extension Collection where Element == UInt8 {
    /// True when `needle` occurs in these bytes (a plain byte search, no Unicode folding).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        let found = withContiguousStorageIfAvailable { hay in
            needle.withUnsafeBufferPointer { Self.search(hay, $0) }
        }
        return found ?? (firstIndex(ofBytes: needle) != nil)
    }

    /// memchr for the needle's first byte, memcmp for the rest.
    private static func search(
        _ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard let base = hay.baseAddress, let n = needle.baseAddress, needle.count > 0 else {
            return needle.isEmpty
        }
        var offset = 0
        while hay.count - offset >= needle.count {
            guard let hit = memchr(base + offset, Int32(n.pointee), hay.count - offset - needle.count + 1)
            else { return false }
            let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + at, n, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }

    /// Where `needle` first occurs in these bytes.
    func firstIndex(ofBytes needle: [UInt8]) -> Index? {
        guard let first = needle.first, count >= needle.count else { return nil }
        var i = startIndex
        while let hit = self[i...].firstIndex(of: first) {
            if self[hit...].starts(with: needle) { return hit }
            i = index(after: hit)
        }
        return nil
    }
}
