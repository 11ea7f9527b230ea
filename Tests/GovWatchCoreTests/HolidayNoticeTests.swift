import Foundation
import Testing

@testable import GovWatchCore

/// The State Council's notice, read as text, and the provisional years made without it.
@Suite struct HolidayNoticeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/holiday-notices")

    func notice(_ year: Int) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent("\(year).txt"), encoding: .utf8)
    }

    func shipped(_ year: Int) throws -> [HolidayDay] {
        try WorkdayCalendar.parse(tsv: ChinaHolidays.tsv, file: "shipped").filter { $0.date.year == year }
    }

    @Test(arguments: [2025, 2026])
    func theNoticeImportsToExactlyTheShippedDays(year: Int) throws {
        let parsed = try HolidayNotice.parse(try notice(year), file: "\(year).txt")
        #expect(parsed.year == year)
        #expect(parsed.days == (try shipped(year)))
        // And the holiday file it prints reads back the same.
        let file = HolidayNotice.holidayFile(year: year, days: parsed.days, source: "\(year).txt")
        #expect(try WorkdayCalendar.parse(tsv: file, file: "out.tsv") == parsed.days)
    }

    @Test func anOlderNoticeWithFullWeekdayNamesAndNoWeekdaysOnRanges() throws {
        // The 2020 notice writes 星期日 and gives no weekday on its ranges. (The Spring Festival
        // was extended later by another notice; the shipped data has that, this one does not.)
        let parsed = try HolidayNotice.parse(try notice(2020), file: "2020.txt")
        let work = parsed.days.filter { $0.kind == .work }.map(\.date.description)
        #expect(work == ["2020-01-19", "2020-02-01", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"])
        #expect(parsed.days.filter { $0.kind == .off }.count == 1 + 7 + 3 + 5 + 3 + 8)
    }

    @Test func aRangeAcrossTheYearAndExplicitYears() throws {
        let text = """
            国务院办公厅关于2023年部分节假日安排的通知
            一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
            二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
            """
        let parsed = try HolidayNotice.parse(text, file: "2023.txt")
        #expect(parsed.days.prefix(3).map(\.date.description) == ["2022-12-31", "2023-01-01", "2023-01-02"])
        #expect(parsed.days.suffix(2).map(\.kind) == [.work, .work])
    }

    @Test(arguments: [
        ("国务院办公厅关于2025年部分节假日安排的通知\n一、元旦：1月1日（周四）放假1天，不调休。",
         "n.txt:2: '1月1日（周四）': 2025-01-01 is a 周三, not 周四"),
        ("国务院办公厅关于2025年部分节假日安排的通知\n\n三、清明节：4月4日（周五）至6日（周日）放假，共4天。",
         "n.txt:3: '4月4日（周五）至6日（周日）放假，共4天': 共4天, but the range has 3 days"),
        ("国务院办公厅关于2025年部分节假日安排的通知\n一、元旦：另行通知。", "n.txt:2: '一、元旦：另行通知。': no 放假 days read"),
        ("国务院办公厅关于2025年部分节假日安排的通知\n二、春节：1月28日至2月4日放假调休，共8天。1月26日（周日）调休。",
         "n.txt:2: '1月26日（周日）调休': a date neither 放假 nor 上班"),
        ("一、元旦：1月1日放假。", "n.txt:1: no heading names the year (…关于YYYY年部分节假日安排的通知); give --year"),
        ("国务院办公厅关于2025年部分节假日安排的通知\n五、端午节：2月30日放假。", "n.txt:2: '2月30日' is not a date"),
    ])
    func aWrongNoticeIsRefusedWithItsLine(text: String, message: String) {
        do {
            _ = try HolidayNotice.parse(text, file: "n.txt")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func provisionalDaysAreAlwaysOffInTheOfficialYears() throws {
        // What the law alone gives is a subset of what each notice gave (the notices add
        // bridge days and make-up days, never take a statutory day away).
        for year in [2025, 2026] {
            let official = Set(try shipped(year).filter { $0.kind == .off }.map(\.date))
            let provisional = StatutoryHolidays.days(of: year)!
            #expect(provisional.count >= 13)  // 1 + 4 + 1 + 2 + 1 + 1 + 3 statutory days, some overlapping, plus days given back
            for day in provisional { #expect(official.contains(day.date), "\(day.line)") }
        }
    }

    @Test func aFestivalOnAWeekendOrOnAnotherFestivalIsGivenBack() throws {
        // 2031: 中秋 is 10-01 (Wed), on 国庆: the shared day comes back after 10-03 (Fri), on 10-06 (Mon).
        let days = Dictionary(uniqueKeysWithValues: StatutoryHolidays.days(of: 2031)!.map { ($0.date.description, $0.name) })
        #expect(days["2031-10-01"] == "国庆节、中秋节" || days["2031-10-01"] == "中秋节、国庆节")
        #expect(days["2031-10-06"] != nil && days["2031-10-07"] == nil)
        // 2028: 元旦 is a Saturday: Monday 01-03 is off.
        #expect(StatutoryHolidays.days(of: 2028)!.contains { $0.date.description == "2028-01-03" })
        #expect(StatutoryHolidays.days(of: 2024) == nil && StatutoryHolidays.days(of: 2061) == nil)
    }

    @Test func theLunarTableIsFoundationsChineseCalendar() throws {
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        for year in LunarDates.years {
            let f = try #require(LunarDates.festivals(of: year))
            for (date, month, day) in [(f.springFestival, 1, 1), (f.dragonBoat, 5, 5), (f.midAutumn, 8, 15)] {
                let noon = gregorian.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
                let lunar = chinese.dateComponents([.month, .day, .isLeapMonth], from: noon)
                #expect(lunar.month == month && lunar.day == day && lunar.isLeapMonth == false, "\(year) \(date)")
            }
        }
    }

    @Test func qingmingIsTheSolarTermOfTheShippedYears() throws {
        for year in 2019...2026 {
            let shippedQingming = try shipped(year).filter { $0.name == "清明节" && $0.kind == .off }.map(\.date)
            #expect(shippedQingming.contains(LunarDates.qingming(of: year)), "\(year)")
        }
        #expect(LunarDates.qingming(of: 2027) == CivilDate(iso: "2027-04-05"))
    }
}
