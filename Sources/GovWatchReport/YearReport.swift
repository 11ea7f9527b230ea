import GovWatchCore
import GovWatchStore

/// The 考评结果通报 of a year (附件11 第八条): every unit by grade with its score, the problems
/// found most often (by rubric line and by rule), the units 通报批评 for overdue rectification
/// (第十条), fraud deductions (第十二条), and the written reports the units sent. Its texts
/// come from the `report.html` template (replaceable like the others) and this model.
public struct YearReport: Sendable {
    public struct UnitLine: Sendable, Hashable {
        public var unit: String
        public var score: String
        public var grade: String

        public init(unit: String, score: String, grade: String) {
            self.unit = unit
            self.score = score
            self.grade = grade
        }
    }

    public struct GradeGroup: Sendable, Hashable {
        public var grade: String
        public var count: Int
        /// The units, joined by 、 (as a 通报 lists them).
        public var names: String
        public var units: [UnitLine]
    }

    public struct CountLine: Sendable, Hashable {
        public var index: Int
        public var name: String
        public var count: Int
        public var points: String
    }

    public struct NoticeLine: Sendable, Hashable {
        public var unit: String
        public var number: String
        public var detail: String
    }

    public var year: Int
    public var rubric: String
    public var title: String
    public var number: String
    public var addressee = "各乡镇人民政府、街道办事处，市直各部门："
    public var opening: String
    public var groups: [GradeGroup]
    public var scores: [UnitLine]
    public var byLine: [CountLine]
    public var byRule: [CountLine]
    public var criticized: [NoticeLine]
    public var fraud: [NoticeLine]
    public var reports: [NoticeLine]
    public var closing = "请各单位对照考评结果，认真查找问题，举一反三，切实抓好整改落实，进一步提升政府信息公开工作水平。"
    public var issuer: String
    public var issuedOn: String
    // Flags for the template (Mustache has no `isEmpty`).
    public var hasCriticized: Bool
    public var hasProblems: Bool
    public var hasFraud: Bool
    public var hasReports: Bool

    /// The most frequent problems listed, per table.
    public static let topProblems = 10

    /// - Parameters:
    ///   - sequence: the document's number in the year (`阿政务公开办发〔2026〕N号`).
    public init(
        year: Int, rubric: Rubric, scores: [UnitScore], units: [StoredUnit], deductions: [DeductionRecord],
        notices: [StoredNotice], numberPrefix: String, sequence: Int, issuer: String, issuedOn: CivilDate
    ) {
        let names = units.fullNames
        func name(_ id: String) -> String { names[id] ?? id }
        self.year = year
        self.rubric = rubric.name
        title = "关于\(year)年度政府信息公开工作考评结果的通报"
        number = "\(numberPrefix)发〔\(year)〕\(sequence)号"
        self.issuer = issuer
        self.issuedOn = NoticeDocument.chinese(issuedOn)
        opening =
            "根据《\(rubric.name)》，\(issuer)对全市\(scores.count)个单位\(year)年度政府信息公开工作进行了考评，经市政务公开领导小组审定，现将考评结果通报如下。"
        let ranked = scores.sorted { $0.total != $1.total ? $0.total > $1.total : name($0.unitID) < name($1.unitID) }
        self.scores = ranked.map { UnitLine(unit: name($0.unitID), score: Rubric.format($0.total), grade: $0.grade.rawValue) }
        groups = [Grade.excellent, .pass, .fail].map { grade in
            let mine = ranked.filter { $0.grade == grade }
                .map { UnitLine(unit: name($0.unitID), score: Rubric.format($0.total), grade: grade.rawValue) }
            return GradeGroup(
                grade: grade.rawValue, count: mine.count, names: mine.isEmpty ? "无" : mine.map(\.unit).joined(separator: "、"),
                units: mine)
        }

        let kept = deductions.filter { !$0.revoked && $0.period == year }
        func counted(_ key: (DeductionRecord) -> String?) -> [CountLine] {
            var count: [String: (Int, Double)] = [:]
            for d in kept { if let k = key(d) { count[k, default: (0, 0)].0 += 1; count[k, default: (0, 0)].1 += d.points } }
            return count.sorted { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }
                .prefix(Self.topProblems).enumerated()
                .map { CountLine(index: $0.offset + 1, name: $0.element.key, count: $0.element.value.0, points: Rubric.format($0.element.value.1)) }
        }
        byLine = counted { d in d.lineID.flatMap(rubric.line).map { "\($0.category) / \($0.name)" } }
        let ruleTitles = Dictionary(
            RuleBook.all.flatMap(\.kinds).map { ($0.id.rawValue, $0.name) }, uniquingKeysWith: { a, _ in a })
        byRule = counted { d in d.rule.map { ruleTitles[$0].map { t in "\(t)（\(d.rule!)）" } ?? $0 } }
        fraud = kept.filter { $0.lineID == nil }.map {
            NoticeLine(unit: name($0.unitID), number: "扣\(Rubric.format($0.points))分", detail: $0.reason)
        }
        let ofYear = notices.filter { $0.issuedOn.year == year }
        criticized = ofYear.filter { $0.status == .overdue }.map {
            NoticeLine(unit: name($0.unitID), number: $0.number, detail: "整改期限\(NoticeDocument.chinese($0.deadline))，逾期未整改")
        }
        reports = ofYear.compactMap { n in
            n.reportedOn.map { NoticeLine(unit: name(n.unitID), number: n.number, detail: "\(NoticeDocument.chinese($0))收到书面整改报告") }
        }
        hasCriticized = !criticized.isEmpty
        hasProblems = !byLine.isEmpty || !byRule.isEmpty
        hasFraud = !fraud.isEmpty
        hasReports = !reports.isEmpty
    }

    public func html(templates: Templates = .standard) -> String { templates.render(self, "report.html") }

    /// The 通报 as a Word document laid out as the notices are.
    public func docx() throws -> [UInt8] {
        var blocks: [DocxWriter.Block] = [
            .title(title), .centered(number), .plain(addressee), .indented(opening), .heading("一、考评结果"),
        ]
        for g in groups { blocks.append(.indented("\(g.grade)等次（\(g.count)个）：\(g.names)。")) }
        blocks.append(.table(header: ["序号", "单位", "得分", "等次"], widths: [800, 5000, 1600, 1600],
            rows: scores.enumerated().map { [("\($0.offset + 1)", nil), ($0.element.unit, nil), ($0.element.score, nil), ($0.element.grade, nil)] }))
        blocks.append(.heading("二、存在的主要问题"))
        blocks.append(.indented(byLine.isEmpty ? "本年度未发现扣分问题。" : "按考评项目统计，扣分较多的问题如下："))
        if !byLine.isEmpty { blocks.append(countTable(byLine, "考评项目")) }
        if !byRule.isEmpty {
            blocks.append(.indented("按监测规则统计："))
            blocks.append(countTable(byRule, "问题类型"))
        }
        blocks.append(.heading("三、通报批评"))
        blocks.append(.indented(criticized.isEmpty ? "本年度无逾期未整改的单位。" : "以下单位未在期限内完成整改，予以通报批评："))
        for c in criticized { blocks.append(.indented("\(c.unit)（\(c.number)，\(c.detail)）。")) }
        if !fraud.isEmpty {
            blocks.append(.heading("四、弄虚作假"))
            for f in fraud { blocks.append(.indented("\(f.unit)：\(f.detail)，\(f.number)。")) }
        }
        blocks.append(.heading(fraud.isEmpty ? "四、整改报告报送情况" : "五、整改报告报送情况"))
        blocks.append(.indented(reports.isEmpty ? "本年度未收到书面整改报告。" : "收到以下单位的书面整改报告："))
        for r in reports { blocks.append(.indented("\(r.unit)：\(r.number)，\(r.detail)。")) }
        blocks += [.indented(closing), .blank, .right(issuer), .right(issuedOn)]
        return try DocxWriter.document(blocks)
    }

    private func countTable(_ lines: [CountLine], _ column: String) -> DocxWriter.Block {
        .table(
            header: ["序号", column, "次数", "扣分"], widths: [800, 5600, 1300, 1300],
            rows: lines.map { [("\($0.index)", nil), ($0.name, nil), ("\($0.count)", nil), ($0.points, nil)] })
    }

    /// The file name stem: `report-2026`.
    public var fileStem: String { "report-\(year)" }
}
