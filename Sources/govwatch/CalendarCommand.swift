import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon

/// `govwatch calendar`: the working-day calendar, for operators.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Working-day arithmetic with China's holidays and make-up days.",
        subcommands: [Add.self, Between.self, Years.self, Import.self])

    struct Options: ParsableArguments {
        @Option(help: "A holiday override file (YYYY-MM-DD<TAB>off|work per line).") var holidays: String?
    }

    /// `（暂定）` after an answer that used a provisional year.
    static func mark(_ provisional: Bool) -> String { provisional ? "（暂定）" : "" }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The day N working days after DATE.")
        @Argument(help: "YYYY-MM-DD") var date: String
        @Argument(help: "Working days to add.") var days: Int
        @OptionGroup var options: Options

        func run() throws {
            let day = try parseDay(date)!
            guard days >= 0 else { throw ValidationError("N must be 0 or more") }
            let calendar = try loadCalendar(options.holidays)
            do {
                let answer = try calendar.addWorkingDays(day, days)
                print("\(answer)\(CalendarCommand.mark(calendar.isProvisional(from: day, through: answer)))")
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    struct Between: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Working days after A up to and including B.")
        @Argument(help: "YYYY-MM-DD") var from: String
        @Argument(help: "YYYY-MM-DD") var to: String
        @OptionGroup var options: Options

        func run() throws {
            let calendar = try loadCalendar(options.holidays)
            let (a, b) = (try parseDay(from)!, try parseDay(to)!)
            do {
                print("\(try calendar.workingDays(from: a, to: b))\(CalendarCommand.mark(calendar.isProvisional(from: a, through: b)))")
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    struct Years: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The years the calendar covers: official (from a notice) or provisional (statutory holidays only).")
        @OptionGroup var options: Options

        func run() throws {
            let calendar = try loadCalendar(options.holidays)
            let official = calendar.officialYears.sorted()
            let provisional = calendar.provisionalYears.sorted()
            print("official: \(YearRanges.text(official))")
            print("provisional（暂定）: \(YearRanges.text(provisional))")
            if let warning = CalendarWatch.warning(calendar, today: ShanghaiClock.today()) { print("warning: \(warning)") }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as text.",
            discussion: """
                Prints the year's holiday file (YYYY-MM-DD<TAB>off|work<TAB>name); --out writes it. Name that file in \
                the daemon's holidays: (or pass --holidays) and reload: provisional deadlines are counted again.
                """)
        @Argument(help: "The notice as text (UTF-8 or GBK), copied from the published notice.") var file: String
        @Option(help: "The year, when the text has no heading that names it.") var year: Int?
        @Option(help: "Write the holiday file here instead of printing it.") var out: String?

        func run() throws {
            let text = try EditedFile.text(file, allowGB18030: true)
            let notice: (year: Int, days: [HolidayDay])
            do {
                notice = try HolidayNotice.parse(text, file: file, year: year)
            } catch {
                throw ValidationError(error.description)
            }
            let body = HolidayNotice.holidayFile(
                year: notice.year, days: notice.days, source: URL(fileURLWithPath: file).lastPathComponent)
            if let out {
                try body.write(toFile: out, atomically: true, encoding: .utf8)
                let off = notice.days.filter { $0.kind == .off }.count
                print("\(out): \(notice.year), \(off) days off, \(notice.days.count - off) make-up working days")
            } else {
                print(body, terminator: "")
            }
        }
    }
}

/// `2019–2026, 2028` for a sorted list of years.
enum YearRanges {
    static func text(_ years: [Int]) -> String {
        guard !years.isEmpty else { return "none" }
        var runs: [(Int, Int)] = []
        for y in years {
            if let last = runs.last, last.1 == y - 1 { runs[runs.count - 1].1 = y } else { runs.append((y, y)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
    }
}
