/// Where a deduction comes from.
public enum DeductionSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// From a finding of a rule.
    case automatic
    /// Entered by an evaluator for what no crawler sees.
    case manual
    /// 弄虚作假: points off the total, not off a line (附件11 第十二条).
    case fraud
}

/// One deduction as the scorer sees it.
public struct Deduction: Sendable, Hashable, Codable {
    public var id: Int64
    public var unitID: String
    /// The rubric line; nil for fraud.
    public var lineID: String?
    public var points: Double
    public var source: DeductionSource
    /// The finding it comes from (automatic deductions): one problem, one deduction.
    public var findingFingerprint: String?
    public var revoked: Bool

    public init(
        id: Int64, unitID: String, lineID: String?, points: Double, source: DeductionSource,
        findingFingerprint: String? = nil, revoked: Bool = false
    ) {
        self.id = id
        self.unitID = unitID
        self.lineID = lineID
        self.points = points
        self.source = source
        self.findingFingerprint = findingFingerprint
        self.revoked = revoked
    }
}

/// The grade of a total (附件11 第五条): 90 and above 优秀, 70 to below 90 合格, below 70 不合格.
public enum Grade: String, Sendable, Hashable, Codable {
    case excellent = "优秀"
    case pass = "合格"
    case fail = "不合格"

    public init(total: Double) {
        self = total >= 90 ? .excellent : total >= 70 ? .pass : .fail
    }
}

/// A unit's score on one line.
public struct LineScore: Sendable, Hashable, Codable {
    public var line: RubricLine
    /// Points the deductions ask for, before the cap.
    public var deducted: Double
    /// Points lost: the deductions, capped at the line's points (扣完为止).
    public var lost: Double
    public var count: Int
}

/// A unit's score on the whole table.
public struct UnitScore: Sendable, Hashable, Codable {
    public var unitID: String
    public var lines: [LineScore]
    public var fraud: Double
    public var total: Double
    public var grade: Grade

    /// Points lost per category, in the rubric's order.
    public func lost(in category: String) -> Double {
        lines.filter { $0.line.category == category }.reduce(0) { $0 + $1.lost }
    }
}

/// The pure scorer: line caps, one problem in one place, manual and fraud deductions, grades.
public enum Scorer {
    public static func score(unitID: String, deductions: [Deduction], rubric: Rubric) -> UnitScore {
        var seenFindings = Set<String>()
        var byLine: [String: (points: Double, count: Int)] = [:]
        var fraud = 0.0
        for d in deductions where d.unitID == unitID && !d.revoked {
            if let f = d.findingFingerprint, !seenFindings.insert(f).inserted { continue }  // 同1个问题只在1处扣分
            switch d.source {
            case .fraud: fraud += d.points
            case .automatic, .manual:
                guard let line = d.lineID else { continue }
                byLine[line, default: (0, 0)].points += d.points
                byLine[line, default: (0, 0)].count += 1
            }
        }
        return score(unitID: unitID, lineTotals: byLine, fraud: fraud, rubric: rubric)
    }

    /// The score from points already summed per rubric line (each finding once) and the fraud points.
    public static func score(unitID: String, lineTotals byLine: [String: (points: Double, count: Int)], fraud: Double, rubric: Rubric) -> UnitScore {
        let lines = rubric.lines.map { line in
            let d = byLine[line.id] ?? (0, 0)
            return LineScore(line: line, deducted: d.points, lost: min(d.points, line.points), count: d.count)
        }
        let total = max(0, 100 - lines.reduce(0) { $0 + $1.lost } - fraud)
        return UnitScore(unitID: unitID, lines: lines, fraud: fraud, total: total, grade: Grade(total: total))
    }
}
