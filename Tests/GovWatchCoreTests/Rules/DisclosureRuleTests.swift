import Testing

@testable import GovWatchCore

@Suite struct LateDisclosureRuleTests {
    @Test(arguments: [
        // written, published, late?
        ("2025-09-30", "2025-11-04", false),  // exactly 20 working days across National Day
        ("2025-09-30", "2025-11-05", true),  // 21
        ("2026-02-13", "2026-03-13", false),  // across Spring Festival: 16 working days
        ("2026-01-20", "2026-03-13", true),
        ("2026-03-01", "2026-03-01", false),
    ])
    func twentyWorkingDays(written: String, published: String, late: Bool) {
        let p = Fixture.page("a.html", column: Fixture.policy, published: published, written: written)
        let found = Fixture.run(LateDisclosureRule(), Fixture.world([p]))
        #expect(found.seen == (late ? [Seen(.lateDisclosure, "szfb", "a.html")] : []))
        if late {
            #expect(found[0].clause == "附件1 第十条")
            #expect(found[0].evidence.contains(Evidence("成文日期", written)))
        }
    }

    @Test func noDatesNoFindingAndUncoveredYearsAreNoted() {
        let undated = Fixture.page("b.html", published: "2026-03-01")
        let outside = Fixture.page("c.html", published: "2027-03-01", written: "2027-01-05")
        let result = LateDisclosureRule().evaluate(Fixture.world([undated, outside]), context: RuleContext(asOf: Fixture.day("2027-04-01")))
        #expect(result.findings.isEmpty)
        #expect(result.notes == ["late-disclosure: \(Fixture.base)c.html not checked: the working-day calendar has no data for 2027: add the year's holidays in an override file"])
    }
}

@Suite struct InterpretationRuleTests {
    let doc = Fixture.page(
        "zwgk/zcwj/d1.html", title: "关于印发林草防火管理办法的通知", column: Fixture.policy, published: "2026-10-09",
        number: "阿政发〔2026〕15号", links: ["zwgk/zcjd/j1.html"])
    func jd(_ published: String, title: String = "《关于印发林草防火管理办法的通知》政策解读", links: [String] = ["zwgk/zcwj/d1.html"]) -> Publication {
        Fixture.page("zwgk/zcjd/j1.html", title: title, column: Fixture.jd, published: published, links: links)
    }

    @Test func missingOnlyAfterTheWindow() {
        // 2026-10-09 (Friday) + 3 working days = 2026-10-13 (10-10 is a make-up Saturday).
        #expect(Fixture.run(InterpretationRule(), Fixture.world([doc]), asOf: "2026-10-13").isEmpty)
        #expect(Fixture.run(InterpretationRule(), Fixture.world([doc]), asOf: "2026-10-14").seen == [Seen(.interpretationMissing, "szfb", "zwgk/zcwj/d1.html")])
    }

    @Test func onTimeAndLinkedBothWaysIsFine() {
        #expect(Fixture.run(InterpretationRule(), Fixture.world([doc, jd("2026-10-13")])).isEmpty)
    }

    @Test func late() {
        #expect(Fixture.run(InterpretationRule(), Fixture.world([doc, jd("2026-10-14")])).seen == [Seen(.interpretationLate, "szfb", "zwgk/zcwj/d1.html")])
    }

    @Test func aMissingLinkIsReportedAsSuchNotAsAMissingInterpretation() {
        var unlinkedDoc = doc
        unlinkedDoc.links = []
        let byTitleOnly = jd("2026-10-10", title: "关于《关于印发林草防火管理办法的通知》的解读", links: [])
        let found = Fixture.run(InterpretationRule(), Fixture.world([unlinkedDoc, byTitleOnly]))
        #expect(found.seen == [Seen(.interpretationLink, "szfb", "zwgk/zcwj/d1.html")])
        #expect(found[0].evidence.contains(Evidence("缺少", "文件页未链接解读、解读页未链接文件")))
        let oneWay = Fixture.run(InterpretationRule(), Fixture.world([unlinkedDoc, jd("2026-10-10")]))
        #expect(oneWay.seen == [Seen(.interpretationLink, "szfb", "zwgk/zcwj/d1.html")])
    }

    @Test func documentNumberPatternsNarrowTheScope() {
        var settings = RuleSettings()
        settings.documentNumberPatterns = [#"阿政办发〔\d{4}〕\d+号"#]
        #expect(Fixture.run(InterpretationRule(), Fixture.world([doc]), settings: settings).isEmpty)
        settings.documentNumberPatterns = [#"阿政发〔\d{4}〕\d+号"#]
        #expect(Fixture.run(InterpretationRule(), Fixture.world([doc]), settings: settings).count == 1)
    }

    @Test func newsIsNotInScope() {
        let news = Fixture.page("xwzx/a.html", column: Fixture.news, published: "2026-10-09")
        #expect(Fixture.run(InterpretationRule(), Fixture.world([news])).isEmpty)
    }

    @Test func quotedTitles() {
        #expect(InterpretationRule.quotedTitle("《关于印发《某办法》的通知》政策解读") == "关于印发《某办法》的通知")
        #expect(InterpretationRule.quotedTitle("一图读懂") == nil)
    }
}
