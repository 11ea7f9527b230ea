import CLibXML2
import Foundation
import GovWatchCore

/// The text of Office Open XML (`.docx`, `.xlsx`) and OpenDocument (`.odt`, `.ods`) files, read
/// with the project's ZIP and XML libraries: paragraphs as lines, tables and sheets as rows of
/// cells, headers and footers (where 密级 marks sit) as parts of their own.
public enum OfficeText {
    /// A Word document: body paragraphs (`正文`), each table (`表格N`), headers and footers (`页眉`, `页脚`).
    public static func docx(_ archive: ZipMembers) throws -> [TextPart] {
        guard let body = try archive.read("word/document.xml") else { throw ArchiveError("no word/document.xml") }
        var parts = try flow(body, name: "word/document.xml", vocabulary: .word, location: "正文")
        for path in archive.paths.sorted() where path.hasPrefix("word/header") || path.hasPrefix("word/footer") {
            guard path.hasSuffix(".xml"), let data = try archive.read(path) else { continue }
            let location = path.hasPrefix("word/header") ? "页眉" : "页脚"
            parts += try flow(data, name: path, vocabulary: .word, location: location).filter { !$0.lines.isEmpty }
        }
        return parts
    }

    /// A workbook: one table part per sheet (`工作表「名单」`).
    public static func xlsx(_ archive: ZipMembers) throws -> [TextPart] {
        try SheetReader.sheets(xlsx: archive).map { sheet in
            var lines: [String] = []
            for (row, cells) in sheet.rows {
                // Rows keep their numbers (an empty row stays empty), up to a gap of 1,000.
                while lines.count < row - 1, row - 1 - lines.count <= 1000 { lines.append("") }
                lines.append(cells.map(cellText).joined(separator: "\t"))
            }
            return TextPart(location: "工作表「\(sheet.name)」", lines: lines, isTable: true)
        }
    }

    /// An OpenDocument text or spreadsheet: its `content.xml`, paragraphs and tables; each
    /// spreadsheet table is a sheet.
    public static func odf(_ archive: ZipMembers) throws -> [TextPart] {
        guard let content = try archive.read("content.xml") else { throw ArchiveError("no content.xml") }
        var parts = try flow(content, name: "content.xml", vocabulary: .openDocument, location: "正文")
        if let styles = try archive.read("styles.xml") {  // page headers and footers live here
            parts += try flow(styles, name: "styles.xml", vocabulary: .openDocument, location: "页眉页脚")
                .filter { !$0.lines.isEmpty }
        }
        return parts
    }

    private static func cellText(_ s: String) -> String {
        s.contains("\t") || s.contains("\n") ? s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") : s
    }

    /// The element names of one family of formats.
    struct Vocabulary {
        var paragraph: Set<String>
        var table: String
        var row: String
        var cell: String
        var text: Set<String>
        var tab: Set<String>
        var lineBreak: Set<String>
        /// Table names (ODF `table:name`) and repeat counts (`number-columns-repeated`).
        var tableName: String?
        var columnsRepeated: String?

        static let word = Vocabulary(
            paragraph: ["p"], table: "tbl", row: "tr", cell: "tc", text: ["t"], tab: ["tab"], lineBreak: ["br", "cr"])
        static let openDocument = Vocabulary(
            paragraph: ["p", "h"], table: "table", row: "table-row", cell: "table-cell", text: [], tab: ["tab"],
            lineBreak: ["line-break"], tableName: "name", columnsRepeated: "number-columns-repeated")
    }

    /// Paragraphs as lines of a `location` part, and each table as a part of its own.
    static func flow(_ data: Data, name: String, vocabulary v: Vocabulary, location: String) throws -> [TextPart] {
        let doc: XMLDocument
        do {
            doc = try data.withUnsafeBytes { try XMLDocument(body: $0, url: name) }
        } catch {
            throw ArchiveError("\(name): \(error)")
        }
        guard let root = doc.root else { return [] }
        var main = TextPart(location: location, lines: [])
        var tables: [TextPart] = []
        func walk(_ node: UnsafeMutablePointer<xmlNode>) {
            for child in XMLNodes.children(node) {
                let n = XMLNodes.name(child)
                if n == v.table {
                    let title = v.tableName.flatMap { XMLNodes.attribute(child, $0) }
                    let label = title.map { "工作表「\($0)」" } ?? "表格\(tables.count + 1)"
                    tables.append(TextPart(location: label, lines: rows(child, v), isTable: true))
                } else if v.paragraph.contains(n) {
                    let line = text(child, v)
                    if !line.trimmingWhitespace().isEmpty { main.lines.append(line) }
                } else {
                    walk(child)
                }
            }
        }
        walk(root)
        return [main] + tables
    }

    private static func rows(_ table: UnsafeMutablePointer<xmlNode>, _ v: Vocabulary) -> [String] {
        var out: [String] = []
        func collect(_ node: UnsafeMutablePointer<xmlNode>) {
            for child in XMLNodes.children(node) {
                let n = XMLNodes.name(child)
                if n == v.row {
                    var cells: [String] = []
                    for cell in XMLNodes.children(child) where XMLNodes.name(cell) == v.cell || XMLNodes.name(cell) == "covered-table-cell" {
                        let value = cellText(text(cell, v))
                        let repeats = v.columnsRepeated.flatMap { XMLNodes.attribute(cell, $0) }.flatMap(Int.init) ?? 1
                        // ODF repeats empty cells to the sheet's edge; only a few real ones repeat.
                        for _ in 0..<(value.isEmpty ? 1 : min(max(1, repeats), 64)) { cells.append(value) }
                    }
                    while cells.last == "" { cells.removeLast() }
                    out.append(cells.joined(separator: "\t"))
                } else if n != v.table {
                    collect(child)  // table-header-rows, table-row-group …
                }
            }
        }
        collect(table)
        while out.last == "" { out.removeLast() }
        return out
    }

    /// The text of a paragraph or cell: text runs, tabs as spaces, paragraphs of a cell joined.
    private static func text(_ node: UnsafeMutablePointer<xmlNode>, _ v: Vocabulary) -> String {
        var out = ""
        func walk(_ n: UnsafeMutablePointer<xmlNode>) {
            var c = n.pointee.children
            while let child = c {
                defer { c = child.pointee.next }
                if child.pointee.type == XML_TEXT_NODE {
                    // Word keeps text only in <w:t>; OpenDocument has it directly in paragraphs.
                    if v.text.isEmpty || v.text.contains(XMLNodes.name(n)) {
                        if let content = child.pointee.content { out += String(cString: content) }
                    }
                    continue
                }
                guard child.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = XMLNodes.name(child)
                if v.tab.contains(name) || name == "s" {
                    out += " "
                } else if v.lineBreak.contains(name) {
                    out += " "
                } else if v.paragraph.contains(name), !out.isEmpty {
                    out += " "
                    walk(child)
                } else if name != "instrText", name != "delText" {
                    walk(child)
                }
            }
        }
        walk(node)
        return out
    }
}
