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
        let outside = Fixture.page("c.html", published: "2061-03-01", written: "2061-01-05")
        let result = LateDisclosureRule().evaluate(Fixture.world([undated, outside]), context: RuleContext(asOf: Fixture.day("2061-04-01")))
        #expect(result.findings.isEmpty)
        #expect(result.notes == ["late-disclosure: \(Fixture.base)c.html not checked: \(CalendarError(year: 2061))"])
    }

    @Test func aDelayCountedOverAProvisionalYearIsMarked() {
        let p = Fixture.page("c.html", published: "2027-03-01", written: "2027-01-05")
        let found = LateDisclosureRule().evaluate(Fixture.world([p]), context: RuleContext(asOf: Fixture.day("2027-04-01"))).findings
        #expect(found.count == 1 && found[0].provisional)
        #expect(found[0].evidence.contains(Evidence("应公开日期", "2027-02-02（暂定）")))
        // With the year's notice in the data the same page is judged without the mark.
        let official = WorkdayCalendar.china.overlaid(with: [HolidayDay(date: Fixture.day("2027-01-01"), kind: .off)])
        let again = LateDisclosureRule().evaluate(
            Fixture.world([p]), context: RuleContext(asOf: Fixture.day("2027-04-01"), calendar: official)).findings
        #expect(again.count == 1 && !again[0].provisional && again[0].fingerprint == found[0].fingerprint)
    }
}
