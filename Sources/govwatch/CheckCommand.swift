import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchStore

/// `govwatch check`: crawl, apply every rule, store the findings.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Crawl every probe, apply the rules as of a day, and store the findings.")

    @Option(help: "Directory of probe files (*.yaml).") var probes: String
    @Option(help: "SQLite database file.") var db: String
    @Option(name: .customLong("as-of"), help: "Evaluate as of this day (YYYY-MM-DD); default: today in Asia/Shanghai.")
    var asOf: String?
    @Option(help: "A holiday override file (YYYY-MM-DD<TAB>off|work per line) for years the shipped calendar lacks.")
    var holidays: String?
    @Flag(help: "Apply the rules to what is stored, without crawling.") var noCrawl = false

    func run() async throws {
        let day = try parseDay(asOf) ?? ShanghaiClock.today()
        let calendar = try loadCalendar(holidays)
        let database = try AppDatabase(path: db)
        for probe in try loadProbes(probes) {
            let report = try await Checker(probe: probe, database: database, calendar: calendar)
                .run(asOf: day, crawl: !noCrawl)
            if let crawl = report.crawl { print(summaryLine(probe: probe, crawl)) }
            let r = report.reconcile
            print("\(probe.id): \(report.findings.count) findings as of \(day) — new \(r.new), seen again \(r.seenAgain), reopened \(r.reopened), resolved \(r.resolved)")
            print(FindingsTable.summary(report.findings, units: probe.units), terminator: "")
            for line in NoteSummary.lines(report.notes) { FileHandle.standardError.write(Data("note: \(line)\n".utf8)) }
        }
    }
}

/// A `YYYY-MM-DD` option, or a clean usage error.
func parseDay(_ text: String?) throws -> CivilDate? {
    guard let text else { return nil }
    guard let day = CivilDate(iso: text) else { throw ValidationError("'\(text)' is not a YYYY-MM-DD date") }
    return day
}

/// The shipped calendar, with an operator's override file laid over it.
func loadCalendar(_ path: String?) throws -> WorkdayCalendar {
    guard let path else { return .china }
    let text = try EditedFile.text(path)
    do {
        return WorkdayCalendar.china.overlaid(with: try WorkdayCalendar.parse(tsv: text, file: path))
    } catch {
        throw ValidationError(error.description)
    }
}
