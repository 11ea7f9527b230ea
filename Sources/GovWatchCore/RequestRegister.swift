/// One application for disclosure (依申请公开) in the register (登记台账) an office keeps.
public struct RequestRecord: Sendable, Hashable, Codable {
    /// 申请编号, unique in the register.
    public var number: String
    /// The unit that accepted it (受理单位), resolved to a unit id.
    public var unitID: String
    public var received: CivilDate
    /// 补正告知日期 / 补正收到日期: the applicant was asked to correct the application.
    public var correctionAsked: CivilDate?
    public var correctionReceived: CivilDate?
    /// 征求意见日期 / 意见答复日期: a third party was consulted (条例 第三十二条).
    public var consulted: CivilDate?
    public var consultationAnswered: CivilDate?
    /// 延期告知日期 / 延期批准人.
    public var extensionNotified: CivilDate?
    public var extensionApprover: String
    /// 答复日期; nil while it is not answered.
    public var answered: CivilDate?
    /// 答复类型: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理.
    public var answerType: String
    /// 收费金额 in yuan, 0 when empty.
    public var fee: Double
    /// 收费依据.
    public var feeBasis: String
    /// 复议结果 / 诉讼结果.
    public var reviewOutcome: String
    public var lawsuitOutcome: String
    /// The row in the file (1 = the header).
    public var row: Int
}

/// The request register, read from rows of cells (a CSV or the first sheet of an `.xlsx`):
/// the first row names the columns. A bad row is reported as `file:row: column: reason` and
/// left out; the other rows are still read.
public struct RequestRegister: Sendable, Hashable {
    public static let required = ["申请编号", "受理单位", "收到日期"]
    public static let optional = [
        "补正告知日期", "补正收到日期", "征求意见日期", "意见答复日期", "延期告知日期", "延期批准人", "答复日期", "答复类型",
        "收费金额", "收费依据", "复议结果", "诉讼结果",
    ]
    public static let answerTypes = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]

    public var records: [RequestRecord]
    /// `file:row: column: reason` for every row left out (and for a register that cannot be read).
    public var problems: [String]

    /// - Parameters:
    ///   - rows: the cells of each row with its row number; the first is the header.
    ///   - units: the probe's units, which `受理单位` names by id, name, full name or alias.
    public init(rows: [(row: Int, cells: [String])], file: String, units: [UnitDefinition]) {
        records = []
        problems = []
        guard let (headerRow, header) = rows.first else {
            problems.append("\(file):1: the register is empty (expected a header with \(Self.required.joined(separator: ", ")))")
            return
        }
        let columns = RegisterColumns(header: header)
        let missing = columns.missing(Self.required)
        guard missing.isEmpty else {
            problems.append("\(file):\(headerRow): missing required column(s) \(missing.joined(separator: ", ")) in the header")
            return
        }
        var seen: [String: Int] = [:]
        for (row, cells) in rows.dropFirst() where !cells.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            var reader = RowReader(cells: cells, columns: columns, file: file, row: row)
            let record = reader.record(units: units)
            if let problem = reader.problem {
                problems.append(problem + "; row left out")
            } else if let record {
                if let first = seen[record.number] {
                    problems.append("\(file):\(row): 申请编号: '\(record.number)' is already on row \(first); row left out")
                } else {
                    seen[record.number] = row
                    records.append(record)
                }
            }
        }
    }
}

/// Reads one row's cells by column name; the first problem stops it.
private struct RowReader {
    let cells: [String]
    let columns: RegisterColumns
    let file: String
    let row: Int
    var problem: String?

    init(cells: [String], columns: RegisterColumns, file: String, row: Int) {
        self.cells = cells
        self.columns = columns
        self.file = file
        self.row = row
    }

    func text(_ name: String) -> String { columns.cell(name, in: cells) }

    mutating func fail(_ name: String, _ reason: String) {
        if problem == nil { problem = "\(file):\(row): \(name): \(reason)" }
    }

    mutating func date(_ name: String, required: Bool = false) -> CivilDate? {
        let value = text(name)
        if value.isEmpty {
            if required { fail(name, "required, empty") }
            return nil
        }
        guard let d = RegisterDate.parse(value) else {
            fail(name, "'\(value)' is not a date")
            return nil
        }
        return d
    }

    mutating func record(units: [UnitDefinition]) -> RequestRecord? {
        let number = text("申请编号")
        if number.isEmpty { fail("申请编号", "required, empty") }
        let unitName = text("受理单位")
        let unit = units.first { $0.id == unitName || $0.names.contains(unitName) }
        if unitName.isEmpty {
            fail("受理单位", "required, empty")
        } else if unit == nil {
            fail("受理单位", "'\(unitName)' is not a unit of the probe (id, name, full name or alias)")
        }
        let received = date("收到日期", required: true)
        let feeText = String(text("收费金额").filter { $0 != "元" && $0 != "," })
        let fee = feeText.isEmpty ? 0 : Double(feeText)
        if fee == nil { fail("收费金额", "'\(feeText)' is not an amount") }
        let answerType = text("答复类型")
        if !answerType.isEmpty, !RequestRegister.answerTypes.contains(answerType) {
            fail("答复类型", "'\(answerType)' is not one of \(RequestRegister.answerTypes.joined(separator: "、"))")
        }
        let record = RequestRecord(
            number: number, unitID: unit?.id ?? "", received: received ?? CivilDate(daysSinceEpoch: 0),
            correctionAsked: date("补正告知日期"), correctionReceived: date("补正收到日期"), consulted: date("征求意见日期"),
            consultationAnswered: date("意见答复日期"), extensionNotified: date("延期告知日期"),
            extensionApprover: text("延期批准人"), answered: date("答复日期"), answerType: answerType, fee: fee ?? 0,
            feeBasis: text("收费依据"), reviewOutcome: text("复议结果"), lawsuitOutcome: text("诉讼结果"), row: row)
        return problem == nil ? record : nil
    }
}

/// The dates of the registers offices keep: `2026-01-05`, `2026/1/5`, `2026年1月5日`,
/// `2026.1.5`, or an Excel date cell (days since 1899-12-30, as a sheet stores it).
public enum RegisterDate {
    public static func parse(_ text: String) -> CivilDate? {
        if let serial = Double(text), serial >= 20_000, serial < 80_000 {  // 1954 … 2119
            return CivilDate(daysSinceEpoch: Int(serial) - 25_569)  // 1899-12-30 is day -25569
        }
        let dotted = String(text.map { $0 == "." ? "-" : $0 })
        guard let found = DateScanner.firstDate(in: dotted) else { return nil }
        return found.date
    }
}
