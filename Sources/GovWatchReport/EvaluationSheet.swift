import GovWatchCore
import GovWatchStore

/// The two views evaluators export: the deduction log and the score sheet, as rows of cells.
public struct EvaluationSheet: Sendable {
    /// A cell: text, or a number Excel keeps as a number.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)

        public var text: String {
            switch self {
            case .text(let s): s
            case .number(let x): Rubric.format(x)
            }
        }
    }

    public static let logHeader = ["单位", "考评项目", "具体内容", "扣分", "问题描述", "依据条款", "证据链接", "发现日期", "状态", "整改日期", "来源", "操作人"]

    public var year: Int
    public var rubric: Rubric
    public var log: [[Cell]]
    public var scoreHeader: [String]
    public var scores: [[Cell]]
    /// The open findings (预警 aside) on each day of the year a finding was seen or resolved.
    public var openFindings: [(day: CivilDate, open: Int)]

    public init(
        year: Int, rubric: Rubric, deductions: [DeductionRecord], scores: [UnitScore], units: [StoredUnit],
        findings: [StoredFinding] = []
    ) {
        self.year = year
        let counted = findings.filter { $0.finding.severity != .warning }
        let days = Set(counted.flatMap { [$0.firstSeen, $0.lastSeen] + ($0.resolvedOn.map { [$0] } ?? []) })
            .filter { $0.year == year }.sorted()
        openFindings = days.map { day in
            (day, counted.filter { $0.firstSeen <= day && ($0.resolvedOn.map { $0 > day } ?? true) }.count)
        }
        self.rubric = rubric
        let names = units.fullNames
        log = deductions.map { d in
            let line = d.lineID.flatMap(rubric.line)
            let item = line.map { "\($0.category) / \($0.name)" } ?? "弄虚作假（扣总分）"
            let status: String
            if d.revoked {
                status = "已撤销（\(d.revokeReason ?? "")）"
            } else {
                switch d.findingStatus {
                case .resolved?: status = "已整改"
                case .open?: status = "未整改"
                case nil: status = "已扣分"
                }
            }
            return [
                .text(names[d.unitID] ?? d.unitID), .text(item), .text(line?.text ?? "附件11 第十二条"), .number(d.points),
                .text(d.reason), .text(d.clause ?? line?.deduction ?? "附件11 第十二条"), .text(d.evidenceURL ?? ""),
                .text(d.foundOn), .text(status), .text(d.rectifiedOn ?? ""), .text(d.source.rawValue), .text(d.by),
            ]
        }
        let categories = rubric.categories.map(\.name)
        scoreHeader = ["单位"] + categories.map { "\($0)扣分" } + ["弄虚作假扣分", "总分", "等次"]
        self.scores = scores.map { s in
            [.text(names[s.unitID] ?? s.unitID)] + categories.map { .number(s.lost(in: $0)) }
                + [.number(s.fraud), .number(s.total), .text(s.grade.rawValue)]
        }
    }
}
