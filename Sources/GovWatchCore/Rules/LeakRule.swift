/// leak (附件1 第十二、十三条; 附件6 第五条): no state secrets and no personal privacy are
/// published (先审查、后公开). Finds 18-digit resident ID numbers that pass the GB 11643
/// check digit and carry a real birth date, bank card numbers of 16–19 digits that pass
/// Luhn next to words of accounts or names, and 密级 marks (绝密★, 机密★, 秘密★). Masked
/// numbers (`152202********1234`) and office phone numbers are not leaks. Evidence shows
/// numbers masked, never in full.
public struct LeakRule: Rule {
    public init() {}
    public var ids: [RuleID] { [.leak] }

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        for p in world.publications {
            guard let unit = p.unitID else { continue }
            for hit in LeakScanner.scan(p.title + "\n" + p.bodyText, notAfterYear: context.asOf.year) {
                result.findings.append(
                    Finding(
                        rule: .leak, unitID: unit, url: p.url, clause: "附件1 第十三条",
                        description: "\(quoted(p.title))公开了不应公开的\(hit.kind.label)",
                        evidence: [Evidence(hit.kind.label, hit.masked), Evidence("上下文", hit.context)],
                        severity: .severe, discriminator: "\(hit.kind.rawValue):\(hit.masked)"))
            }
        }
        return result
    }
}

/// What the leak scanner finds.
public struct LeakHit: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case residentID = "resident-id"
        case bankCard = "bank-card"
        case secretMark = "secret-mark"

        var label: String {
            switch self {
            case .residentID: "居民身份证号码"
            case .bankCard: "银行卡号"
            case .secretMark: "密级标志"
            }
        }
    }

    public var kind: Kind
    /// The number masked (`152202********2010`), or the mark itself.
    public var masked: String
    /// A few characters around the hit, with the number masked.
    public var context: String
}

/// The pure scanner behind the leak rule.
public enum LeakScanner {
    static let marks = ["绝密★", "机密★", "秘密★"]
    static let cardContext = ["卡号", "账号", "帐号", "银行", "开户", "户名", "账户", "帐户"]

    public static func scan(_ text: String, notAfterYear: Int) -> [LeakHit] {
        var hits: [LeakHit] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber, i == 0 || !isDigitOrX(chars[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            var run = String(chars[i..<j])
            if run.count == 17, j < chars.count, chars[j] == "X" || chars[j] == "x" {
                run.append("X")
                j += 1
            }
            let followedByMask = j < chars.count && (chars[j] == "*" || chars[j] == "＊")
            if !followedByMask, !(i > 0 && (chars[i - 1] == "*" || chars[i - 1] == "＊")) {
                if run.count == 18, isResidentID(run, notAfterYear: notAfterYear) {
                    let masked = String(run.prefix(6)) + "********" + String(run.suffix(4))
                    hits.append(LeakHit(kind: .residentID, masked: masked, context: context(chars, i, j, masked)))
                } else if (16...19).contains(run.count), run.allSatisfy(\.isNumber), passesLuhn(run),
                    hasCardContext(chars, i)
                {
                    let masked = String(run.prefix(4)) + String(repeating: "*", count: run.count - 8) + String(run.suffix(4))
                    hits.append(LeakHit(kind: .bankCard, masked: masked, context: context(chars, i, j, masked)))
                }
            }
            i = j
        }
        for mark in marks where text.contains(mark) {
            hits.append(LeakHit(kind: .secretMark, masked: mark, context: mark))
        }
        return hits
    }

    /// GB 11643: region, a real birth date, sequence, and the check digit.
    public static func isResidentID(_ id: String, notAfterYear: Int) -> Bool {
        let c = Array(id)
        guard c.count == 18, c[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let digits = c[0..<17].map { Int(String($0))! }
        guard let year = Int(String(c[6..<10])), let month = Int(String(c[10..<12])), let day = Int(String(c[12..<14])),
            year >= 1900, year <= notAfterYear, CivilDate(year: year, month: month, day: day) != nil
        else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return c[17].uppercased() == String(check)
    }

    public static func passesLuhn(_ number: String) -> Bool {
        var sum = 0
        for (k, ch) in number.reversed().enumerated() {
            guard var d = ch.wholeNumberValue else { return false }
            if k % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return sum % 10 == 0
    }

    private static func hasCardContext(_ chars: [Character], _ start: Int) -> Bool {
        let window = String(chars[max(0, start - 12)..<start])
        return cardContext.contains { window.contains($0) }
    }

    private static func isDigitOrX(_ c: Character) -> Bool { (c.isASCII && c.isNumber) || c == "X" || c == "x" }

    private static func context(_ chars: [Character], _ start: Int, _ end: Int, _ masked: String) -> String {
        String(chars[max(0, start - 10)..<start]) + masked + String(chars[end..<min(chars.count, end + 6)])
    }
}
