/// unapproved (附件10 第五条; 附件7 第六条; 附件6 第三、九条): nothing is published without the
/// approval chain. Against the approval register, matched by URL, then by exact title and
/// unit: no record; an approval dated after publication; a review opinion other than
/// 主动公开; a sensitive item without the city office's approver — each a finding.
public struct UnapprovedRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.unapproved, "未经审核审批发布", clause: "附件10 第五条")] }
    public var section: String { "unapproved" }
    public var parameters: [AnyRuleParameter] { [Self.since.erased] }

    public static let since = RuleParameter.date("unapproved", "since", "审批台账从哪一天起完整（此前发布的不检查）")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        guard let register = world.approvals else { return RuleResult() }
        var result = RuleResult(notes: register.problems.map { "unapproved: \($0)" })
        var byURL: [String: ApprovalRecord] = [:]
        var byTitle: [String: [ApprovalRecord]] = [:]
        for r in register.records {
            if !r.url.isEmpty, byURL[r.url] == nil { byURL[r.url] = r }
            byTitle[r.title, default: []].append(r)
        }
        let units = Dictionary(world.probe.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in world.publications where p.kind == .page {
            guard let unitID = p.unitID, let unit = units[unitID], let published = p.published,
                !p.info.isEmpty || p.columnURL != nil
            else { continue }
            if let since = context.settings[Self.since], published < since { continue }
            let record = byURL[p.url] ?? byTitle[p.title]?.first { unit.names.contains($0.unit) }
            func finding(_ kind: String, _ what: String, _ evidence: [Evidence]) {
                result.findings.append(
                    Finding(
                        rule: .unapproved, unitID: unitID, url: p.url, clause: kind == "opinion" ? "附件6 第九条" : "附件10 第五条",
                        description: "\(quoted(p.title))\(what)", evidence: [Evidence("发布日期", published.description)] + evidence,
                        discriminator: kind))
            }
            guard let record else {
                finding("missing", "在审批台账中无审核审批记录", [])
                continue
            }
            let row = Evidence("台账行", "\(record.line)")
            if let approved = record.approvalDate, approved > published {
                finding("late", "审批日期晚于发布日期（先发布、后审批）", [Evidence("审批日期", approved.description), row])
            } else if record.approvalDate == nil || record.approver.isEmpty {
                finding("no-approval", "台账中缺少审批人或审批日期", [row])
            }
            if record.secrecyOpinion != "主动公开" {
                finding("opinion", "保密审查意见为“\(record.secrecyOpinion.isEmpty ? "（空）" : record.secrecyOpinion)”，不应主动公开", [Evidence("保密审查意见", record.secrecyOpinion), row])
            }
            if record.sensitive && record.cityOfficeApprover.isEmpty {
                finding("sensitive", "为敏感信息，未经市政府办公室分管领导审批", [Evidence("是否敏感", "是"), row])
            }
        }
        return result
    }
}
