/// Masks personal numbers in a publication before it is stored, and records what it masked.
///
/// Full resident ID, bank card and listed mobile numbers never reach the database, the logs,
/// digests or exports: the stored title, body and attachment text hold them masked, and
/// `Publication.leaks` keeps the masked hits with where they were, for the leak rule.
public enum Redactor {
    /// At least this many different mobile numbers beside names make a list of people.
    public static let mobileListMinimum = 3

    /// Masks `p` in place. A publication without personal numbers is left exactly as it was.
    public static func redact(_ p: inout Publication, notAfterYear: Int) {
        var hits: [LeakHit] = []
        func text(_ s: String, location: String? = nil) -> String {
            let (masked, found) = LeakScanner.redact(s, notAfterYear: notAfterYear, location: location)
            hits += found
            return masked
        }
        p.title = text(p.title)
        p.bodyText = text(p.bodyText)
        if let parts = p.parts {
            p.parts = parts.map { part in
                part.isTable ? table(part, notAfterYear: notAfterYear, &hits) : lines(part, notAfterYear: notAfterYear, &hits)
            }
        }
        if !hits.isEmpty { p.leaks = (p.leaks ?? []) + hits }
    }

    /// Lines of text: numbers anywhere, and mobile numbers when the lines list people.
    private static func lines(_ part: TextPart, notAfterYear: Int, _ hits: inout [LeakHit]) -> TextPart {
        var out = part
        for (k, line) in part.lines.enumerated() {
            let (masked, found) = LeakScanner.redact(
                line, notAfterYear: notAfterYear, location: "\(part.location)第\(k + 1)行")
            out.lines[k] = masked
            hits += found
        }
        let rows = out.lines.enumerated().compactMap { k, line -> (Int, [Range<Int>])? in
            let b = Array(line.utf8)
            let numbers = LeakScanner.mobiles(b)
            return !numbers.isEmpty && hasNameToken(line) ? (k, numbers) : nil
        }
        maskMobiles(rows, in: &out, &hits)
        return out
    }

    /// Table rows: the header names each column's role (身份证号, 银行卡号, 手机, 姓名).
    private static func table(_ part: TextPart, notAfterYear: Int, _ hits: inout [LeakHit]) -> TextPart {
        var out = part
        var roles: [Int: LeakScanner.ColumnRole] = [:]
        var headerRow: Int?
        for (k, line) in part.lines.enumerated() {
            var cells = TextPart.cells(line)
            if headerRow == nil, k < 10 {
                let found = LeakScanner.roles(header: cells)
                if !found.isEmpty {
                    roles = found
                    headerRow = k
                    continue
                }
            }
            var found: [LeakHit] = []
            for (i, cell) in cells.enumerated() {
                let (masked, hits) = LeakScanner.redact(
                    cell, notAfterYear: notAfterYear, role: roles[i], location: "\(part.location)第\(k + 1)行")
                cells[i] = masked
                found += hits
            }
            out.lines[k] = cells.joined(separator: "\t")
            // A cell's context is its row: the name beside the number is what makes it a leak.
            let row = rowContext(out.lines[k])
            hits += found.map { hit in
                var h = hit
                h.context = row
                return h
            }
        }
        let hasNameColumn = roles.values.contains(.name)
        let rows = out.lines.enumerated().compactMap { k, line -> (Int, [Range<Int>])? in
            guard k != headerRow else { return nil }
            let cells = TextPart.cells(line)
            let numbers = LeakScanner.mobiles(Array(line.utf8))
            guard !numbers.isEmpty, hasNameColumn || cells.contains(where: isName) else { return nil }
            return (k, numbers)
        }
        maskMobiles(rows, in: &out, &hits)
        return out
    }

    /// When the rows hold enough different mobile numbers, masks them all and records them.
    private static func maskMobiles(_ rows: [(Int, [Range<Int>])], in part: inout TextPart, _ hits: inout [LeakHit]) {
        var distinct = Set<String>()
        for (k, ranges) in rows {
            let b = Array(part.lines[k].utf8)
            for r in ranges { distinct.insert(String(decoding: b[r], as: UTF8.self)) }
        }
        guard distinct.count >= mobileListMinimum else { return }
        for (k, ranges) in rows {
            let b = Array(part.lines[k].utf8)
            let matches = ranges.map { r in
                LeakScanner.Match(
                    range: r, kind: .mobileList, masked: LeakScanner.maskMobile(String(decoding: b[r], as: UTF8.self)))
            }
            let (masked, shifted) = LeakScanner.replacing(b, matches)
            part.lines[k] = String(decoding: masked, as: UTF8.self)
            for m in shifted {
                hits.append(
                    LeakHit(
                        kind: .mobileList, masked: m.masked,
                        context: part.isTable ? rowContext(part.lines[k]) : LeakScanner.context(masked, m.range, m.masked),
                        location: "\(part.location)第\(k + 1)行"))
            }
        }
    }

    /// A table row as evidence: its cells joined by ` | `, at most 80 characters.
    static func rowContext(_ line: String) -> String {
        let row = TextPart.cells(line).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " | ")
        return row.count > 80 ? String(row.prefix(80)) + "…" : row
    }

    /// A cell that reads as a person's name: two to four Han characters, not a word of an
    /// office's contacts (联系电话, 值班室) nor the name of a place or body (五岔沟镇, 财政局).
    static func isName(_ cell: String) -> Bool {
        let s = cell.trimmingWhitespace()
        let scalars = s.unicodeScalars
        guard (2...4).contains(scalars.count), scalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) || $0 == "·" })
        else { return false }
        return !contactWords.contains { s.contains($0) } && !bodySuffixes.contains { s.hasSuffix($0) }
    }

    static let contactWords = [
        "电话", "手机", "联系", "热线", "咨询", "投诉", "传真", "值班", "办公", "服务", "举报", "地址", "邮箱", "单位", "部门", "号码",
    ]
    static let bodySuffixes = [
        "镇", "乡", "村", "局", "委", "办", "站", "所", "室", "队", "院", "厅", "处", "科", "部", "会", "司", "馆", "组", "区", "街道", "社区",
        "中心", "公司", "政府",
    ]

    /// A line with a name among its words (words split by white space and list punctuation).
    static func hasNameToken(_ line: String) -> Bool {
        line.split(whereSeparator: { $0.isWhitespace || "、，,|；;：:".contains($0) }).contains { isName(String($0)) }
    }
}
