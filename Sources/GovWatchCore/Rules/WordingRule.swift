/// wording-error (国办秘函〔2019〕19号 “严重表述错误”; 附件11 公开内容 “及时准确”): a phrase of the
/// operator's list (`rules: wording: { file: wrong-phrases.tsv }`) in a title or a body — a
/// misspelt leader's name or title, an official name that no longer exists. One finding per
/// item and phrase; the evidence shows the phrase and what it should read, not the text
/// around it. A wrong phrase inside its right form (`总理` in `国务院总理`) is not a hit.
public struct WordingRule: Rule {
    public init() {}
    public var kinds: [FindingKind] {
        [FindingKind(.wordingError, "严重表述错误", clause: "国办秘函〔2019〕19号 严重表述错误")]
    }
    public var section: String { "wording" }
    public var parameters: [AnyRuleParameter] { [Self.file.erased] }

    public static let file = RuleParameter.file("wording", "file", "错误表述清单（每行：错误表述<TAB>正确表述），相对于探针文件")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        guard let list = world.wording else { return result }
        result.notes += list.problems.map { "wording: \($0)" }
        for p in world.publications {
            guard let unit = p.unitID else { continue }
            let text = p.title + "\n" + p.bodyText + (p.parts ?? []).flatMap(\.lines).joined(separator: "\n")
            for entry in list.entries {
                let hits = Self.count(entry, in: text)
                guard hits > 0 else { continue }
                let place = p.title.contains(entry.wrong) ? "标题" : "正文"
                result.findings.append(
                    Finding(
                        rule: .wordingError, unitID: unit, url: p.attachedTo ?? p.url,
                        clause: "国办秘函〔2019〕19号 严重表述错误",
                        description: "\(quoted(p.title.isEmpty ? p.url : p.title))\(place)中“\(entry.wrong)”应为“\(entry.right)”",
                        evidence: [
                            Evidence("错误表述", entry.wrong), Evidence("正确表述", entry.right), Evidence("位置", place),
                            Evidence("出现次数", "\(hits)"), Evidence("上下文", "…\(entry.wrong)…"),
                        ],
                        discriminator: entry.wrong))
            }
        }
        return result
    }

    /// Occurrences of the wrong phrase that are not part of the right one.
    static func count(_ entry: WordingList.Entry, in text: String) -> Int {
        let b = Array(text.utf8)
        let wrong = Array(entry.wrong.utf8)
        let right = Array(entry.right.utf8)
        // Where the right phrase holds the wrong one, its occurrences there are not errors.
        var covered: [Range<Int>] = []
        if let offset = ByteSearch.firstIndex(of: wrong, in: right) {
            var from = 0
            while let at = ByteSearch.firstIndex(of: right, in: b, from: from) {
                covered.append((at + offset)..<(at + offset + wrong.count))
                from = at + 1
            }
        }
        var n = 0
        var from = 0
        while let at = ByteSearch.firstIndex(of: wrong, in: b, from: from) {
            if !covered.contains(where: { $0.lowerBound == at }) { n += 1 }
            from = at + wrong.count
        }
        return n
    }
}

extension RuleID {
    public static let wordingError: RuleID = "wording-error"
}
