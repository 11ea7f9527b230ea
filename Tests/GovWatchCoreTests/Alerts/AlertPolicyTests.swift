import Testing

@testable import GovWatchCore

@Suite struct AlertPolicyTests {
    let leak = Finding(
        rule: .leak, unitID: "wcgz", url: "http://127.0.0.1/a.html", clause: "附件1 第十三条", description: "公开了身份证号码",
        evidence: [], severity: .severe, discriminator: "id:1")
    let down = Finding(
        rule: .siteUnavailable, unitID: "szfb", url: "http://127.0.0.1/", clause: "附件10 第四条", description: "网站无法访问",
        evidence: [], severity: .severe)
    let late = Finding(
        rule: .lateDisclosure, unitID: "szfb", url: "http://127.0.0.1/b.html", clause: "附件1 第十条", description: "公开超时",
        evidence: [])

    @Test func severeFindingsAreAlertedOnceAndOthersWait() {
        let policy = AlertPolicy()
        let first = policy.alerts(for: [leak, late, down, leak], alreadyAlerted: [])
        #expect(first.map(\.rule) == [.leak, .siteUnavailable])  // the violation waits for the digest; the repeat is dropped
        let again = policy.alerts(for: [leak, late, down], alreadyAlerted: Set(first.map(\.fingerprint)))
        #expect(again.isEmpty)
    }

    @Test func quietHoursHoldAlertsUntilTheirEnd() throws {
        let policy = AlertPolicy(quietHours: try #require(QuietHours("22:00-07:00")))
        // 2026-11-20 23:30 in Shanghai = 15:30 UTC.
        let night = 1_795_188_600.0
        #expect(policy.sendTime(raisedAt: night) == night + 7.5 * 3600)  // 07:00 the next morning
        let day = night - 12 * 3600  // 11:30
        #expect(policy.sendTime(raisedAt: day) == day)
        #expect(AlertPolicy().sendTime(raisedAt: night) == night)
        let morning = try #require(QuietHours("00:30-06:00"))
        #expect(morning.contains(minuteOfDay: 60) && !morning.contains(minuteOfDay: 6 * 60) && !morning.contains(minuteOfDay: 0))
        #expect(QuietHours("25:00-07:00") == nil && QuietHours("07:00-07:00") == nil && QuietHours("7") == nil)
    }
}

@Suite struct NoticePlannerTests {
    let planner = NoticePlanner(calendar: .china, deadlineDays: 5)
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }
    func item(_ id: String) -> NoticeItem {
        NoticeItem(fingerprint: id, rule: .lateDisclosure, description: id, clause: "附件1 第十条", url: "http://127.0.0.1/\(id)", points: 1)
    }

    @Test func aNoticePerUnitWithADeadlineInWorkingDaysAcrossNationalDay() throws {
        let plan = try planner.plan(
            active: [], open: [("a", item("a1")), ("b", item("b1")), ("a", item("a2"))], today: day("2026-09-29"))
        #expect(plan.issue.map(\.unitID) == ["a", "b"])
        #expect(plan.issue[0].items.map(\.fingerprint) == ["a1", "a2"])
        // 09-30 is the 1st working day; 10-01…10-07 are off; 10-08, 10-09, the make-up Saturday 10-10 and 10-12 follow.
        #expect(plan.issue[0].deadline == day("2026-10-12"))
        #expect(plan.rectified.isEmpty && plan.overdue.isEmpty)
    }

    @Test func issuedStaysUntilTheDeadlineThenGoesOverdueWithAFollowUp() throws {
        let notice = ActiveNotice(id: 7, unitID: "a", status: .issued, issuedOn: day("2026-09-29"), deadline: day("2026-10-12"), items: [item("a1"), item("a2")])
        let onDeadline = try planner.plan(active: [notice], open: [("a", item("a2"))], today: day("2026-10-12"))
        #expect(onDeadline.isEmpty)  // one problem fixed, one open, the deadline is today: still in time
        let after = try planner.plan(active: [notice], open: [("a", item("a2"))], today: day("2026-10-13"))
        #expect(after.overdue == [7])
        #expect(after.issue.count == 1)
        #expect(after.issue[0].followUpOf == 7 && after.issue[0].items.map(\.fingerprint) == ["a2"])
        #expect(after.issue[0].deadline == day("2026-10-20"))
        // An overdue notice is not escalated twice.
        var overdue = notice
        overdue.status = .overdue
        #expect(try planner.plan(active: [overdue], open: [("a", item("a2"))], today: day("2026-10-14")).isEmpty)
    }

    @Test func rectifiedWhenEveryListedProblemIsResolved() throws {
        let notice = ActiveNotice(id: 3, unitID: "a", status: .overdue, issuedOn: day("2026-09-29"), deadline: day("2026-10-12"), items: [item("a1"), item("a2")])
        let plan = try planner.plan(active: [notice], open: [("a", item("a9"))], today: day("2026-10-20"))
        #expect(plan.rectified == [3])
        // The unit's new problem gets a notice of its own.
        #expect(plan.issue.map { $0.items.map(\.fingerprint) } == [["a9"]] && plan.issue[0].followUpOf == nil)
    }

    @Test func aYearWithoutCalendarDataIsAnErrorNotAGuess() {
        #expect(throws: CalendarError(year: 2061)) {
            try planner.plan(active: [], open: [("a", item("a1"))], today: day("2060-12-30"))
        }
    }

    @Test func aDeadlineIntoAProvisionalYearIsMarkedAndCountedAgainWhenTheNoticeArrives() throws {
        let plan = try planner.plan(active: [], open: [("a", item("a1"))], today: day("2026-12-28"))
        #expect(plan.issue.map(\.deadline) == [day("2027-01-05")] && plan.issue[0].provisional)
        let issued = ActiveNotice(
            id: 9, unitID: "a", status: .issued, issuedOn: day("2026-12-28"), deadline: day("2027-01-05"), provisional: true,
            items: [item("a1")])
        // Nothing changes while the calendar is still provisional.
        #expect(try planner.plan(active: [issued], open: [("a", item("a1"))], today: day("2026-12-30")).isEmpty)
        // The 2027 notice gives 01-04 off too (say): the deadline moves, and says from where.
        let official = NoticePlanner(
            calendar: .china.overlaid(with: [
                HolidayDay(date: day("2027-01-01"), kind: .off), HolidayDay(date: day("2027-01-04"), kind: .off),
            ]))
        let recount = try official.plan(active: [issued], open: [("a", item("a1"))], today: day("2026-12-30"))
        #expect(recount.deadlineChanges == [DeadlineChange(noticeID: 9, from: day("2027-01-05"), to: day("2027-01-06"), provisional: false)])
        // The same days as the provisional count: no move, but the deadline is official now.
        let same = NoticePlanner(calendar: .china.overlaid(with: [HolidayDay(date: day("2027-01-01"), kind: .off)]))
        #expect(
            try same.plan(active: [issued], open: [("a", item("a1"))], today: day("2026-12-30")).deadlineChanges
                == [DeadlineChange(noticeID: 9, from: day("2027-01-05"), to: day("2027-01-05"), provisional: false)])
    }
}
