import Foundation
import ZIPFoundation

/// Writes official documents (a notice, the year's 通报) as Word documents: hand-built
/// WordprocessingML (ECMA-376) in a ZIP made by ZIPFoundation. Layout of an official document
/// (GB/T 9704): A4, title in 小标宋 二号 centered, body in 仿宋 三号, first-line indent of two
/// characters, headings in 黑体.
public enum DocxWriter {
    /// One block of a document, top to bottom.
    enum Block {
        case title(String)
        case centered(String)
        case plain(String)
        case indented(String)
        case heading(String)
        case right(String)
        case blank
        /// A bordered table; each cell is its text and an optional small line under it (a URL).
        case table(header: [String], widths: [Int], rows: [[(String, String?)]])
    }

    static func document(_ notice: NoticeDocument) throws -> [UInt8] {
        try document([
            .title(notice.title), .centered(notice.number), .plain(notice.unit + "："), .indented(notice.opening),
            .table(
                header: ["序号", "问题", "依据条款", "扣分"], widths: [700, 5200, 2300, 800],
                rows: notice.items.map { [("\($0.index)", nil), ($0.description, $0.url), ($0.clause, nil), ($0.points, nil)] }),
            .indented(notice.requirement), .blank, .right(notice.issuer), .right(notice.issuedOn),
        ])
    }

    static func document(_ blocks: [Block]) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRels),
            ("word/_rels/document.xml.rels", documentRels),
            ("word/styles.xml", styles),
            ("word/document.xml", body(blocks)),
        ]
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw TemplateError(file: "document.docx", message: "the archive has no data") }
        return [UInt8](data)
    }

    private static func body(_ blocks: [Block]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            """
        for block in blocks {
            switch block {
            case .title(let t): xml += paragraph(t, align: "center", font: "方正小标宋简体", size: 44, after: 240)
            case .centered(let t): xml += paragraph(t, align: "center", after: 360)
            case .plain(let t): xml += paragraph(t)
            case .indented(let t): xml += paragraph(t, indent: true)
            case .heading(let t): xml += paragraph(t, indent: true, font: "黑体")
            case .right(let t): xml += paragraph(t, align: "right")
            case .blank: xml += paragraph("", after: 480)
            case .table(let header, let widths, let rows): xml += table(header: header, widths: widths, rows: rows)
            }
        }
        xml += """
            <w:sectPr><w:pgSz w:w="11906" w:h="16838"/>\
            <w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>\
            </w:sectPr></w:body></w:document>
            """
        return xml
    }

    private static func paragraph(
        _ text: String, align: String? = nil, indent: Bool = false, font: String? = nil, size: Int? = nil, after: Int? = nil
    ) -> String {
        var p = "<w:p><w:pPr>"
        if let after { p += "<w:spacing w:after=\"\(after)\"/>" }
        if indent { p += "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>" }
        if let align { p += "<w:jc w:val=\"\(align)\"/>" }
        p += "</w:pPr>"
        if !text.isEmpty { p += run(text, font: font, size: size) }
        return p + "</w:p>"
    }

    private static func run(_ text: String, font: String? = nil, size: Int? = nil) -> String {
        var r = "<w:r>"
        if font != nil || size != nil {
            r += "<w:rPr>"
            if let font { r += "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\"/>" }
            if let size { r += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
            r += "</w:rPr>"
        }
        return r + "<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    private static func table(header: [String], widths: [Int], rows: [[(String, String?)]]) -> String {
        func cell(_ text: String, _ width: Int, center: Bool = false, small: String? = nil) -> String {
            var c = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
            c += "<w:p><w:pPr><w:spacing w:line=\"340\" w:lineRule=\"exact\"/>" + (center ? "<w:jc w:val=\"center\"/>" : "")
            c += "</w:pPr>" + run(text, size: 24) + "</w:p>"
            if let small, !small.isEmpty {
                c += "<w:p><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"exact\"/></w:pPr>" + run(small, size: 16) + "</w:p>"
            }
            return c + "</w:tc>"
        }
        var t = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            t += "<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }
        t += "</w:tblBorders></w:tblPr><w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        t += "<w:tr>" + zip(header, widths).map { cell($0, $1, center: true) }.joined() + "</w:tr>"
        for row in rows {
            // Short cells (numbers, grades) are centred; text reads from the left.
            t += "<w:tr>" + zip(row, widths).map { c, w in cell(c.0, w, center: w <= 1600, small: c.1) }.joined() + "</w:tr>"
        }
        return t + "</w:tbl>"
    }

    /// `s` as XML text or a quoted attribute value (also for SVG); characters XML 1.0 forbids are dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\u{9}", "\u{A}", "\u{D}": out.unicodeScalars.append(ch)
            case _ where ch.value < 0x20 || ch.value == 0xFFFE || ch.value == 0xFFFF: continue  // not allowed in XML 1.0
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        </Types>
        """

    private static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        </Relationships>
        """

    private static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// 仿宋_GB2312 三号 (16 pt) by default, with 仿宋 where it is missing.
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr>\
        <w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:cs="仿宋"/>\
        <w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>\
        </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault>\
        </w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        </w:styles>
        """
}
