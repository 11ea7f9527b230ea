import CLibXML2
import Foundation

/// Why a workbook could not be read.
public struct SheetError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The sheets of an `.xlsx` workbook (Office Open XML, as Excel and WPS save it) as rows of
/// cell texts, read with ZIPFoundation and libxml2. Shared strings, inline strings and numbers
/// are read; a date cell comes back as Excel stores it (days since 1899-12-30, e.g. `46027`).
/// Members are read through `ZipMembers`, with size caps, so a ZIP bomb is refused rather than inflated.
public enum SheetReader {
    /// The largest member read (sheet or shared strings), uncompressed.
    public static let memberLimit = 64 << 20

    /// - Returns: each non-empty row with its row number (`r`, 1-based) and its cells by column.
    public static func rows(xlsx data: Data) throws -> [(row: Int, cells: [String])] {
        let archive: ZipMembers
        do {
            archive = try ZipMembers(data, memberLimit: memberLimit, totalLimit: 2 * memberLimit)
        } catch {
            throw SheetError(message: "not an .xlsx workbook (not a ZIP archive)")
        }
        do {
            let strings = try archive.read("xl/sharedStrings.xml").map(sharedStrings) ?? []
            guard let first = try sheetPaths(archive).first, let sheet = try archive.read(first.path) else {
                throw SheetError(message: "the workbook has no worksheet")
            }
            return try cells(sheet, strings: strings)
        } catch let error as ArchiveError {
            throw SheetError(message: error.message)
        }
    }

    /// Every sheet of the workbook, by name, as rows of cells; members are read within the
    /// reader's caps (a 1 GB sharedStrings is refused, not inflated).
    public static func sheets(xlsx archive: ZipMembers) throws -> [(name: String, rows: [(row: Int, cells: [String])])] {
        let strings = try archive.read("xl/sharedStrings.xml").map(sharedStrings) ?? []
        return try sheetPaths(archive).compactMap { sheet in
            guard let data = try archive.read(sheet.path) else { return nil }
            return (sheet.name, try cells(data, strings: strings))
        }
    }

    /// The `<sheet>`s of `xl/workbook.xml` in order, through their relationships.
    private static func sheetPaths(_ archive: ZipMembers) throws -> [(name: String, path: String)] {
        let fallback = [("Sheet1", "xl/worksheets/sheet1.xml")]
        guard let workbook = try archive.read("xl/workbook.xml"), let rels = try archive.read("xl/_rels/workbook.xml.rels")
        else { return fallback }
        let book = try document(workbook, "xl/workbook.xml")
        let relations = try document(rels, "xl/_rels/workbook.xml.rels")
        guard let root = book.root, let relRoot = relations.root,
            let sheets = XMLNodes.children(root).first(where: { XMLNodes.name($0) == "sheets" })
        else { return fallback }
        let targets = Dictionary(
            XMLNodes.children(relRoot).compactMap { r in
                XMLNodes.attribute(r, "Id").flatMap { id in XMLNodes.attribute(r, "Target").map { (id, $0) } }
            }, uniquingKeysWith: { a, _ in a })
        let found: [(name: String, path: String)] = XMLNodes.children(sheets).filter { XMLNodes.name($0) == "sheet" }.compactMap { sheet in
            // r:id (xmlGetProp ignores the namespace)
            guard let id = XMLNodes.attribute(sheet, "id"), let target = targets[id] else { return nil }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return (XMLNodes.attribute(sheet, "name") ?? path, path)
        }
        return found.isEmpty ? fallback : found
    }

    private static func document(_ data: Data, _ name: String) throws -> XMLDocument {
        do {
            return try data.withUnsafeBytes { try XMLDocument(body: $0, url: name) }
        } catch {
            throw SheetError(message: "\(name): \(error)")
        }
    }

    private static func sharedStrings(_ data: Data) throws -> [String] {
        let doc = try document(data, "xl/sharedStrings.xml")
        guard let root = doc.root else { return [] }
        return XMLNodes.children(root).filter { XMLNodes.name($0) == "si" }.map(text(of:))
    }

    /// The text of a string item: its `<t>` elements, without the phonetic runs (`<rPh>`).
    private static func text(of item: UnsafeMutablePointer<xmlNode>) -> String {
        var out = ""
        for child in XMLNodes.children(item) {
            switch XMLNodes.name(child) {
            case "t": out += XMLNodes.text(child) ?? ""
            case "r": out += XMLNodes.childText(child, "t") ?? ""
            default: break
            }
        }
        return out
    }

    private static func cells(_ data: Data, strings: [String]) throws -> [(row: Int, cells: [String])] {
        let doc = try document(data, "worksheet")
        guard let root = doc.root, let sheetData = XMLNodes.children(root).first(where: { XMLNodes.name($0) == "sheetData" })
        else { return [] }
        var out: [(Int, [String])] = []
        for (k, row) in XMLNodes.children(sheetData).enumerated() where XMLNodes.name(row) == "row" {
            let number = XMLNodes.attribute(row, "r").flatMap(Int.init) ?? k + 1
            var cells: [String] = []
            for (i, c) in XMLNodes.children(row).enumerated() where XMLNodes.name(c) == "c" {
                let column = XMLNodes.attribute(c, "r").map(columnIndex) ?? i
                let value: String
                switch XMLNodes.attribute(c, "t") {
                case "s":
                    let index = XMLNodes.childText(c, "v").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? -1
                    value = strings.indices.contains(index) ? strings[index] : ""
                case "inlineStr":
                    value = XMLNodes.children(c).first { XMLNodes.name($0) == "is" }.map(text(of:)) ?? ""
                default:
                    value = XMLNodes.childText(c, "v") ?? ""
                }
                guard column < 16_384 else { continue }  // Excel's last column is XFD
                while cells.count < column { cells.append("") }
                if cells.count == column { cells.append(value) } else { cells[column] = value }
            }
            if cells.contains(where: { !$0.isEmpty }) { out.append((number, cells)) }
        }
        return out
    }

    /// `C7` → 2 (columns from 0).
    static func columnIndex(_ reference: String) -> Int {
        var n = 0
        for byte in reference.utf8 {
            let letter = Int(byte & ~0x20)  // a–z as A–Z; digits end the column letters
            guard (65...90).contains(letter) else { break }
            n = n * 26 + letter - 64
        }
        return max(0, n - 1)
    }
}
