/// The file extension of a URL's last path segment.
public enum FileExtension {
    /// The lower-cased extension (`pdf`, `html`), nil when the last segment has none.
    /// Query and fragment are ignored; extensions longer than 8 bytes are not extensions.
    public static func of(_ url: String) -> String? {
        var url = url
        return url.withUTF8 { bytes in
            // The path ends at the first `?` or `#`.
            var end = 0
            while end < bytes.count, bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") { end += 1 }
            var i = end
            var capitals = false
            while i > 0 {
                let c = bytes[i - 1]
                if c == UInt8(ascii: ".") {
                    guard i < end else { return nil }
                    let ext = UnsafeBufferPointer(rebasing: bytes[i..<end])
                    // An extension is at most 8 bytes: it fits a small string, which allocates nothing.
                    return capitals ? String(decoding: ext, as: UTF8.self).lowercased() : String(decoding: ext, as: UTF8.self)
                }
                if c == UInt8(ascii: "/") || end - i == 8 { return nil }
                capitals = capitals || c >= 0x80 || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                i -= 1
            }
            return nil
        }
    }

    /// The attachment types govwatch reads for leaks (附件): documents, workbooks, PDFs,
    /// archives, text. `.ppt`, `.rar`, `.7z` and `.ofd` are linked too, but not read.
    public static let readableAttachments: Set<String> = [
        "pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "odt", "ods", "rtf", "zip", "txt", "csv",
    ]
}
