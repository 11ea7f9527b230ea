import Testing

@testable import GovWatchCore

/// A small rubric of the real shape: 组织领导 15, 公开的内容 50, 公开的形式 15, 监督管理 20.
enum TestRubric {
    static func make() throws -> Rubric {
        try Rubric(
            name: "测试标准",
            categories: [
                RubricCategory(name: "组织领导", points: 15), RubricCategory(name: "公开的内容", points: 50),
                RubricCategory(name: "公开的形式", points: 15), RubricCategory(name: "监督管理", points: 20),
            ],
            lines: [
                RubricLine(id: "org-guide", name: "目录指南", category: "组织领导", points: 15, text: "", deduction: ""),
                RubricLine(id: "content-timely", name: "按目录及时更新", category: "公开的内容", points: 30, text: "", deduction: ""),
                RubricLine(id: "content-requests", name: "依申请公开", category: "公开的内容", points: 20, text: "", deduction: ""),
                RubricLine(id: "form-catalogue", name: "目录可查", category: "公开的形式", points: 7, text: "", deduction: ""),
                RubricLine(id: "form-office", name: "公开栏", category: "公开的形式", points: 8, text: "", deduction: ""),
                RubricLine(id: "supervision-report", name: "年度报告", category: "监督管理", points: 20, text: "", deduction: ""),
            ],
            rules: [.lateDisclosure: RuleDeduction(line: "content-timely", points: 1)])
    }
}

@Suite struct ScorerTests {
    let rubric = try! TestRubric.make()
    var nextID: Int64 = 0

    func d(_ line: String?, _ points: Double, _ source: DeductionSource = .automatic, finding: String? = nil, revoked: Bool = false, unit: String = "u")
        -> Deduction
    {
        Deduction(id: 0, unitID: unit, lineID: line, points: points, source: source, findingFingerprint: finding, revoked: revoked)
    }

    @Test func aLinesDeductionsNeverExceedItsPoints() {
        let lateOnes = (0..<34).map { d("content-timely", 1, finding: "f\($0)") }
        let s = Scorer.score(unitID: "u", deductions: lateOnes, rubric: rubric)
        #expect(s.lines.first { $0.line.id == "content-timely" }?.lost == 30)
        #expect(s.lines.first { $0.line.id == "content-timely" }?.deducted == 34)
        #expect(s.total == 70)
        #expect(s.lost(in: "公开的内容") == 30)
    }

    @Test func oneProblemIsNeverDeductedTwice() {
        let s = Scorer.score(unitID: "u", deductions: [d("content-timely", 1, finding: "same"), d("form-catalogue", 3, finding: "same")], rubric: rubric)
        #expect(s.total == 99)
    }

    @Test func manualAndFraudDeductionsAndRevocation() {
        let s = Scorer.score(
            unitID: "u",
            deductions: [
                d("form-office", 1, .manual), d(nil, 3, .fraud), d("form-catalogue", 3, finding: "x", revoked: true),
                d("form-office", 1, .manual, unit: "other"),
            ], rubric: rubric)
        #expect(s.fraud == 3)
        #expect(s.total == 96)
        #expect(s.lines.first { $0.line.id == "form-office" }?.count == 1)
    }

    @Test(arguments: [(10.0, Grade.excellent), (10.5, .pass), (30, .pass), (30.5, .fail)])
    func gradeBoundaries(lost: Double, grade: Grade) {
        // 90 优秀, 89.5 合格, 70 合格, 69.5 不合格.
        let split = [d("content-timely", min(lost, 30), .manual)] + (lost > 30 ? [d("content-requests", lost - 30, .manual)] : [])
        let s = Scorer.score(unitID: "u", deductions: split, rubric: rubric)
        #expect(s.grade == grade)
        #expect(s.total == 100 - lost)
    }

    @Test func rubricsMustAddUp() {
        #expect(throws: RubricError("category 公开的形式: its lines add up to 14, not 15")) {
            try Rubric(
                name: "x", categories: [RubricCategory(name: "公开的内容", points: 85), RubricCategory(name: "公开的形式", points: 15)],
                lines: [
                    RubricLine(id: "a", name: "a", category: "公开的内容", points: 85, text: "", deduction: ""),
                    RubricLine(id: "b", name: "b", category: "公开的形式", points: 14, text: "", deduction: ""),
                ], rules: [:])
        }
        #expect(throws: RubricError("rule leak is mapped to line 'nowhere', which is not in the table")) {
            try Rubric(
                name: "x", categories: [RubricCategory(name: "c", points: 100)],
                lines: [RubricLine(id: "a", name: "a", category: "c", points: 100, text: "", deduction: "")],
                rules: [.leak: RuleDeduction(line: "nowhere", points: 3)])
        }
    }

    @Test func pointsDependOnEvidenceWhenTheMappingSaysSo() {
        let mapping = RuleDeduction(line: "content-timely", points: 1, pointsWhen: [EvidencePoints(label: "保密审查意见", value: "免于公开", points: 3)])
        let f = Finding(rule: .unapproved, unitID: "u", url: "x", clause: "", description: "", evidence: [Evidence("保密审查意见", "免于公开")])
        #expect(mapping.points(for: f) == 3)
        #expect(mapping.points(for: Finding(rule: .unapproved, unitID: "u", url: "x", clause: "", description: "", evidence: [])) == 1)
    }
}
