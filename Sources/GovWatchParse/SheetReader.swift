import CLibXML2
import Foundation
import ZIPFoundation

/// Why a workbook could not be read.
public struct SheetError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The first sheet of an `.xlsx` workbook (Office Open XML, as Excel and WPS save it) as rows of
/// cell texts, read with ZIPFoundation and libxml2. Shared strings, inline strings and numbers
/// are read; a date cell comes back as Excel stores it (days since 1899-12-30, e.g. `46027`).
/// Members are read with a size cap, so a ZIP bomb is refused rather than inflated.
public enum SheetReader {
    /// The largest member read (sheet or shared strings), uncompressed.
    public static let memberLimit = 64 << 20

    /// - Returns: each non-empty row with its row number (`r`, 1-based) and its cells by column.
    public static func rows(xlsx data: Data) throws -> [(row: Int, cells: [String])] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw SheetError(message: "not an .xlsx workbook (not a ZIP archive)")
        }
        let strings = try member(archive, "xl/sharedStrings.xml").map(sharedStrings) ?? []
        guard let sheet = try member(archive, try firstSheetPath(archive)) else {
            throw SheetError(message: "the workbook has no worksheet")
        }
        return try cells(sheet, strings: strings)
    }

    private static func member(_ archive: Archive, _ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(memberLimit) else {
            throw SheetError(message: "\(path) is larger than \(memberLimit >> 20) MB uncompressed")
        }
        var out = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if out.count > memberLimit { throw SheetError(message: "\(path) inflates past \(memberLimit >> 20) MB") }
            }
        } catch let error as SheetError {
            throw error
        } catch {
            throw SheetError(message: "\(path) cannot be read: \(error)")
        }
        return out
    }

    /// The first `<sheet>` of `xl/workbook.xml`, through its relationship.
    private static func firstSheetPath(_ archive: Archive) throws -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook = try member(archive, "xl/workbook.xml"), let rels = try member(archive, "xl/_rels/workbook.xml.rels")
        else { return fallback }
        let book = try document(workbook, "xl/workbook.xml")
        guard let root = book.root,
            let sheets = XMLNodes.children(root).first(where: { XMLNodes.name($0) == "sheets" }),
            let sheet = XMLNodes.children(sheets).first(where: { XMLNodes.name($0) == "sheet" }),
            let id = XMLNodes.attribute(sheet, "id")  // r:id (xmlGetProp ignores the namespace)
        else { return fallback }
        let relations = try document(rels, "xl/_rels/workbook.xml.rels")
        guard let relRoot = relations.root,
            let target = XMLNodes.children(relRoot).first(where: { XMLNodes.attribute($0, "Id") == id })
                .flatMap({ XMLNodes.attribute($0, "Target") })
        else { return fallback }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
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
