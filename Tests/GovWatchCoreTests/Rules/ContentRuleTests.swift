import Testing

@testable import GovWatchCore

@Suite struct UnsourcedRepostRuleTests {
    @Test(arguments: [
        // repost marker, 来源, source URL, finding?
        (true, nil, nil, true),
        (true, "", nil, true),
        (true, "网络", nil, true),
        (true, "兴安日报", nil, false),
        (true, nil, "https://src/1", false),
        (false, nil, nil, false),  // an original item needs no 来源
        (false, "", nil, false),
    ] as [(Bool, String?, String?, Bool)])
    func repostsNeedASource(repost: Bool, source: String?, sourceURL: String?, expected: Bool) {
        var p = Fixture.page("xwzx/a.html", column: Fixture.news, published: "2026-11-05", source: source, repost: repost)
        p.sourceURL = sourceURL
        let found = Fixture.run(UnsourcedRepostRule(), Fixture.world([p]))
        #expect(found.seen == (expected ? [Seen(.unsourcedRepost, "szfb", "xwzx/a.html")] : []))
    }
}

@Suite struct UnapprovedRuleTests {
    static let header = "链接,标题,发布单位,审核人,审核日期,审批人,审批日期,保密审查意见,是否敏感,市政府办公室审批人\n"
    let a = Fixture.page("xwzx/a.html", title: "甲", column: Fixture.news, published: "2026-11-05")
    let b = Fixture.page("xwzx/b.html", title: "乙", column: Fixture.news, published: "2026-11-06")

    func findings(_ rows: String, since: String? = nil) -> [Finding] {
        var settings = RuleSettings()
        settings[UnapprovedRule.since] = since.map(Fixture.day)
        let register = ApprovalRegister(text: Self.header + rows, file: "r.csv")
        return Fixture.run(UnapprovedRule(), Fixture.world([a, b], approvals: register), settings: settings)
    }

    func kinds(_ found: [Finding]) -> Set<String> { Set(found.map { "\(String($0.url.suffix(6))):\($0.description)" }) }

    @Test func approvedItemsMatchedByURLOrTitleAndUnitAreFine() {
        let rows = """
            \(Fixture.base)xwzx/a.html,甲,阿尔山市人民政府办公室,张三,2026-11-04,李四,2026-11-05,主动公开,否,
            ,乙,阿尔山市人民政府,张三,2026/11/5,李四,2026年11月6日,主动公开,是,王五
            """
        #expect(findings(rows).isEmpty)
    }

    @Test func eachProblemIsAFinding() {
        let rows = """
            \(Fixture.base)xwzx/a.html,甲,阿尔山市人民政府办公室,张三,2026-11-04,李四,2026-11-06,免于公开,是,
            """
        #expect(kinds(findings(rows)) == [
            "a.html:《甲》审批日期晚于发布日期（先发布、后审批）", "a.html:《甲》保密审查意见为“免于公开”，不应主动公开",
            "a.html:《甲》为敏感信息，未经市政府办公室分管领导审批", "b.html:《乙》在审批台账中无审核审批记录",
        ])
    }

    @Test func aTitleOfAnotherUnitDoesNotMatch() {
        let rows = ",乙,阿尔山市五岔沟镇人民政府,张三,2026-11-04,李四,2026-11-05,主动公开,否,\n"
        #expect(findings(rows, since: "2026-11-06").seen == [Seen(.unapproved, "szfb", "xwzx/b.html")])
    }

    @Test func malformedRowsAreSkippedWithTheirLineNumber() {
        let register = ApprovalRegister(
            text: "\u{FEFF}" + Self.header + "a,b\r\n\"x\",\"带,逗号\",单位,张三,2026-13-45,李四,2026-11-05,主动公开,否,\r\n,甲,阿尔山市人民政府办公室,张三,2026-11-04,李四,2026-11-05,主动公开,否,\r\n",
            file: "r.csv")
        #expect(register.problems == [
            "r.csv:2: expected 10 fields, found 2; row skipped", "r.csv:3: 审核日期 '2026-13-45' is not a date; row skipped",
        ])
        #expect(register.records.map(\.title) == ["甲"])
        #expect(register.records.first?.line == 4)
    }

    @Test func aRegisterWithoutItsColumnsIsReported() {
        let register = ApprovalRegister(text: "链接,标题\nx,y\n", file: "r.csv")
        #expect(register.problems.first?.hasPrefix("r.csv:1: missing column(s) 发布单位, 审核人") == true)
        #expect(register.records.isEmpty)
    }
}

@Suite struct LeakRuleTests {
    @Test(arguments: [
        ("身份证号：152202198503172010，住址", ["resident-id:152202********2010"]),
        ("身份证号15220219850317201X", []),  // wrong check digit
        ("身份证号：152202********2010", []),  // masked
        ("索引号：115222000115220201/2026-003001", []),  // 18 digits, no birth date
        ("联系电话：0482-7122345，13904821234", []),  // phones are not leaks
        ("开户行：工商银行 卡号：6222020200112233446", ["bank-card:6222***********3446"]),
        ("编号6222020200112233446", []),  // a Luhn number without account words
        ("本文件密级：秘密★1年", ["secret-mark:秘密★"]),
        ("机密文件管理办法", []),
    ])
    func scans(text: String, expected: [String]) {
        let hits = LeakScanner.scan(text, notAfterYear: 2026)
        #expect(hits.map { "\($0.kind.rawValue):\($0.masked)" } == expected)
        for hit in hits where hit.kind != .secretMark {
            #expect(!hit.context.contains("152202198503172010") && !hit.context.contains("6222020200112233446"))
        }
    }

    @Test(arguments: [
        ("身份证号：152202850317201", ["resident-id:152202*****7201"]),  // a 15-digit ID of 1985-03-17
        ("编号152202850317201", []),  // 15 digits without the word
        ("身份证号：152202851317201", []),  // no 13th month
        ("内部资料，注意保存", ["secret-mark:内部资料"]),
        ("内部资料性出版物准印证", []),
        ("机密★5年", ["secret-mark:机密★"]),
    ])
    func scansMore(text: String, expected: [String]) {
        #expect(LeakScanner.scan(text, notAfterYear: 2026).map { "\($0.kind.rawValue):\($0.masked)" } == expected)
    }

    @Test func aColumnHeaded身份证号CountsWithoutTheCheckDigit() {
        var p = Publication(url: "a.xlsx", kind: .attachment, parts: [
            TextPart(location: "工作表「名单」", lines: ["姓名\t身份证号码", "张三\t152202198503172011", "李四\t152202********2010"], isTable: true)
        ])
        Redactor.redact(&p, notAfterYear: 2026)
        #expect(p.leaks?.map(\.masked) == ["152202********2011"])
        #expect(p.leaks?.first?.location == "工作表「名单」第2行" && p.leaks?.first?.context == "张三 | 152202********2011")
        #expect(p.parts?[0].lines[1] == "张三\t152202********2011")
    }

    @Test(arguments: [
        (["1 张建国 男 13904821234", "2 李秀英 女 15847123456", "3 王海燕 女 18648201122"], 3),  // a list of people
        (["咨询电话 13904821234", "投诉电话 15847123456", "值班电话 18648201122"], 0),  // an office's numbers
        (["联系人：张建国 13904821234"], 0),  // one contact
        (["五岔沟镇 13904821234", "白狼镇 15847123456", "明水河镇 18648201122"], 0),  // places, not people
    ])
    func mobileNumbersAreALeakOnlyInAListOfPeople(lines: [String], expected: Int) {
        var p = Publication(url: "a.pdf", kind: .attachment, parts: [TextPart(location: "第1页", lines: lines)])
        Redactor.redact(&p, notAfterYear: 2026)
        #expect((p.leaks ?? []).filter { $0.kind == .mobileList }.count == expected)
        #expect((p.parts?[0].lines.joined() ?? "").contains("13904821234") == (expected == 0))
    }

    @Test func aCleanPageIsLeftExactlyAsItWas() {
        let clean = Fixture.page("x/a.html", unit: "wcgz", published: "2026-11-03", body: "联系电话：0482-7122345，13904821234")
        var p = clean
        Redactor.redact(&p, notAfterYear: 2026)
        #expect(p == clean && p.leaks == nil)
    }

    @Test func findingsAreSevereAndEvidenceIsMasked() {
        let p = Fixture.page("x/a.html", unit: "wcgz", published: "2026-11-03", body: "申请人身份证号：152202198503172010")
        let found = Fixture.run(LeakRule(), Fixture.world([p]))
        #expect(found.seen == [Seen(.leak, "wcgz", "x/a.html")])
        #expect(found[0].severity == .severe)
        #expect(found[0].evidence.first == Evidence("居民身份证号码", "152202********2010"))
        #expect(!"\(found)".contains("198503172010"))
    }
}

@Suite struct AnnualReportRuleTests {
    let good = "（一）总体情况（二）主动公开政府信息情况（三）收到和处理政府信息公开申请情况（四）政府信息公开行政复议、行政诉讼情况（五）政府信息公开工作存在的主要问题及改进情况（六）其他需要报告的事项"

    func report(_ unit: String, _ title: String, _ date: String, body: String? = nil) -> Publication {
        Fixture.page("zwgk/ndbg/\(unit)/r.html", title: title, unit: unit, column: Fixture.base + "zwgk/ndbg/\(unit)/index.html", published: date, body: body ?? good)
    }

    func run(_ pubs: [Publication], asOf: String) -> Set<String> {
        Set(Fixture.run(AnnualReportRule(), Fixture.world(pubs), asOf: asOf).map { "\($0.unitID):\($0.evidence.count > 2 ? $0.evidence[2].label : "missing")" })
    }

    @Test func onTimeAndWellFormedIsFine() {
        let pubs = [
            report("szfb", "阿尔山市人民政府办公室2025年政府信息公开工作年度报告", "2026-02-20"),
            report("wcgz", "《阿尔山市五岔沟镇人民政府2025年政府信息公开工作年度报告》", "2026-01-31"),
        ]
        #expect(run(pubs, asOf: "2026-11-20").isEmpty)
    }

    @Test func beforeTheDeadlineNothingIsDue() {
        #expect(run([], asOf: "2026-01-31").isEmpty)
        #expect(run([], asOf: "2026-02-01") == ["wcgz:missing"])
        #expect(run([], asOf: "2026-02-21") == ["wcgz:missing", "szfb:missing"])
    }

    @Test func lateMalformedAndIncompleteAreSeparateFindings() {
        let pubs = [
            report("szfb", "阿尔山市人民政府办公室2025年政府信息公开工作年度报告", "2026-02-21"),
            report("wcgz", "五岔沟镇2025年度信息公开报告", "2026-01-28", body: String(good.prefix(40))),
        ]
        #expect(run(pubs, asOf: "2026-11-20") == ["szfb:发布日期", "wcgz:实际标题", "wcgz:缺少部分"])
    }

    /// The national template's table as the page text reads it (cells separated by spaces).
    func table(_ cells: String) -> String {
        good + " 三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计 "
            + "一、本年新收政府信息公开申请数量 \(cells) 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
    }

    @Test func theTemplatesRequestCountMustMatchTheRegister() {
        #expect(AnnualReportRule.newRequestsTotal(in: table("2 1 0 0 0 0 3")) == 3)
        #expect(AnnualReportRule.newRequestsTotal(in: table("（件） 5")) == 5)
        #expect(AnnualReportRule.newRequestsTotal(in: good) == nil)
        #expect(AnnualReportRule.newRequestsTotal(in: table("")) == nil)  // an empty row does not borrow the next row's numbers

        let header = "申请编号,受理单位,收到日期\n"
        let rows = "a,szfb,2025-03-02\nb,szfb,2025-06-01\nc,wcgz,2025-07-01\nd,szfb,2026-01-05\n"
        let register = RequestRegister(rows: CSV.rows(header + rows).map { ($0.line, $0.fields) }, file: "r.csv", units: Fixture.probe.units)
        func found(_ szfbCells: String, _ register: RequestRegister?) -> [String] {
            var world = Fixture.world([
                report("szfb", "阿尔山市人民政府办公室2025年政府信息公开工作年度报告", "2026-02-20", body: table(szfbCells)),
                report("wcgz", "阿尔山市五岔沟镇人民政府2025年政府信息公开工作年度报告", "2026-01-31", body: table("1 0 0 0 0 0 1")),
            ])
            world.requests = register
            return Fixture.run(AnnualReportRule(), world, asOf: "2026-11-20").map { "\($0.unitID) \($0.evidence.map(\.value).suffix(2))" }
        }
        #expect(found("2 0 0 0 0 0 2", register).isEmpty)  // 2025: szfb 2, wcgz 1 (the 2026 request is not counted)
        #expect(found("3 0 0 0 0 0 3", register) == ["szfb [\"3\", \"2\"]"])
        #expect(found("3 0 0 0 0 0 3", nil).isEmpty)  // no register: nothing to compare
        let only2026 = RequestRegister(rows: CSV.rows(header + "d,szfb,2026-01-05\n").map { ($0.line, $0.fields) }, file: "r.csv", units: Fixture.probe.units)
        #expect(found("3 0 0 0 0 0 3", only2026).isEmpty)  // the register does not cover 2025
    }
}

@Suite struct RuleBookTests {
    @Test func disabledRulesDoNotRun() {
        let p = Fixture.page("x/a.html", unit: "wcgz", published: "2026-11-03", body: "身份证号：152202198503172010")
        var settings = RuleSettings()
        #expect(RuleBook.evaluate(Fixture.world([p]), context: RuleContext(asOf: Fixture.day("2026-11-20"), settings: settings)).findings.contains { $0.rule == .leak })
        settings.disabled = [.leak]
        #expect(!RuleBook.evaluate(Fixture.world([p]), context: RuleContext(asOf: Fixture.day("2026-11-20"), settings: settings)).findings.contains { $0.rule == .leak })
    }

    @Test func everyRuleIDHasARule() {
        #expect(Set(RuleBook.all.flatMap(\.ids)) == Set(RuleID.all))
    }
}

@Suite struct WordingRuleTests {
    static let list = WordingList(
        text: "# 注释\n阿尔山市人民政府办公厅\t阿尔山市人民政府办公室\r\n总理\t国务院总理\n\n没有制表符\n国土资源局\t自然资源局\n国土资源局\t自然资源局\n",
        file: "w.tsv")

    func run(_ pubs: [Publication]) -> [Finding] {
        var w = Fixture.world(pubs)
        w.wording = Self.list
        return Fixture.run(WordingRule(), w)
    }

    @Test func theListIsReadWithItsProblems() {
        #expect(Self.list.entries.map(\.wrong) == ["阿尔山市人民政府办公厅", "总理", "国土资源局"])
        #expect(Self.list.problems == [
            "w.tsv:5: expected 错误表述<TAB>正确表述; line skipped", "w.tsv:7: '国土资源局' is listed twice; line skipped",
        ])
    }

    @Test func aWrongPhraseInTitleOrBodyIsAFindingAndTheRightOneIsNot() {
        let found = run([
            Fixture.page("a.html", title: "阿尔山市人民政府办公厅关于印发方案的通知", body: "各单位：……"),
            Fixture.page("b.html", title: "通知", body: "经国土资源局审核，国土资源局同意。"),
            Fixture.page("c.html", title: "阿尔山市人民政府办公室通知", body: "国务院总理主持召开常务会议；自然资源局。"),
        ])
        #expect(found.map { "\(URLParts($0.url)!.rest) \($0.evidence[0].value) \($0.evidence[2].value) \($0.evidence[3].value)" } == [
            "/a.html 阿尔山市人民政府办公厅 标题 1", "/b.html 国土资源局 正文 2",
        ])
        #expect(found[0].description == "《阿尔山市人民政府办公厅关于印发方案的通知》标题中“阿尔山市人民政府办公厅”应为“阿尔山市人民政府办公室”")
        #expect(found.allSatisfy { $0.evidence[4].value.hasPrefix("…") && !$0.evidence[4].value.contains("审核") })
    }

    @Test func aBareWrongPhraseOutsideItsRightFormCounts() {
        let found = run([Fixture.page("d.html", title: "通知", body: "国务院总理强调；总理指出。")])
        #expect(found.map { $0.evidence[3].value } == ["1"])
    }

    @Test func withoutAListTheRuleSaysNothing() {
        #expect(Fixture.run(WordingRule(), Fixture.world([Fixture.page("a.html", title: "阿尔山市人民政府办公厅")])).isEmpty)
    }
}
