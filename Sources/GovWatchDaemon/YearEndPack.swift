import Foundation
import GovWatchCore
import GovWatchReport
import GovWatchStore

/// What evaluators take away at the end of a year: the score workbook and the 考评结果通报,
/// built from the store the same way for `govwatch export`, `govwatch report year` and the demo.
public enum YearEndPack {
    /// The deduction log, the score sheet and the open findings over the year.
    public static func sheet(_ evaluation: Evaluation, year: Int) throws -> EvaluationSheet {
        let db = evaluation.database
        return EvaluationSheet(
            year: year, rubric: evaluation.rubric, deductions: try db.deductions(period: year),
            scores: try evaluation.scores(period: year), units: try db.units(), findings: try db.findings())
    }

    /// The 通报 of `year`, numbered `PREFIX发〔YEAR〕N号` and signed by the configured issuer.
    public static func report(
        _ evaluation: Evaluation, year: Int, delivery: DeliverySettings, sequence: Int, issuedOn: CivilDate
    ) throws -> YearReport {
        let db = evaluation.database
        return YearReport(
            year: year, rubric: evaluation.rubric, scores: try evaluation.scores(period: year), units: try db.units(),
            deductions: try db.deductions(period: year), notices: try db.notices(), numberPrefix: delivery.numberPrefix,
            sequence: sequence, issuer: delivery.issuer, issuedOn: issuedOn)
    }

    /// Writes `report-YEAR.docx`, `report-YEAR.html` and `evaluation-YEAR.xlsx` into `directory`;
    /// returns their paths.
    public static func write(
        _ evaluation: Evaluation, year: Int, delivery: DeliverySettings, templates: Templates, issuedOn: CivilDate,
        to directory: String
    ) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let report = try report(evaluation, year: year, delivery: delivery, sequence: 1, issuedOn: issuedOn)
        let base = URL(fileURLWithPath: directory)
        let docx = base.appendingPathComponent(report.fileStem + ".docx")
        let html = base.appendingPathComponent(report.fileStem + ".html")
        let xlsx = base.appendingPathComponent("evaluation-\(year).xlsx")
        try Data(try report.docx()).write(to: docx, options: .atomic)
        try Data(report.html(templates: templates).utf8).write(to: html, options: .atomic)
        try XLSXExport.write(try sheet(evaluation, year: year), to: xlsx.path)
        return [docx.path, html.path, xlsx.path]
    }
}
