import Testing

@testable import GovWatchCore

@Suite struct WorkdayCalendarTests {
    let calendar = WorkdayCalendar.china
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test func nationalDay2025() throws {
        // 10-01…10-08 off; 09-28 (Sunday) and 10-11 (Saturday) worked.
        #expect(try calendar.isWorkingDay(day("2025-09-28")))
        #expect(try !calendar.isWorkingDay(day("2025-10-06")))
        #expect(try calendar.isWorkingDay(day("2025-10-11")))
        #expect(try calendar.addWorkingDays(day("2025-09-30"), 1) == day("2025-10-09"))
        #expect(try calendar.addWorkingDays(day("2025-09-30"), 20) == day("2025-11-04"))
        #expect(try calendar.workingDays(from: day("2025-09-30"), to: day("2025-11-04")) == 20)
        #expect(try calendar.workingDays(from: day("2025-09-30"), to: day("2025-11-03")) == 19)
        #expect(try calendar.workingDays(from: day("2025-09-30"), to: day("2025-10-08")) == 0)
    }

    @Test func springFestival2026() throws {
        // 02-15…02-23 off; 02-14 (Saturday) and 02-28 (Saturday) worked.
        #expect(try calendar.isWorkingDay(day("2026-02-14")))
        #expect(try !calendar.isWorkingDay(day("2026-02-16")))  // a Monday off
        #expect(try calendar.isWorkingDay(day("2026-02-28")))
        #expect(try calendar.addWorkingDays(day("2026-02-13"), 1) == day("2026-02-14"))
        #expect(try calendar.addWorkingDays(day("2026-02-14"), 1) == day("2026-02-24"))
        #expect(try calendar.workingDays(from: day("2026-02-12"), to: day("2026-03-02")) == 8)
    }

    @Test func aYearOutsideTheDataReportsItself() {
        #expect(throws: CalendarError(year: 2061)) { try calendar.addWorkingDays(day("2060-12-30"), 5) }
        #expect(throws: CalendarError(year: 2018)) { try calendar.isWorkingDay(day("2018-06-01")) }
        #expect(CalendarError(year: 2061).description.contains("2061"))
    }

    @Test func theYearAfterTheDataIsProvisionalFromTheStatutoryHolidays() throws {
        #expect(calendar.officialYears == Set(2019...2026))
        #expect(calendar.isProvisional(day("2027-03-01")) && !calendar.isProvisional(day("2026-12-31")))
        #expect(calendar.isProvisional(from: day("2026-12-28"), through: day("2027-01-05")))
        #expect(!calendar.isProvisional(from: day("2026-12-01"), through: day("2026-12-08")))
        // 元旦 2027 is a Friday; Monday 01-04 works.
        #expect(try calendar.addWorkingDays(day("2026-12-28"), 5) == day("2027-01-05"))
        // 春节 2027: 除夕 02-05 (Fri) to 初三 02-08 (Mon); 02-06 and 02-07 fall on the weekend and
        // are given back on 02-09 and 02-10. No make-up Saturday is invented.
        #expect(try calendar.addWorkingDays(day("2027-02-04"), 1) == day("2027-02-11"))
        #expect(try calendar.isWorkingDay(day("2027-02-13")) == false)
        // 国庆 2027: 10-01 (Fri) to 10-03 (Sun); the weekend days come back on 10-04 and 10-05.
        #expect(try !calendar.isWorkingDay(day("2027-10-05")) && calendar.isWorkingDay(day("2027-10-06")))
    }

    @Test func anOverrideFileAddsAYear() throws {
        let entries = try WorkdayCalendar.parse(
            tsv: "\u{FEFF}date\tkind\tname\r\n# 2027\r\n2027-01-01\toff\t元旦\r\n2027-02-06 work 春节\r\n", file: "h.tsv")
        #expect(entries.map(\.name) == ["元旦", "春节"])
        let extended = calendar.overlaid(with: entries)
        #expect(try !extended.isWorkingDay(day("2027-01-01")))
        #expect(try extended.isWorkingDay(day("2027-02-06")))
        #expect(try extended.addWorkingDays(day("2026-12-31"), 1) == day("2027-01-04"))
        // The year is official now: only its file's days are off, nothing provisional remains.
        #expect(!extended.isProvisional(day("2027-02-08")) && extended.officialYears.contains(2027))
        #expect(try extended.isWorkingDay(day("2027-02-08")))
        #expect(extended.provisionalYears.contains(2028))
    }

    @Test(arguments: [
        ("2027-01-01\tholiday", "h.tsv:1: expected off or work, got 'holiday'"),
        ("2027/1/1\toff", "h.tsv:1: '2027/1/1' is not a YYYY-MM-DD date"),
        ("# c\n2027-01-01", "h.tsv:2: expected 'YYYY-MM-DD<TAB>off|work', got '2027-01-01'"),
    ])
    func badHolidayFiles(text: String, message: String) {
        #expect(throws: HolidayFileError.self) { try WorkdayCalendar.parse(tsv: text, file: "h.tsv") }
        do {
            _ = try WorkdayCalendar.parse(tsv: text, file: "h.tsv")
        } catch {
            #expect(error.description == message)
        }
    }
}
