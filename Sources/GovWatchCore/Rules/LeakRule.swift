/// leak (附件1 第十二、十三条; 附件6 第五条): no state secrets and no personal privacy are
/// published (先审查、后公开). Finds 18-digit resident ID numbers that pass the GB 11643
/// check digit and carry a real birth date, bank card numbers of 16–19 digits that pass
/// Luhn next to words of accounts or names, and 密级 marks (绝密★, 机密★, 秘密★). Masked
/// numbers (`152202********1234`) and office phone numbers are not leaks. Evidence shows
/// numbers masked, never in full.
public struct LeakRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.leak, "泄露个人信息或涉密标识", clause: "附件1 第十三条")] }
    public var section: String { "leak" }

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

    /// Every leak in `text`. Works on UTF-8 bytes: it reads the body of every publication.
    public static func scan(_ text: String, notAfterYear: Int) -> [LeakHit] {
        var hits: [LeakHit] = []
        let b = Array(text.utf8)
        func isDigit(_ i: Int) -> Bool { b[i] >= 0x30 && b[i] <= 0x39 }
        func isMask(_ i: Int) -> Bool {
            b[i] == UInt8(ascii: "*") || (i + 2 < b.count && b[i] == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x8A)  // ＊
        }
        var i = 0
        while i < b.count {
            guard isDigit(i), i == 0 || !(isDigit(i - 1) || b[i - 1] | 0x20 == UInt8(ascii: "x")) else {
                i += 1
                continue
            }
            var j = i
            while j < b.count, isDigit(j) { j += 1 }
            var run = Array(b[i..<j])
            if run.count == 17, j < b.count, b[j] | 0x20 == UInt8(ascii: "x") {
                run.append(UInt8(ascii: "X"))
                j += 1
            }
            let masked = (j < b.count && isMask(j)) || (i > 0 && b[i - 1] == UInt8(ascii: "*"))
                || (i >= 3 && isMask(i - 3))
            if !masked, run.count >= 16, run.count <= 19 {
                let number = String(decoding: run, as: UTF8.self)
                if run.count == 18, isResidentID(number, notAfterYear: notAfterYear) {
                    let shown = String(number.prefix(6)) + "********" + String(number.suffix(4))
                    hits.append(LeakHit(kind: .residentID, masked: shown, context: context(b, i, j, shown)))
                } else if run.last != UInt8(ascii: "X"), passesLuhn(number), hasCardContext(b, i) {
                    let shown = String(number.prefix(4)) + String(repeating: "*", count: run.count - 8) + String(number.suffix(4))
                    hits.append(LeakHit(kind: .bankCard, masked: shown, context: context(b, i, j, shown)))
                }
            }
            i = j
        }
        for mark in marks where contains(b, Array(mark.utf8)) {
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

    /// Words of accounts within the 12 characters (at most 36 bytes) before a number.
    private static func hasCardContext(_ b: [UInt8], _ start: Int) -> Bool {
        let window = String(decoding: b[boundary(b, max(0, start - 36))..<start], as: UTF8.self)
        return cardContext.contains { window.contains($0) }
    }

    /// `i` moved back to the start of a UTF-8 character.
    private static func boundary(_ b: [UInt8], _ i: Int) -> Int {
        var k = i
        while k > 0, k < b.count, b[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }

    private static func context(_ b: [UInt8], _ start: Int, _ end: Int, _ shown: String) -> String {
        var tailEnd = min(b.count, end + 18)
        while tailEnd < b.count, b[tailEnd] & 0xC0 == 0x80 { tailEnd += 1 }
        return String(decoding: b[boundary(b, max(0, start - 30))..<start], as: UTF8.self) + shown
            + String(decoding: b[end..<tailEnd], as: UTF8.self)
    }

    private static func contains(_ b: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, b.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= b.count {
            if b[i] == first, b[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
