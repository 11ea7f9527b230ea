/// A checklist scored per site rather than per unit — the national 政府网站与政务新媒体检查指标
/// (国办秘函〔2019〕19号): veto lines (单项否决), any one of which fails the site, and deduction
/// items whose points add up; more than `failOver` points lost also fails it.
public struct SiteRubric: Sendable, Hashable {
    /// A veto line and the rules whose findings (violations, not 预警) fire it.
    public struct Veto: Sendable, Hashable {
        public var id: String
        public var name: String
        public var rules: [RuleID]

        public init(id: String, name: String, rules: [RuleID]) {
            self.id = id
            self.name = name
            self.rules = rules
        }
    }

    /// A deduction item: points per finding of each rule, capped at the item's points.
    public struct Item: Sendable, Hashable {
        public var id: String
        public var name: String
        public var points: Double
        public var rules: [RuleID: Double]

        public init(id: String, name: String, points: Double, rules: [RuleID: Double]) {
            self.id = id
            self.name = name
            self.points = points
            self.rules = rules
        }
    }

    public var name: String
    public var failOver: Double
    public var vetoes: [Veto]
    public var items: [Item]

    public init(name: String, failOver: Double, vetoes: [Veto], items: [Item]) throws(RubricError) {
        self.name = name
        self.failOver = failOver
        self.vetoes = vetoes
        self.items = items
        var ids = Set<String>()
        for id in vetoes.map(\.id) + items.map(\.id) where !ids.insert(id).inserted {
            throw RubricError("id '\(id)' appears twice")
        }
        let total = items.reduce(0) { $0 + $1.points }
        guard abs(total - 100) < 0.001 else { throw RubricError("deduction items add up to \(Rubric.format(total)), not 100") }
    }

    /// The verdict on one site from its open findings.
    public func verdict(probeID: String, findings: [Finding]) -> SiteVerdict {
        let counted = findings.filter { $0.severity != .warning }
        var v = verdict(probeID: probeID, counts: Dictionary(grouping: counted, by: \.rule).mapValues(\.count))
        v.vetoes = vetoes.compactMap { veto in
            let mine = counted.filter { veto.rules.contains($0.rule) }
            return mine.isEmpty ? nil : SiteVerdict.FiredVeto(veto: veto.name, findings: mine.map(\.description))
        }
        let vetoRules = Set(vetoes.flatMap(\.rules))
        v.warnings = findings.filter { $0.severity == .warning && vetoRules.contains($0.rule) }.map(\.description)
        return v
    }

    /// The verdict from the site's open findings counted per rule (warnings left out), as a
    /// store counts them: the vetoes that fired (without their findings) and the points lost.
    public func verdict(probeID: String, counts: [RuleID: Int]) -> SiteVerdict {
        let fired = vetoes.filter { $0.rules.contains { (counts[$0] ?? 0) > 0 } }.map { SiteVerdict.FiredVeto(veto: $0.name, findings: []) }
        let lost = items.compactMap { item -> SiteVerdict.Lost? in
            let count = item.rules.keys.reduce(0) { $0 + (counts[$1] ?? 0) }
            guard count > 0 else { return nil }
            let asked = item.rules.reduce(0.0) { $0 + Double(counts[$1.key] ?? 0) * $1.value }
            return SiteVerdict.Lost(item: item.name, count: count, points: min(asked, item.points))
        }
        let total = lost.reduce(0) { $0 + $1.points }
        return SiteVerdict(
            probeID: probeID, rubric: name, passed: fired.isEmpty && total <= failOver, vetoes: fired, deductions: lost,
            pointsLost: total, warnings: [])
    }
}

/// What a site rubric says of one site.
public struct SiteVerdict: Sendable, Hashable, Codable {
    public struct FiredVeto: Sendable, Hashable, Codable {
        public var veto: String
        public var findings: [String]
    }

    public struct Lost: Sendable, Hashable, Codable {
        public var item: String
        public var count: Int
        public var points: Double
    }

    public var probeID: String
    public var rubric: String
    public var passed: Bool
    public var vetoes: [FiredVeto]
    public var deductions: [Lost]
    public var pointsLost: Double
    /// 预警 of the veto lines: what will fail the site if nothing is done.
    public var warnings: [String]

    /// 合格 / 不合格.
    public var verdict: String { passed ? "合格" : "不合格" }
}
