import Testing

@testable import GovWatchCore

@Suite struct DateScannerTests {
    @Test(arguments: [
        ("2025-03-05 10:30", "2025-03-05", 630),
        ("2025年3月5日", "2025-03-05", nil),
        ("2025年03月05日", "2025-03-05", nil),
        ("发布时间：2025年03月05日 08:05", "2025-03-05", 485),
        ("2025/3/5", "2025-03-05", nil),
        ("2025.03.05", "2025-03-05", nil),
        ("[2024-12-31]", "2024-12-31", nil),
        ("成文日期：2021年 3月 25日", "2021-03-25", nil),
    ] as [(String, String, Int?)])
    func findsDates(text: String, expected: String, minute: Int?) {
        let found = DateScanner.firstDate(in: text)
        #expect(found?.date.description == expected)
        #expect(found?.minuteOfDay == minute)
    }

    @Test(arguments: ["2025-02-30", "2025-13-01", "20250305", "阿政发〔2025〕12号", "12025-03-05", "2025年3月", ""])
    func rejectsNonDates(text: String) {
        #expect(DateScanner.firstDate(in: text) == nil)
    }

    @Test func civilDateArithmetic() throws {
        let d = try #require(CivilDate(year: 2024, month: 2, day: 28))
        #expect(d.adding(days: 1).description == "2024-02-29")
        #expect(d.adding(days: 2).description == "2024-03-01")
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CivilDate(iso: "2026-11-24")?.weekday == 2)  // a Tuesday
        #expect(CivilDate(iso: "2026-10-01")!.days(until: CivilDate(iso: "2026-10-08")!) == 7)
        #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
    }
}

@Suite struct FeedDateTests {
    @Test func rfc822InShanghai() {
        let d = FeedDate.parse("Tue, 04 Mar 2025 20:30:00 +0000")
        #expect(d?.date.description == "2025-03-05")  // 04:30 next day in Shanghai
        #expect(d?.minuteOfDay == 270)
        #expect(FeedDate.parse("Wed, 05 Mar 2025 10:30:00 +0800")?.minuteOfDay == 630)
        #expect(FeedDate.parse("05 Mar 2025 10:30:00 GMT")?.date.description == "2025-03-05")
    }

    @Test func rfc3339() {
        #expect(FeedDate.parse("2025-03-04T17:00:00Z")?.date.description == "2025-03-05")
        #expect(FeedDate.parse("2025-03-05T10:30:00+08:00")?.minuteOfDay == 630)
        #expect(FeedDate.parse("2025-03-05")?.date.description == "2025-03-05")
    }

    @Test func unixSeconds() {
        let d = FeedDate.shanghai(unixSeconds: 1_790_820_000)  // 2026-10-01 10:00 +08:00
        #expect(d.date.description == "2026-10-01")
        #expect(d.minuteOfDay == 600)
    }
}
