/// One line of the evaluation table: what is assessed and how many points it holds.
public struct RubricLine: Sendable, Hashable, Codable {
    /// A stable ASCII id for commands (`content-timely`).
    public var id: String
    /// The short Chinese name (`按目录及时更新`).
    public var name: String
    public var category: String
    public var points: Double
    /// 具体内容.
    public var text: String
    /// 评分标准.
    public var deduction: String

    public init(id: String, name: String, category: String, points: Double, text: String, deduction: String) {
        self.id = id
        self.name = name
        self.category = category
        self.points = points
        self.text = text
        self.deduction = deduction
    }
}

/// A category of the table (组织领导 15 …).
public struct RubricCategory: Sendable, Hashable, Codable {
    public var name: String
    public var points: Double

    public init(name: String, points: Double) {
        self.name = name
        self.points = points
    }
}

/// What a finding of a rule costs: the line it is deducted on and the points per occurrence.
public struct RuleDeduction: Sendable, Hashable, Codable {
    public var line: String
    public var points: Double
    /// Higher points when an evidence item has a given value (保密审查意见 = 免于公开 → 3).
    public var pointsWhen: [EvidencePoints]

    public init(line: String, points: Double, pointsWhen: [EvidencePoints] = []) {
        self.line = line
        self.points = points
        self.pointsWhen = pointsWhen
    }

    /// A mapping that costs nothing (`points: 0`): the rule is reported, never deducted.
    public var isFree: Bool { points == 0 && pointsWhen.allSatisfy { $0.points == 0 } }

    /// The points a finding costs.
    public func points(for finding: Finding) -> Double {
        pointsWhen.first { rule in finding.evidence.contains { $0.label == rule.label && $0.value == rule.value } }?.points
            ?? points
    }
}

/// A points override keyed by an evidence item.
public struct EvidencePoints: Sendable, Hashable, Codable {
    public var label: String
    public var value: String
    public var points: Double

    public init(label: String, value: String, points: Double) {
        self.label = label
        self.value = value
        self.points = points
    }
}

/// A rubric problem that makes the file unusable.
public struct RubricError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The evaluation table (附件11 附件 by default) as data, with the rule → line mapping.
public struct Rubric: Sendable, Hashable, Codable {
    public var name: String
    public var categories: [RubricCategory]
    public var lines: [RubricLine]
    public var rules: [RuleID: RuleDeduction]
    /// Points off the total for falsification (弄虚作假), e.g. 2...5.
    public var fraudRange: ClosedRange<Double>

    /// The one answer to "does this finding cost points": a violation or severe finding of a
    /// rule the rubric maps to a line (预警 never costs). Deductions, notices and the digest ask it.
    public func deduction(for finding: Finding) -> RuleDeduction? {
        guard finding.severity != .warning, let d = rules[finding.rule], !d.isFree else { return nil }
        return d
    }

    /// True when `finding` costs points under this rubric.
    public func costsPoints(_ finding: Finding) -> Bool { deduction(for: finding) != nil }

    /// A checked rubric: lines add up to their categories, categories to 100, every rule
    /// maps to a known line.
    public init(
        name: String, categories: [RubricCategory], lines: [RubricLine], rules: [RuleID: RuleDeduction],
        fraudRange: ClosedRange<Double> = 2...5
    ) throws(RubricError) {
        self.name = name
        self.categories = categories
        self.lines = lines
        self.rules = rules
        self.fraudRange = fraudRange
        var ids = Set<String>()
        for line in lines where !ids.insert(line.id).inserted { throw RubricError("line id '\(line.id)' appears twice") }
        for c in categories {
            let sum = lines.filter { $0.category == c.name }.reduce(0) { $0 + $1.points }
            guard abs(sum - c.points) < 0.001 else {
                throw RubricError("category \(c.name): its lines add up to \(Self.format(sum)), not \(Self.format(c.points))")
            }
        }
        if let orphan = lines.first(where: { l in !categories.contains { $0.name == l.category } }) {
            throw RubricError("line '\(orphan.id)' names category '\(orphan.category)', which is not declared")
        }
        let total = categories.reduce(0) { $0 + $1.points }
        guard abs(total - 100) < 0.001 else { throw RubricError("categories add up to \(Self.format(total)), not 100") }
        for (rule, d) in rules.sorted(by: { $0.key < $1.key }) where !ids.contains(d.line) && !d.isFree {
            throw RubricError("rule \(rule) is mapped to line '\(d.line)', which is not in the table")
        }
    }

    /// The line with this id or Chinese name.
    public func line(_ key: String) -> RubricLine? { lines.first { $0.id == key || $0.name == key } }

    public static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
