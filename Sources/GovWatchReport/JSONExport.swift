import Foundation
import GovWatchCore

/// The evaluation of a year for machines: the deduction log and the scores, keyed as the
/// spreadsheet's columns.
public struct JSONExport: Codable, Sendable, Equatable {
    public var year: Int
    public var rubric: String
    public var deductions: [[String: String]]
    public var scores: [[String: String]]

    public init(_ sheet: EvaluationSheet) {
        year = sheet.year
        rubric = sheet.rubric.name
        deductions = sheet.log.map { Dictionary(uniqueKeysWithValues: zip(EvaluationSheet.logHeader, $0.map(\.text))) }
        scores = sheet.scores.map { Dictionary(uniqueKeysWithValues: zip(sheet.scoreHeader, $0.map(\.text))) }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
