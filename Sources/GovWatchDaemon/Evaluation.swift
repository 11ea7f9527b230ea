import Foundation
import GovWatchCore
import GovWatchStore

/// Evaluators' operations on the deduction log: manual and fraud deductions, revocations,
/// and the scores of a period. Every input is checked before anything is written.
public struct Evaluation: Sendable {
    public let database: AppDatabase
    public let rubric: Rubric

    public init(database: AppDatabase, rubric: Rubric) {
        self.database = database
        self.rubric = rubric
    }

    /// A manual deduction on a line, for what a crawler cannot see.
    public func deduct(unit: String, line key: String, points: Double, reason: String, evidence: String?, by: String, period: Int, on day: CivilDate) throws -> Int64 {
        try checkUnit(unit)
        guard let line = rubric.line(key) else {
            throw StoreError("unknown line '\(key)'; lines: \(rubric.lines.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))")
        }
        guard points > 0, points <= line.points else {
            throw StoreError("points must be more than 0 and at most \(Rubric.format(line.points)) on \(line.id) (\(line.name)), got \(Rubric.format(points))")
        }
        try checkReason(reason, by: by)
        return try database.addDeduction(
            ManualDeduction(period: period, unitID: unit, lineID: line.id, points: points, source: .manual, reason: reason, evidenceURL: evidence, by: by, on: day))
    }

    /// 弄虚作假 (附件11 第十二条): points off the total.
    public func deductFraud(unit: String, points: Double, reason: String, evidence: String?, by: String, period: Int, on day: CivilDate) throws -> Int64 {
        try checkUnit(unit)
        guard rubric.fraudRange.contains(points) else {
            throw StoreError("fraud costs \(Rubric.format(rubric.fraudRange.lowerBound)) to \(Rubric.format(rubric.fraudRange.upperBound)) points, got \(Rubric.format(points))")
        }
        try checkReason(reason, by: by)
        return try database.addDeduction(
            ManualDeduction(period: period, unitID: unit, lineID: nil, points: points, source: .fraud, reason: reason, evidenceURL: evidence, by: by, on: day))
    }

    public func revoke(id: Int64, reason: String, by: String) throws {
        try checkReason(reason, by: by)
        try database.revokeDeduction(id: id, reason: reason, by: by)
    }

    /// Every known unit's score in `period`, or one unit's.
    public func scores(period: Int, unit: String? = nil) throws -> [UnitScore] {
        if let unit { try checkUnit(unit) }
        let deductions = try database.deductions(period: period).map(\.deduction)
        let units = try database.units().map(\.id).filter { unit == nil || $0 == unit }
        return units.map { Scorer.score(unitID: $0, deductions: deductions, rubric: rubric) }
    }

    private func checkUnit(_ unit: String) throws {
        let known = try database.units().map(\.id)
        guard known.contains(unit) else {
            throw StoreError(known.isEmpty
                ? "unknown unit '\(unit)': no units yet (run govwatch check first)"
                : "unknown unit '\(unit)'; units: \(known.joined(separator: ", "))")
        }
    }

    private func checkReason(_ reason: String, by: String) throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError("a reason is required") }
        guard !by.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError("--by NAME is required") }
    }
}
