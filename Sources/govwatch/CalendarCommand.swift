import ArgumentParser
import GovWatchCore

/// `govwatch calendar`: the working-day calendar, for operators.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Working-day arithmetic with China's holidays and make-up days.",
        subcommands: [Add.self, Between.self])

    struct Options: ParsableArguments {
        @Option(help: "A holiday override file (YYYY-MM-DD<TAB>off|work per line).") var holidays: String?
    }

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
                print(try calendar.addWorkingDays(day, days))
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
            do {
                print(try calendar.workingDays(from: try parseDay(from)!, to: try parseDay(to)!))
            } catch let error as CalendarError {
                throw ValidationError(error.description)
            }
        }
    }
}
