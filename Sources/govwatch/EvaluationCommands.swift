import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchReport
import GovWatchStore

/// Options shared by the evaluation commands.
struct EvaluationOptions: ParsableArguments {
    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Evaluation period (calendar year); default: this year in Asia/Shanghai.") var year: Int?
    @Option(help: "Rubric file (YAML) or a shipped rubric's name (national-2019: per site); default: 附件11 of 阿尔山市 (2021).")
    var rubric: String?

    var period: Int { year ?? ShanghaiClock.today().year }

    func evaluation() throws -> Evaluation {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
        return Evaluation(database: try AppDatabase(path: db), rubric: try RubricLoader.load(rubric))
    }
}

/// `govwatch deduct`: what no crawler can see, fraud, and corrections after 复核.
struct DeductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deduct",
        abstract: "Record a manual deduction, a fraud deduction, or revoke one (all audited).",
        discussion: """
            govwatch deduct --db F --unit U --line LINE --points N --reason "…" [--evidence URL] --by NAME
            govwatch deduct --db F --unit U --fraud --points 2..5 --reason "…" --by NAME
            govwatch deduct --db F --revoke ID --reason "…" --by NAME
            """)

    @OptionGroup var options: EvaluationOptions
    @Option(help: "Unit id.") var unit: String?
    @Option(help: "Rubric line: its id (content-timely) or name (按目录及时更新).") var line: String?
    @Option(help: "Points to deduct.") var points: Double?
    @Flag(help: "弄虚作假: points off the total (附件11 第十二条).") var fraud = false
    @Option(help: "Revoke the deduction with this id.") var revoke: Int64?
    @Option(help: "Why (required).") var reason: String
    @Option(help: "Evidence URL.") var evidence: String?
    @Option(help: "Who decides (required).") var by: String

    func run() throws {
        let evaluation = try options.evaluation()
        let today = ShanghaiClock.today()
        // A StoreError ends the command with "Error: <message>", without the usage text.
        if let revoke {
            try evaluation.revoke(id: revoke, reason: reason, by: by)
            print("deduction \(revoke) revoked")
            return
        }
        guard let unit else { throw ValidationError("--unit is required") }
        guard let points else { throw ValidationError("--points is required") }
        let id: Int64
        if fraud {
            id = try evaluation.deductFraud(
                unit: unit, points: points, reason: reason, evidence: evidence, by: by, period: options.period, on: today)
        } else {
            guard let line else { throw ValidationError("--line is required (or --fraud)") }
            id = try evaluation.deduct(
                unit: unit, line: line, points: points, reason: reason, evidence: evidence, by: by, period: options.period,
                on: today)
        }
        print("deduction \(id) recorded for \(unit) in \(options.period)")
    }
}

/// `govwatch score`: each unit's score on the table.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Each unit's score, by category and line, with its grade.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var options: EvaluationOptions
    @Option(help: "Only this unit, line by line.") var unit: String?
    @Option(help: "Output format: table or json.") var format: Format = .table

    func run() throws {
        if let name = options.rubric, let site = try siteRubric(name) {
            guard FileManager.default.fileExists(atPath: options.db) else { throw ValidationError("no database at \(options.db)") }
            let verdicts = try SiteScores.verdicts(try AppDatabase(path: options.db), rubric: site)
            print(format == .json ? try jsonText(verdicts) : SiteScores.text(verdicts, rubric: site), terminator: format == .json ? "\n" : "")
            return
        }
        let evaluation = try options.evaluation()
        let scores: [UnitScore]
        scores = try evaluation.scores(period: options.period, unit: unit)
        let units = try evaluation.database.units()
        switch format {
        case .json:
            print(try jsonText(scores))
        case .table:
            print("\(evaluation.rubric.name) — \(options.period)年")
            if unit != nil, let s = scores.first {
                print(ScoreTable.lines(s), terminator: "")
            } else {
                print(ScoreTable.summary(scores, rubric: evaluation.rubric, units: units), terminator: "")
            }
        }
    }
}

/// The per-site rubric `name` (a shipped one such as `national-2019`, or a file with
/// `site_rubric:`), or nil when it names a city rubric.
func siteRubric(_ name: String) throws -> SiteRubric? {
    guard SiteRubricLoader.shipped[name] != nil || FileManager.default.fileExists(atPath: name) else { return nil }
    let (text, file) = try SiteRubricLoader.text(name)
    return SiteRubricLoader.isSiteRubric(text) ? try SiteRubricLoader.parse(text, file: file) : nil
}

/// `govwatch export`: the deduction log and the score sheet for Excel or machines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the year's deduction log and score sheet as csv, xlsx or json.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, xlsx, json }

    @OptionGroup var options: EvaluationOptions
    @Option(help: "csv, xlsx or json.") var format: Format
    @Option(help: "Output file (csv: the log; the score sheet goes beside it as NAME-scores.csv).") var out: String

    func run() throws {
        let sheet = try YearEndPack.sheet(try options.evaluation(), year: options.period)
        let url = URL(fileURLWithPath: out)
        switch format {
        case .csv:
            try CSVExport.render(header: EvaluationSheet.logHeader, rows: sheet.log).write(to: url)
            let scores = url.deletingPathExtension().path + "-scores.csv"
            try CSVExport.render(header: sheet.scoreHeader, rows: sheet.scores).write(to: URL(fileURLWithPath: scores))
            print("wrote \(out) (\(sheet.log.count) deductions) and \(scores) (\(sheet.scores.count) units)")
        case .xlsx:
            try XLSXExport.write(sheet, to: out)
            print("wrote \(out): 扣分明细 (\(sheet.log.count) rows), 得分汇总 (\(sheet.scores.count) rows), 图表; print-ready")
        case .json:
            try JSONExport(sheet).encoded().write(to: url)
            print("wrote \(out)")
        }
    }
}

/// `govwatch report year YEAR`: the 考评结果通报 (附件11 第八条).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Official documents of the evaluation.", subcommands: [YearReportCommand.self])
}

struct YearReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year",
        abstract: "The year's 考评结果通报: units by grade, the most frequent problems, 通报批评, fraud, reports received.",
        discussion: """
            govwatch report year 2026 --db F [--config govwatch.yaml] [--format docx|html] [--out FILE] [--number N]
            The number is PREFIX发〔YEAR〕N号 with the config's number_prefix; the issuer and the templates \
            (report.html) come from the config too. html is A4 and print-ready (a browser's print to PDF).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case docx, html }

    @Argument(help: "The evaluation year.") var year: Int
    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Daemon config (YAML) for number prefix, issuer, templates and rubric.") var config: String?
    @Option(help: "docx or html.") var format: Format = .docx
    @Option(help: "Output file; default: report-YEAR.docx or .html here.") var out: String?
    @Option(help: "The document's number in the year (N of 〔YEAR〕N号).") var number: Int = 1
    @Option(help: "Date of issue (YYYY-MM-DD); default: today in Asia/Shanghai.") var date: String?

    func run() throws {
        let settings = try PostOptions.parse(["--db", db] + (config.map { ["--config", $0] } ?? [])).settings()
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
        guard let issued = date.map({ CivilDate(iso: $0) }) ?? ShanghaiClock.today() else {
            throw ValidationError("--date takes YYYY-MM-DD")
        }
        let evaluation = Evaluation(database: try AppDatabase(path: db), rubric: settings.rubric)
        let report = try YearEndPack.report(
            evaluation, year: year, delivery: settings.config.delivery, sequence: number, issuedOn: issued)
        let bytes: [UInt8] =
            switch format {
            case .docx: try report.docx()
            case .html: Array(report.html(templates: settings.templates).utf8)
            }
        try writeOut(bytes, to: out ?? "\(report.fileStem).\(format.rawValue)")
    }
}

/// Score tables for the terminal.
enum ScoreTable {
    static func summary(_ scores: [UnitScore], rubric: Rubric, units: [StoredUnit]) -> String {
        let names = units.fullNames
        let table = TextTable(header: ["单位"] + rubric.categories.map { "\($0.name)(\(Rubric.format($0.points)))" } + ["弄虚作假", "总分", "等次"])
        for s in scores {
            table.add(
                [names[s.unitID] ?? s.unitID] + rubric.categories.map { "-" + Rubric.format(s.lost(in: $0.name)) }
                    + ["-" + Rubric.format(s.fraud), Rubric.format(s.total), s.grade.rawValue])
        }
        return table.render()
    }

    static func lines(_ s: UnitScore) -> String {
        let table = TextTable(header: ["项目", "考评内容", "分值", "扣分项数", "扣分"])
        for l in s.lines {
            table.add([l.line.category, l.line.name, Rubric.format(l.line.points), "\(l.count)", "-" + Rubric.format(l.lost)])
        }
        return table.render() + "弄虚作假 -\(Rubric.format(s.fraud))    总分 \(Rubric.format(s.total))    等次 \(s.grade.rawValue)\n"
    }
}
