import Foundation

/// The file extension of a URL's last path segment.
public enum FileExtension {
    /// The lower-cased extension (`pdf`, `html`), nil when the last segment has none.
    /// Query and fragment are ignored; extensions longer than 8 bytes are not extensions.
    public static func of(_ url: String) -> String? {
        var url = url
        return url.withUTF8 { bytes in
            extensionRange(bytes).map { range in
                let ext = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                // An extension is at most 8 bytes: it fits a small string, which allocates nothing.
                return bytes[range].contains { $0 >= 0x80 || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
                    ? ext.lowercased() : ext
            }
        }
    }

    /// Where the extension of the URL in `bytes` is, without its dot; nil when it has none.
    static func extensionRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // The path ends at the first `?` or `#` (memchr: most URLs have neither, and are read whole).
        guard let base = bytes.baseAddress else { return nil }
        var end = bytes.count
        if let q = memchr(base, Int32(UInt8(ascii: "?")), end) { end = UnsafePointer(q.assumingMemoryBound(to: UInt8.self)) - base }
        if let h = memchr(base, Int32(UInt8(ascii: "#")), end) { end = UnsafePointer(h.assumingMemoryBound(to: UInt8.self)) - base }
        var i = end
        while i > 0 {
            let c = bytes[i - 1]
            if c == UInt8(ascii: ".") { return i < end ? i..<end : nil }
            if c == UInt8(ascii: "/") || end - i == 8 { return nil }
            i -= 1
        }
        return nil
    }

    /// The attachment types govwatch reads for leaks (附件): documents, workbooks, PDFs,
    /// archives, text. `.ppt`, `.rar`, `.7z` and `.ofd` are linked too, but not read.
    public static let readableAttachments: FileExtensionSet = [
        "pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "odt", "ods", "rtf", "zip", "txt", "csv",
    ]
}

/// Extensions (ASCII, any case) that URLs are tested against with no string made and
/// nothing hashed: each is its lower-cased bytes packed into an integer, and a URL's
/// extension is packed the same way. Every link of every page is tested, twice.
public struct FileExtensionSet: Sendable, ExpressibleByArrayLiteral {
    private let keys: [UInt64]

    public init(arrayLiteral names: String...) {
        keys = names.compactMap { name in
            var name = name
            return name.withUTF8 { Self.key($0[...]) }
        }
    }

    /// True when the URL's extension is one of these; `whenNone` answers for a URL without one.
    public func contains(extensionOf url: String, whenNone: Bool = false) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            guard let range = FileExtension.extensionRange(bytes) else { return whenNone }
            return Self.key(bytes[range]).map(keys.contains) ?? false
        }
    }

    /// True when `name`, an extension without its dot, is one of these (any case).
    public func contains(_ name: some StringProtocol) -> Bool {
        Self.key(name.utf8).map(keys.contains) == true
    }

    /// Up to 8 ASCII bytes, lower-cased, packed; nil for anything else.
    private static func key<C: Collection<UInt8>>(_ bytes: C) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in bytes {
            guard b < 0x80 else { return nil }
            key = key << 8 | UInt64(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b)
        }
        return key
    }
}
