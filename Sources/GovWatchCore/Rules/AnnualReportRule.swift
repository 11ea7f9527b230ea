import _StringProcessing

/// annual-report (附件9 第三、四条): each 镇 and 街道 publishes last year's report by 31 January,
/// the city office by 20 February; the title is `<单位规范化全称><YYYY>年政府信息公开工作年度报告`
/// and every section is there. Missing, late, a malformed title and missing sections are
/// separate findings. Where the report has the national template's table and the request
/// register covers its year, the table's 本年新收政府信息公开申请数量 (总计) must equal the
/// register's count for the unit (附件9 第四条(四)).
public struct AnnualReportRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.annualReport, "年度报告缺失、逾期或不规范", clause: "附件9 第三、四条")] }
    public var section: String { "annual-report" }
    public var parameters: [AnyRuleParameter] { [Self.townStreetDue.erased, Self.cityDue.erased] }

    public static let townStreetDue = RuleParameter.monthDay(
        "annual-report", "town_street_due", default: MonthDay(month: 1, day: 31), "镇、街道年报截止日（次年）")
    public static let cityDue = RuleParameter.monthDay(
        "annual-report", "city_due", default: MonthDay(month: 2, day: 20), "市政府办公室年报截止日（次年）")

    /// Sections (二)–(七) of 附件9 第四条; (一) is the title.
    public static let sections = [
        "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项",
    ]

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        let year = context.asOf.year - 1
        for unit in world.probe.units {
            let due: CivilDate
            switch unit.type {
            case .town, .street: due = context.settings[Self.townStreetDue].inYear(year + 1)
            case .city: due = context.settings[Self.cityDue].inYear(year + 1)
            case .department: continue
            }
            guard let listingURL = unit.annualReports, context.asOf > due else { continue }
            if world.unreachable.contains(listingURL) {
                result.notes.append("annual-report: \(listingURL) could not be reached; not judged")
                continue
            }
            let listed = Set((world.listings[ListingKey.annualReports(unit.id)] ?? []).flatMap { $0.entries.map(\.url) })
            let report = world.publications.first { p in
                p.kind == .page && (listed.contains(p.url) || p.columnURL == listingURL)
                    && p.title.contains("\(year)") && p.title.contains("报告")
            }
            func finding(_ kind: String, _ what: String, _ url: String, _ evidence: [Evidence]) {
                result.findings.append(
                    Finding(
                        rule: .annualReport, unitID: unit.id, url: url, clause: kind == "missing" || kind == "late" ? "附件9 第三条" : "附件9 第四条",
                        description: "\(unit.fullName)\(year)年政府信息公开工作年度报告\(what)",
                        evidence: [Evidence("报告年度", "\(year)"), Evidence("应发布日期", due.description)] + evidence,
                        discriminator: "\(year):\(kind)"))
            }
            guard let report else {
                finding("missing", "未按时发布", listingURL, [])
                continue
            }
            if let published = report.published, published > due {
                finding("late", "发布晚于规定时间", report.url, [Evidence("发布日期", published.description)])
            }
            let expected = "\(unit.fullName)\(year)年政府信息公开工作年度报告"
            let title = report.title.trimmingWhitespace().trimmingPrefix("《").replacingSuffix("》")
            if title != expected {
                finding("title", "标题不规范", report.url, [Evidence("实际标题", report.title), Evidence("规范标题", expected)])
            }
            let missing = Self.sections.filter { !report.bodyText.contains($0) }
            if !missing.isEmpty {
                finding("sections", "缺少规定内容：\(missing.joined(separator: "、"))", report.url, [Evidence("缺少部分", missing.joined(separator: "、"))])
            }
            if let register = world.requests, register.records.contains(where: { $0.received.year == year }),
                let reported = Self.newRequestsTotal(in: report.bodyText)
            {
                let registered = register.records.filter { $0.unitID == unit.id && $0.received.year == year }.count
                if reported != registered {
                    finding(
                        "requests", "中本年新收政府信息公开申请数量（\(reported)件）与依申请公开登记台账（\(registered)件）不一致", report.url,
                        [Evidence("年报所列申请数", "\(reported)"), Evidence("台账登记申请数", "\(registered)")])
                }
            }
        }
        return result
    }
}

extension AnnualReportRule {
    /// The row label of the national template's table (国办公开办函〔2021〕30号).
    static let newRequestsLabel = "本年新收政府信息公开申请数量"

    /// The 总计 of the row 本年新收政府信息公开申请数量: the last of the numbers that follow the
    /// label (自然人, five kinds of 法人或其他组织, 总计), before the next label.
    static func newRequestsTotal(in text: String) -> Int? {
        guard let start = text.firstRange(of: newRequestsLabel)?.upperBound else { return nil }
        var numbers: [Int] = []
        var digits = ""
        var skipped = 0
        for c in text[start...].prefix(200) {
            if let d = c.wholeNumberValue, c.isASCII {
                digits.append(String(d))
                continue
            }
            if !digits.isEmpty {
                numbers.append(Int(digits) ?? 0)
                digits = ""
            }
            if c.isWhitespace || c == "|" || c == "：" || c == ":" { continue }
            if numbers.isEmpty, skipped < 12 {  // （件）or 总计 before the first number, not another row
                skipped += 1
                continue
            }
            break
        }
        if !digits.isEmpty { numbers.append(Int(digits) ?? 0) }
        return numbers.last
    }
}

extension Substring {
    fileprivate func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
    }
}
