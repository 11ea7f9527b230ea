import Foundation
import GovWatchParse

/// What an attachment is, from its bytes first and its name second: offices rename files
/// (`名单.xls` that is really `.xlsx`, `.wps` that is a Word 97 file), so the magic decides.
public enum AttachmentFormat: String, Sendable, Hashable, CaseIterable {
    case pdf, docx, xlsx, odt, ods, zip
    /// A Word 97–2003 file, or a Kingsoft WPS 文字 file in the same compound format.
    case doc
    /// An Excel 97–2003 (BIFF) workbook, or a WPS 表格 `.et` in the same format.
    case xls
    case rtf
    /// Plain text, CSV or HTML: read as pages are.
    case text
    /// Not a format govwatch reads (images, media, old WPS 4.0 files …).
    case unknown

    /// Reads the format of `data` named `name`.
    public static func of(_ data: Data, name: String) -> AttachmentFormat {
        let ext = name.split(separator: "?").first.map { String($0) }.flatMap { n in
            n.lastIndex(of: ".").map { String(n[n.index(after: $0)...]).lowercased() }
        } ?? ""
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return compound(data, ext: ext) }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipped(data) }
        if ["txt", "csv", "htm", "html"].contains(ext), !data.prefix(4096).contains(0) { return .text }
        return .unknown
    }

    /// An OLE2 compound file: Word if it has a `WordDocument` stream, Excel if `Workbook`/`Book`.
    private static func compound(_ data: Data, ext: String) -> AttachmentFormat {
        func utf16(_ s: String) -> Data { Data(s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }
        if data.range(of: utf16("WordDocument")) != nil { return .doc }
        if data.range(of: utf16("Workbook")) != nil || data.range(of: utf16("Book")) != nil { return .xls }
        switch ext {
        case "doc", "wps", "dot": return .doc
        case "xls", "et", "xlt": return .xls
        default: return .unknown
        }
    }

    /// A ZIP: which document it is, by the members it holds.
    private static func zipped(_ data: Data) -> AttachmentFormat {
        guard let archive = try? ZipMembers(data, memberLimit: 1 << 10, totalLimit: 1 << 10) else { return .unknown }
        if archive.contains("word/document.xml") { return .docx }
        if archive.contains("xl/workbook.xml") { return .xlsx }
        if archive.contains("content.xml"), let mime = try? archive.read("mimetype") {
            let type = String(decoding: mime, as: UTF8.self)
            if type.contains("opendocument.text") { return .odt }
            if type.contains("opendocument.spreadsheet") { return .ods }
        }
        return .zip
    }
}
