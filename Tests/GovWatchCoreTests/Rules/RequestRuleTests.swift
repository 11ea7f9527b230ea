import GovWatchCore
import Testing

/// The request register's rules over the shipped 2025–2026 calendar. Each expected deadline
/// was counted by hand from the State Council's notices (and checked with an independent
/// script over the holiday table), not taken from the code.
struct RequestRuleTests {
    static let header = "申请编号,受理单位,收到日期,补正告知日期,补正收到日期,征求意见日期,意见答复日期,延期告知日期,延期批准人,答复日期,答复类型,收费金额,收费依据,复议结果,诉讼结果"

    struct Case: CustomTestStringConvertible {
        var name: String
        /// The row's cells by column (申请编号 and 受理单位 are added).
        var fields: [String: String]
        var asOf = "2026-12-01"
        var due: String
        var found: [RuleID]
        /// An open request near its deadline: a 预警 (costs nothing) besides `found`.
        var warned = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // 2026-01-30 + 20 working days: 春节 15–23 Feb off, Sat 14 and Sat 28 Feb worked → 5 Mar.
        // A Mon–Fri count ends on 27 Feb, so a reply on 5 Mar would look 4 days late.
        Case(name: "20th working day across the Spring Festival", fields: ["收到日期": "2026-01-30", "答复日期": "2026-03-05", "答复类型": "予以公开"], due: "2026-03-05", found: []),
        // 2026-01-23 + 20 = Fri 27 Feb; Sat 28 Feb is a make-up working day (调休): the 21st.
        Case(name: "reply on a make-up Saturday, the 21st working day", fields: ["收到日期": "2026-01-23", "答复日期": "2026-02-28", "答复类型": "予以公开"], due: "2026-02-27", found: [.requestLate]),
        // Counted from the corrected application (16 Mar) → 14 Apr (清明 4–6 Apr off); from receipt it would be 30 Mar.
        Case(name: "corrected application", fields: ["收到日期": "2026-03-02", "补正告知日期": "2026-03-04", "补正收到日期": "2026-03-16", "答复日期": "2026-04-10", "答复类型": "部分公开"], due: "2026-04-14", found: []),
        // 2026-05-06 + 20 = 2 Jun; notified 26 May with an approver → + 20 = 1 Jul.
        Case(name: "approved extension", fields: ["收到日期": "2026-05-06", "延期告知日期": "2026-05-26", "延期批准人": "张三", "答复日期": "2026-06-30", "答复类型": "予以公开"], due: "2026-07-01", found: []),
        // No approver: the extension does not count, the reply is late; one point (the extension is 同一申请).
        Case(name: "unapproved extension", fields: ["收到日期": "2026-05-06", "延期告知日期": "2026-05-26", "答复日期": "2026-06-30", "答复类型": "予以公开"], due: "2026-06-02", found: [.requestLate, .requestExtension]),
        // Notified after the original deadline: no extension.
        Case(name: "extension notified too late", fields: ["收到日期": "2026-05-06", "延期告知日期": "2026-06-03", "延期批准人": "张三", "答复日期": "2026-06-20", "答复类型": "予以公开"], due: "2026-06-02", found: [.requestLate, .requestExtension]),
        // Consulted on the 5th working day (8 Jun), answer 19 Jun: 8 working days not counted (端午 19 Jun off) → 10 Jul.
        Case(name: "consultation on day 5, its time not counted", fields: ["收到日期": "2026-06-01", "征求意见日期": "2026-06-08", "意见答复日期": "2026-06-19", "答复日期": "2026-07-10", "答复类型": "予以公开"], due: "2026-07-10", found: []),
        // Consulted on the 7th working day (10 Jun): late consultation; 6 days not counted → 8 Jul; replied 8 Jul.
        Case(name: "consultation on day 7", fields: ["收到日期": "2026-06-01", "征求意见日期": "2026-06-10", "意见答复日期": "2026-06-19", "答复日期": "2026-07-08", "答复类型": "予以公开"], due: "2026-07-08", found: [.requestThirdPartyLate]),
        Case(name: "allowed fee", fields: ["收到日期": "2026-08-03", "答复日期": "2026-08-10", "答复类型": "予以公开", "收费金额": "12.5", "收费依据": "复制、邮寄成本费"], due: "2026-08-31", found: []),
        Case(name: "forbidden fee", fields: ["收到日期": "2026-08-03", "答复日期": "2026-08-10", "答复类型": "予以公开", "收费金额": "50", "收费依据": "资料整理服务费"], due: "2026-08-31", found: [.requestFee]),
        Case(name: "decision reversed on review", fields: ["收到日期": "2026-08-03", "答复日期": "2026-08-10", "答复类型": "不予公开", "复议结果": "纠错"], due: "2026-08-31", found: [.requestCorrected]),
        Case(name: "decision upheld on review and in court", fields: ["收到日期": "2026-08-03", "答复日期": "2026-08-10", "答复类型": "不予公开", "复议结果": "维持", "诉讼结果": "驳回诉讼请求"], due: "2026-08-31", found: []),
        Case(name: "lost in court", fields: ["收到日期": "2026-08-03", "答复日期": "2026-08-10", "答复类型": "不予公开", "诉讼结果": "败诉"], due: "2026-08-31", found: [.requestCorrected]),
        // 2025-12-15 + 20: 元旦 1–3 Jan off, Sun 4 Jan worked → 13 Jan 2026.
        Case(name: "received in December, answered in January", fields: ["收到日期": "2025-12-15", "答复日期": "2026-01-13", "答复类型": "予以公开"], due: "2026-01-13", found: []),
        Case(name: "received in December, answered a day late", fields: ["收到日期": "2025-12-15", "答复日期": "2026-01-14", "答复类型": "予以公开"], due: "2026-01-13", found: [.requestLate]),
        // Not answered: open until the deadline passes.
        Case(name: "unanswered, deadline 4 working days away", fields: ["收到日期": "2026-11-20"], asOf: "2026-12-14", due: "2026-12-18", found: []),
        Case(name: "unanswered, deadline 3 working days away", fields: ["收到日期": "2026-11-20"], asOf: "2026-12-15", due: "2026-12-18", found: [], warned: true),
        Case(name: "unanswered, deadline today", fields: ["收到日期": "2026-11-20"], asOf: "2026-12-18", due: "2026-12-18", found: [], warned: true),
        Case(name: "unanswered, deadline passed", fields: ["收到日期": "2026-11-20"], asOf: "2026-12-21", due: "2026-12-18", found: [.requestLate]),
    ]

    static func register(_ rows: [String], file: String = "台账.csv") -> RequestRegister {
        let text = ([header] + rows).joined(separator: "\n") + "\n"
        return RequestRegister(rows: CSV.rows(text).map { ($0.line, $0.fields) }, file: file, units: Fixture.probe.units)
    }

    static func evaluate(_ register: RequestRegister, asOf: String) -> RuleResult {
        var world = Fixture.world([])
        world.requests = register
        return RequestRule().evaluate(world, context: RuleContext(asOf: Fixture.day(asOf)))
    }

    @Test(arguments: cases) func deadlinesAndFindings(_ c: Case) throws {
        let cells = Self.header.split(separator: ",").dropFirst(2).map { c.fields[String($0)] ?? "" }
        let register = Self.register([(["2026-001", "szfb"] + cells).joined(separator: ",")])
        #expect(register.problems.isEmpty, "\(register.problems)")
        let record = try #require(register.records.first)
        #expect(try RequestDeadline(record, calendar: .china).due == Fixture.day(c.due))
        let result = Self.evaluate(register, asOf: c.asOf)
        #expect(result.findings.filter { $0.severity != .warning }.map(\.rule) == c.found)
        let warnings = result.findings.filter { $0.severity == .warning }
        #expect(warnings.count == (c.warned ? 1 : 0))
        #expect(warnings.allSatisfy { $0.description.hasPrefix("申请即将到期：") && $0.rule == .requestLate })
        #expect(result.findings.allSatisfy { $0.unitID == "szfb" && $0.description.contains("编号2026-001") })
        #expect(result.findings.allSatisfy { $0.evidence.contains(Evidence("申请编号", "2026-001")) })
    }

    @Test func badRowsAreNamedWithRowAndColumnAndTheRestIsRead() {
        let register = Self.register([
            "2026-001,szfb,2026-01-30,,,,,,,2026-03-05,予以公开,,,,",
            "2026-002,不存在的局,2026-01-30,,,,,,,,,,,,",
            "2026-003,szfb,2026年13月1日,,,,,,,,,,,,",
            "2026-001,szfb,2026-02-02,,,,,,,,,,,,",
            "2026-004,市教育局,2026/2/2,,,,,,,,,十元,,,",
            "2026-005,阿尔山市五岔沟镇人民政府,2026年2月2日,,,,,,,46055,,,,,",
        ])
        #expect(register.records.map(\.number) == ["2026-001", "2026-005"])
        #expect(register.records.last?.unitID == "wcgz")
        #expect(register.records.last?.answered == Fixture.day("2026-02-02"))  // an Excel date cell
        #expect(
            register.problems == [
                "台账.csv:3: 受理单位: '不存在的局' is not a unit of the probe (id, name, full name or alias); row left out",
                "台账.csv:4: 收到日期: '2026年13月1日' is not a date; row left out",
                "台账.csv:5: 申请编号: '2026-001' is already on row 2; row left out",
                "台账.csv:6: 收费金额: '十' is not an amount; row left out",
            ])
        let result = Self.evaluate(register, asOf: "2026-12-01")
        #expect(result.notes.count == 4 && result.notes.allSatisfy { $0.hasPrefix("requests: 台账.csv:") })
    }

    @Test func aMissingRequiredColumnIsNamed() {
        let register = RequestRegister(rows: [(1, ["申请编号", "收到日期"]), (2, ["1", "2026-01-01"])], file: "r.csv", units: [])
        #expect(register.records.isEmpty)
        #expect(register.problems == ["r.csv:1: missing required column(s) 受理单位 in the header"])
    }
}
