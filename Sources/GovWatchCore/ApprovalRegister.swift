/// One row of the approval register (审批台账): who reviewed and approved a publication.
public struct ApprovalRecord: Sendable, Hashable, Codable {
    public var url: String
    public var title: String
    public var unit: String
    public var reviewer: String
    public var reviewDate: CivilDate?
    public var approver: String
    public var approvalDate: CivilDate?
    /// 保密审查意见: 主动公开 / 依申请公开 / 免于公开 / 需报审.
    public var secrecyOpinion: String
    /// 是否敏感 = 是.
    public var sensitive: Bool
    /// 市政府办公室审批人, required for sensitive items.
    public var cityOfficeApprover: String
    /// The row's line in the file.
    public var line: Int
}

/// The approval register CSV, read leniently: a malformed row is reported with its line
/// number and skipped, never fatal.
public struct ApprovalRegister: Sendable, Hashable {
    public static let header = ["链接", "标题", "发布单位", "审核人", "审核日期", "审批人", "审批日期", "保密审查意见", "是否敏感", "市政府办公室审批人"]

    public var records: [ApprovalRecord]
    /// `file:line: reason` for every row that was skipped.
    public var problems: [String]

    /// Parses the register's text (UTF-8; a BOM, CRLF and quoted fields are accepted; dates
    /// as `2025-03-05`, `2025/3/5` or `2025年3月5日`).
    public init(text: String, file: String) {
        records = []
        problems = []
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let rows = CSV.rows(body)
        guard let (headerLine, header) = rows.first else {
            problems.append("\(file):1: the register is empty (expected the header \(Self.header.joined(separator: ",")))")
            return
        }
        let columns = RegisterColumns(header: header)
        let missing = columns.missing(Self.header)
        guard missing.isEmpty else {
            problems.append("\(file):\(headerLine): missing column(s) \(missing.joined(separator: ", ")) in the header")
            return
        }
        for (line, fields) in rows.dropFirst() {
            if fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            guard fields.count == columns.count else {
                problems.append("\(file):\(line): expected \(columns.count) fields, found \(fields.count); row skipped")
                continue
            }
            func field(_ name: String) -> String { columns.cell(name, in: fields) }
            func date(_ name: String) -> (CivilDate?, String?) {
                let text = field(name)
                if text.isEmpty { return (nil, nil) }
                guard let d = DateScanner.firstDate(in: text)?.date else {
                    return (nil, "\(file):\(line): \(name) '\(text)' is not a date; row skipped")
                }
                return (d, nil)
            }
            let (review, reviewProblem) = date("审核日期")
            let (approval, approvalProblem) = date("审批日期")
            if let p = reviewProblem ?? approvalProblem {
                problems.append(p)
                continue
            }
            guard !field("链接").isEmpty || !field("标题").isEmpty else {
                problems.append("\(file):\(line): neither 链接 nor 标题 given; row skipped")
                continue
            }
            records.append(
                ApprovalRecord(
                    url: field("链接"), title: field("标题"), unit: field("发布单位"), reviewer: field("审核人"),
                    reviewDate: review, approver: field("审批人"), approvalDate: approval,
                    secrecyOpinion: field("保密审查意见"), sensitive: field("是否敏感") == "是",
                    cityOfficeApprover: field("市政府办公室审批人"), line: line))
        }
    }
}

/// RFC 4180 CSV: quoted fields with doubled quotes and line breaks, CRLF or LF.
public enum CSV {
    /// The rows with the line each starts on.
    public static func rows(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(field)
            rows.append((rowLine, fields))
            fields = []
            field = ""
        }
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\r": break
            case "\n":
                endRow()
                line += 1
                rowLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
