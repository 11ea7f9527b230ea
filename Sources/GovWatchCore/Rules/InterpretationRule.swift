import _StringProcessing

/// interpretation-missing, interpretation-late, interpretation-link (附件4 五、六): a policy
/// document in scope gets an interpretation within 3 working days of going online, and the
/// two pages link to each other. The drafting unit answers (谁起草、谁解读).
///
/// Interpretations are matched to documents by link first, then by the title they quote
/// (`《…》政策解读`, `关于《…》的解读`), so a missing link is reported as such rather than as a
/// missing interpretation. Both lookups are dictionaries: the rule is linear in the number
/// of publications.
public struct InterpretationRule: Rule {
    public init() {}
    public var kinds: [FindingKind] {
        [
            FindingKind(.interpretationMissing, "政策文件未解读", clause: "附件4 五"),
            FindingKind(.interpretationLate, "解读晚于时限", clause: "附件4 五"),
            FindingKind(.interpretationLink, "文件与解读未相互链接", clause: "附件4 五"),
        ]
    }
    public var section: String { "interpretation" }
    public var parameters: [AnyRuleParameter] {
        [Self.columns.erased, Self.interpretationColumns.erased, Self.documentNumbers.erased, Self.workingDays.erased]
    }

    public static let columns = RuleParameter.urls("interpretation", "columns", "要求解读的政策文件栏目（默认：所有 policy 栏目）")
    public static let interpretationColumns = RuleParameter.urls(
        "interpretation", "interpretation_columns", "解读栏目（默认：所有 interpretation 栏目）")
    public static let documentNumbers = RuleParameter.regexes("interpretation", "doc_numbers", "需要解读的文件的文号（正则；默认：全部）")
    public static let workingDays = RuleParameter.int(
        "interpretation", "working_days", default: 3, range: 1...60, "文件上网后多少个工作日内须发布解读")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        let s = context.settings
        let policyColumns = Set(
            s[Self.columns].isEmpty ? world.probe.columns.filter { $0.type == .policy }.map(\.url) : s[Self.columns])
        let interpretationColumns = Set(
            s[Self.interpretationColumns].isEmpty
                ? world.probe.columns.filter { $0.type == .interpretation }.map(\.url) : s[Self.interpretationColumns])
        let patterns = s[Self.documentNumbers].compactMap { try? Regex($0) }
        let workingDays = s[Self.workingDays]

        let documents = world.publications.filter { p in
            guard p.kind == .page, let column = p.columnURL, policyColumns.contains(column) else { return false }
            guard !patterns.isEmpty else { return true }
            guard let number = p.info.documentNumber else { return false }
            return patterns.contains { number.contains($0) }
        }
        let interpretations = world.publications.filter { p in
            p.kind == .page && p.columnURL.map(interpretationColumns.contains) == true
        }
        var byURL: [String: Publication] = [:]
        var byQuotedTitle: [String: Publication] = [:]
        var linkedTo: [String: Publication] = [:]  // document URL → an interpretation linking to it
        for i in interpretations {
            byURL[i.url] = i
            if let quoted = Self.quotedTitle(i.title) { byQuotedTitle[Self.normalized(quoted)] = byQuotedTitle[Self.normalized(quoted)] ?? i }
            for link in i.links where linkedTo[link.url] == nil { linkedTo[link.url] = i }
        }

        var result = RuleResult()
        for doc in documents {
            guard let published = doc.published, let unit = doc.unitID else { continue }
            let match =
                linkedTo[doc.url] ?? doc.links.lazy.compactMap { byURL[$0.url] }.first
                ?? byQuotedTitle[Self.normalized(doc.title)]
            do {
                let deadline = try context.calendar.addWorkingDays(published, workingDays)
                let provisional = context.calendar.isProvisional(from: published, through: deadline)
                let base = [
                    Evidence("文件", doc.title), Evidence("文件上网日期", published.description),
                    Evidence("解读期限", deadline.description + (provisional ? "（暂定）" : "")),
                ]
                guard let interpretation = match else {
                    if context.asOf > deadline {
                        result.findings.append(
                            Finding(
                                rule: .interpretationMissing, unitID: unit, url: doc.url, clause: "附件4 五",
                                description: "政策文件\(quoted(doc.title))上网后\(workingDays)个工作日内未发布解读",
                                evidence: base + (doc.info.documentNumber.map { [Evidence("文号", $0)] } ?? []), provisional: provisional))
                    }
                    continue
                }
                if let when = interpretation.published, when > deadline {
                    result.findings.append(
                        Finding(
                            rule: .interpretationLate, unitID: unit, url: doc.url, clause: "附件4 五",
                            description: "政策文件\(quoted(doc.title))的解读晚于上网后\(workingDays)个工作日发布",
                            evidence: base + [Evidence("解读", interpretation.url), Evidence("解读发布日期", when.description)],
                            provisional: provisional))
                }
                let docLinks = doc.links.contains { $0.url == interpretation.url }
                let backLinks = interpretation.links.contains { $0.url == doc.url }
                if !docLinks || !backLinks {
                    let missing = [docLinks ? nil : "文件页未链接解读", backLinks ? nil : "解读页未链接文件"].compactMap { $0 }
                    result.findings.append(
                        Finding(
                            rule: .interpretationLink, unitID: unit, url: doc.url, clause: "附件4 五",
                            description: "政策文件\(quoted(doc.title))与其解读未相互链接：\(missing.joined(separator: "、"))",
                            evidence: [Evidence("文件", doc.url), Evidence("解读", interpretation.url), Evidence("缺少", missing.joined(separator: "、"))],
                            discriminator: missing.joined()))
                }
            } catch {
                result.notes.append("interpretation: \(doc.url) not checked: \(error)")
            }
        }
        return result
    }

    /// The document title an interpretation quotes: the text inside the outermost 《》.
    static func quotedTitle(_ title: String) -> String? {
        guard let open = title.firstIndex(of: "《") else { return nil }
        var depth = 0
        var i = open
        while i < title.endIndex {
            if title[i] == "《" { depth += 1 }
            if title[i] == "》" {
                depth -= 1
                if depth == 0 { return String(title[title.index(after: open)..<i]) }
            }
            i = title.index(after: i)
        }
        return nil
    }

    /// Titles compared without white space.
    static func normalized(_ title: String) -> String {
        String(title.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
