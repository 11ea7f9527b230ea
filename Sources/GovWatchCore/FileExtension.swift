/// The file extension of a URL's last path segment.
public enum FileExtension {
    /// The lower-cased extension (`pdf`, `html`), nil when the last segment has none.
    /// Query and fragment are ignored; extensions longer than 8 bytes are not extensions.
    public static func of(_ url: String) -> String? {
        let bytes = url.utf8
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        var i = end
        var n = 0
        while i > bytes.startIndex {
            let before = bytes.index(before: i)
            let c = bytes[before]
            if c == UInt8(ascii: ".") {
                guard n > 0 else { return nil }
                return String(url[i..<end]).lowercased()
            }
            if c == UInt8(ascii: "/") || n == 8 { return nil }
            n += 1
            i = before
        }
        return nil
    }

    /// The attachment types govwatch reads for leaks (附件): documents, workbooks, PDFs,
    /// archives, text. `.ppt`, `.rar`, `.7z` and `.ofd` are linked too, but not read.
    public static let readableAttachments: Set<String> = [
        "pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "odt", "ods", "rtf", "zip", "txt", "csv",
    ]
}
