/// The request register (依申请公开 登记台账, 附件2): answers within 20 working days (附件2 第六条;
/// 条例 第三十三条), extensions approved and notified in time, third parties consulted within
/// 5 working days (附件2 第七条), only cost fees (附件11), and decisions not reversed on review
/// or in court (附件11 监督管理).
///
/// A request with several deadline problems (late, extension, consultation) costs once
/// (同1个问题只在1处扣分): the later ones carry the evidence `同一申请` and the rubric gives them 0 points.
public struct RequestRule: Rule {
    public init() {}
    public var kinds: [FindingKind] {
        [
            FindingKind(.requestLate, "依申请公开答复超期", clause: "附件2 第六条"),
            FindingKind(.requestExtension, "延期答复不规范", clause: "附件2 第六条"),
            FindingKind(.requestThirdPartyLate, "征求第三方意见超期", clause: "附件2 第七条"),
            FindingKind(.requestFee, "违规收费", clause: "附件11 监督管理"),
            FindingKind(.requestCorrected, "复议或诉讼被纠错", clause: "附件11 监督管理"),
        ]
    }
    public var section: String { "requests" }
    public var parameters: [AnyRuleParameter] { [Self.consultationDays.erased, Self.dueSoonDays.erased] }

    public static let consultationDays = RuleParameter.int(
        "requests", "consultation_working_days", default: 5, range: 1...30, "收到申请后多少个工作日内须征求第三方意见")

    public static let dueSoonDays = RuleParameter.int(
        "requests", "due_soon_working_days", default: 3, range: 0...20, "答复期限前多少个工作日预警“申请即将到期”（不扣分）")

    /// The evidence label of a deadline problem already charged on the same request.
    public static let chargedElsewhere = "同一申请"
    /// 收费依据 words of the costs the rules allow (检索、复制、邮寄 and the 信息处理费).
    public static let allowedFees = ["检索", "复制", "复印", "邮寄", "成本", "信息处理费"]
    static let reversedOnReview = ["纠错", "撤销", "变更", "确认违法"]
    static let lostInCourt = ["败诉", "撤销", "确认违法"]

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        guard let register = world.requests else { return RuleResult() }
        var result = RuleResult(notes: register.problems.map { "requests: \($0)" })
        for r in register.records {
            do {
                result.findings += try findings(r, context: context)
            } catch {
                result.notes.append("requests: \(r.number) not checked: \(error)")
            }
        }
        return result
    }

    func findings(_ r: RequestRecord, context: RuleContext) throws(CalendarError) -> [Finding] {
        let calendar = context.calendar
        let deadline = try RequestDeadline(r, calendar: calendar)
        let mark = deadline.provisional ? "（暂定）" : ""
        let subject = "申请（编号\(r.number)）"
        let base = [Evidence("申请编号", r.number), Evidence("收到日期", r.received.description)]
            + (r.correctionReceived.map { [Evidence("补正收到日期", $0.description)] } ?? [])
        func finding(
            _ rule: RuleID, _ clause: String, _ what: String, _ evidence: [Evidence], provisional: Bool = false, kind: String = ""
        ) -> Finding {
            Finding(
                rule: rule, unitID: r.unitID, url: Self.subject(r.number), clause: clause, description: subject + what,
                evidence: base + evidence + [Evidence("台账行", "\(r.row)")], discriminator: kind, provisional: provisional)
        }
        var deadlineProblems: [Finding] = []
        var early: [Finding] = []  // 预警, before a deadline passes
        switch RequestStatus(r, deadline: deadline, asOf: context.asOf) {
        case .answeredLate:
            let answered = r.answered ?? deadline.due  // answered-late means answered
            let over = try calendar.workingDays(from: deadline.due, to: answered)
            deadlineProblems.append(
                finding(
                    .requestLate, "附件2 第六条", "于\(answered)答复，答复期限为\(deadline.due)\(mark)，超期\(over)个工作日",
                    [Evidence("答复期限", deadline.due.description + mark), Evidence("答复日期", answered.description)],
                    provisional: deadline.provisional))
        case .overdue:
            let over = try calendar.workingDays(from: deadline.due, to: context.asOf)
            deadlineProblems.append(
                finding(
                    .requestLate, "附件2 第六条", "至今未答复，答复期限为\(deadline.due)\(mark)，已超期\(over)个工作日",
                    [Evidence("答复期限", deadline.due.description + mark), Evidence("答复日期", "（未答复）")],
                    provisional: deadline.provisional))
        case .open:
            let left = try calendar.workingDays(from: context.asOf, to: deadline.due)
            if left <= context.settings[Self.dueSoonDays] {
                early.append(
                    Finding(
                        rule: .requestLate, unitID: r.unitID, url: Self.subject(r.number), clause: "附件2 第六条",
                        description: "申请即将到期：\(subject)答复期限为\(deadline.due)\(mark)，还剩\(left)个工作日，尚未答复",
                        evidence: base + [
                            Evidence("答复期限", deadline.due.description + mark), Evidence("剩余工作日", "\(left)"),
                            Evidence("台账行", "\(r.row)"),
                        ],
                        severity: .warning, discriminator: "due-soon", provisional: deadline.provisional))
            }
        case .answered:
            break
        }
        if let notified = r.extensionNotified {
            let evidence = [
                Evidence("延期告知日期", notified.description), Evidence("原答复期限", deadline.original.description + mark),
                Evidence("延期批准人", r.extensionApprover.isEmpty ? "（空）" : r.extensionApprover),
            ]
            if r.extensionApprover.isEmpty {
                deadlineProblems.append(finding(.requestExtension, "附件2 第六条", "延期答复未经政府信息公开工作机构负责人同意", evidence))
            } else if notified > deadline.original {
                deadlineProblems.append(finding(.requestExtension, "附件2 第六条", "在原答复期限之后才告知延期，延期无效", evidence))
            }
        }
        if let consulted = r.consulted {
            let limit = context.settings[Self.consultationDays]
            let days = try calendar.workingDays(from: deadline.countsFrom, to: consulted)
            if days > limit {
                deadlineProblems.append(
                    finding(
                        .requestThirdPartyLate, "附件2 第七条", "收到申请后第\(days)个工作日才征求第三方意见，超过\(limit)个工作日",
                        [Evidence("征求意见日期", consulted.description), Evidence("间隔工作日", "\(days)")]))
            }
        }
        for i in deadlineProblems.indices.dropFirst() {
            deadlineProblems[i].evidence.append(Evidence(Self.chargedElsewhere, "已按“\(name(deadlineProblems[0].rule))”扣分"))
        }
        var out = early + deadlineProblems
        if r.fee > 0, !Self.allowedFees.contains(where: r.feeBasis.contains) {
            out.append(
                finding(
                    .requestFee, "附件11 监督管理", "收取费用\(Self.amount(r.fee))元，依据“\(r.feeBasis.isEmpty ? "（空）" : r.feeBasis)”不属于可收取的成本费用",
                    [Evidence("收费金额", Self.amount(r.fee)), Evidence("收费依据", r.feeBasis)]))
        }
        if Self.reversedOnReview.contains(where: r.reviewOutcome.contains) {
            out.append(
                finding(.requestCorrected, "附件11 监督管理", "的答复经行政复议被\(r.reviewOutcome)", [Evidence("复议结果", r.reviewOutcome)]))
        }
        if Self.lostInCourt.contains(where: r.lawsuitOutcome.contains) {
            out.append(
                finding(
                    .requestCorrected, "附件11 监督管理", "的答复在行政诉讼中\(r.lawsuitOutcome)", [Evidence("诉讼结果", r.lawsuitOutcome)],
                    kind: "lawsuit"))
        }
        return out
    }

    private func name(_ id: RuleID) -> String { kinds.first { $0.id == id }?.name ?? id.rawValue }

    /// What a request finding is about, in place of a page's URL.
    public static func subject(_ number: String) -> String { "依申请公开台账#\(number)" }

    static func amount(_ yuan: Double) -> String {
        let cents = Int((yuan * 100).rounded())
        return cents % 100 == 0 ? "\(cents / 100)" : "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }
}

extension RuleID {
    public static let requestLate: RuleID = "request-late"
    public static let requestExtension: RuleID = "request-extension"
    public static let requestThirdPartyLate: RuleID = "request-third-party-late"
    public static let requestFee: RuleID = "request-fee"
    public static let requestCorrected: RuleID = "request-corrected"
}
