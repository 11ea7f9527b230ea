import CByteSearch

/// What the leak scanner finds.
public struct LeakHit: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case residentID = "resident-id"
        case bankCard = "bank-card"
        case secretMark = "secret-mark"
        /// Personal mobile numbers in a list of people (a column of numbers beside names).
        case mobileList = "mobile-list"

        public var label: String {
            switch self {
            case .residentID: "居民身份证号码"
            case .bankCard: "银行卡号"
            case .secretMark: "密级标志"
            case .mobileList: "个人手机号码"
            }
        }
    }

    public var kind: Kind
    /// The number masked (`152202********2010`), or the mark itself (`秘密★`).
    public var masked: String
    /// A few characters around the hit, with the number masked.
    public var context: String
    /// Where in an attachment: `工作表「名单」第3行`, `第2页第7行`; nil in a page's text.
    public var location: String?

    public init(kind: Kind, masked: String, context: String, location: String? = nil) {
        self.kind = kind
        self.masked = masked
        self.context = context
        self.location = location
    }
}

/// The pure scanner behind the leak rule, on UTF-8 bytes (it reads every publication's text).
///
/// Numbers: 18-digit resident IDs that pass the GB 11643 check digit and carry a real birth
/// date; 15-digit (pre-1999) IDs with a real date right after the word 身份证; bank card numbers
/// of 16–19 digits that pass Luhn next to words of accounts. In a table column headed 身份证号
/// or 银行卡号 the header is the context: any unmasked number of the right length counts (a sheet
/// typed by hand often fails the check digit and still leaks the person). Numbers already
/// masked (`152202********1234`) and phone numbers are not leaks; 密级 marks are.
public enum LeakScanner {
    /// What a table column holds, from its header.
    public enum ColumnRole: Sendable, Hashable {
        case residentID, bankCard, mobile, name
    }

    static let marks = ["绝密★", "机密★", "秘密★"]
    /// Marks of internal papers, counted only as a mark: on a line of their own, or with a
    /// warning after them (`内部资料，注意保存`); not in `内部资料性出版物`.
    static let internalMarks = ["内部资料", "内部材料", "内部文件"]
    static let internalWarnings = ["注意保存", "请勿外传", "不得外传", "严禁外传", "妥善保管"]
    static let cardContext = ["卡号", "账号", "帐号", "银行", "开户", "户名", "账户", "帐户"]
    static let headerWords: [(ColumnRole, [String])] = [
        (.residentID, ["身份证", "证件号", "身份号码", "公民身份"]),
        (.bankCard, ["卡号", "账号", "帐号", "银行账户", "银行帐户", "存折"]),
        (.mobile, ["手机", "电话", "联系方式"]),
        (.name, ["姓名", "户主", "户名", "领取人", "申请人", "名字"]),
    ]

    /// A number found, by its byte range in the scanned text.
    struct Match {
        var range: Range<Int>
        var kind: LeakHit.Kind
        var masked: String
    }

    /// Every leak in `text`: numbers and marks.
    public static func scan(_ text: String, notAfterYear: Int) -> [LeakHit] {
        let b = Array(text.utf8)
        return numbers(b, notAfterYear: notAfterYear).map { m in
            LeakHit(kind: m.kind, masked: m.masked, context: context(b, m.range, m.masked))
        } + secretMarks(text)
    }

    /// The 密级 marks in `text`, each with the words after it (`秘密★1年`).
    public static func secretMarks(_ text: String, location: String? = nil) -> [LeakHit] {
        let b = Array(text.utf8)
        var hits: [LeakHit] = []
        for mark in marks {
            guard let at = ByteSearch.firstIndex(of: Array(mark.utf8), in: b) else { continue }
            hits.append(LeakHit(kind: .secretMark, masked: mark, context: line(b, at, characters: 8), location: location))
        }
        for mark in internalMarks {
            let needle = Array(mark.utf8)
            var from = 0
            while let at = ByteSearch.firstIndex(of: needle, in: b, from: from) {
                from = at + needle.count
                let shown = line(b, at, characters: 10)
                let lineStart = at == 0 || b[at - 1] == 0x0A
                if internalWarnings.contains(where: { shown.contains($0) }) || (lineStart && shown == mark) {
                    hits.append(LeakHit(kind: .secretMark, masked: mark, context: shown, location: location))
                    break
                }
            }
        }
        return hits
    }

    /// Up to `characters` characters of the line from `at`, trimmed.
    private static func line(_ b: [UInt8], _ at: Int, characters: Int) -> String {
        var end = at
        var taken = 0
        while end < b.count, taken < characters, b[end] != 0x0A {
            end += 1
            while end < b.count, b[end] & 0xC0 == 0x80 { end += 1 }
            taken += 1
        }
        return String(decoding: b[at..<end], as: UTF8.self).trimmingWhitespace()
    }

    /// `text` with every personal number masked, and what was masked.
    /// - Parameter role: the column's role when `text` is a table cell.
    public static func redact(_ text: String, notAfterYear: Int, role: ColumnRole? = nil, location: String? = nil)
        -> (text: String, hits: [LeakHit])
    {
        let b = Array(text.utf8)
        let found = numbers(b, notAfterYear: notAfterYear, role: role)
        guard !found.isEmpty else { return (text, []) }
        let (out, shifted) = replacing(b, found)
        let hits = shifted.map { LeakHit(kind: $0.kind, masked: $0.masked, context: context(out, $0.range, $0.masked), location: location) }
        return (String(decoding: out, as: UTF8.self), hits)
    }

    /// The column roles a header row names, by column index.
    public static func roles(header cells: [String]) -> [Int: ColumnRole] {
        var roles: [Int: ColumnRole] = [:]
        for (i, cell) in cells.enumerated() {
            if let role = headerWords.first(where: { $0.1.contains { cell.contains($0) } })?.0, cell.count <= 12 {
                roles[i] = role
            }
        }
        return roles
    }

    /// The 11-digit mobile numbers (1[3-9]…) in `text` that stand alone (no digit either side).
    static func mobiles(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard isDigit(b[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < b.count, isDigit(b[j]) { j += 1 }
            if j - i == 11, b[i] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(b[i + 1]),
                !(i > 0 && (b[i - 1] == UInt8(ascii: "-") || b[i - 1] == UInt8(ascii: "*")))
            {
                out.append(i..<j)
            }
            i = j
        }
        return out
    }

    static func maskMobile(_ digits: String) -> String { String(digits.prefix(3)) + "****" + String(digits.suffix(4)) }

    // MARK: Numbers

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func numbers(_ b: [UInt8], notAfterYear: Int, role: ColumnRole? = nil) -> [Match] {
        var found: [Match] = []
        func isMask(_ i: Int) -> Bool {
            b[i] == UInt8(ascii: "*") || (i + 2 < b.count && b[i] == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x8A)  // ＊
        }
        var i = 0
        while i < b.count {
            // To the next digit at once (`gw_first_digit`): most of a page is not digits.
            i += b.withUnsafeBufferPointer { gw_first_digit($0.baseAddress! + i, $0.count - i) }
            guard i < b.count else { break }
            guard i == 0 || !(isDigit(b[i - 1]) || b[i - 1] | 0x20 == UInt8(ascii: "x")) else {
                i += 1
                continue
            }
            var j = i
            while j < b.count, isDigit(b[j]) { j += 1 }
            // Shorter runs (years, amounts, counts: most of a page's digits) are none of the
            // numbers `classify` knows, which are 15 to 19 digits long: no string is made of them.
            guard j - i >= 15 else {
                i = j
                continue
            }
            var run = Array(b[i..<j])
            if run.count == 17, j < b.count, b[j] | 0x20 == UInt8(ascii: "x") {
                run.append(UInt8(ascii: "X"))
                j += 1
            }
            let masked = (j < b.count && isMask(j)) || (i > 0 && b[i - 1] == UInt8(ascii: "*")) || (i >= 3 && isMask(i - 3))
            let number = String(decoding: run, as: UTF8.self)
            if !masked, let kind = classify(number, b, at: i, notAfterYear: notAfterYear, role: role) {
                found.append(Match(range: i..<j, kind: kind, masked: mask(number, kind)))
            }
            i = j
        }
        return found
    }

    private static func classify(_ number: String, _ b: [UInt8], at i: Int, notAfterYear: Int, role: ColumnRole?)
        -> LeakHit.Kind?
    {
        let n = number.utf8.count
        if n == 18, isResidentID(number, notAfterYear: notAfterYear) { return .residentID }
        if n == 15, isOldResidentID(number), role == .residentID || hasContext(b, i, ["身份证", "身份号码"]) {
            return .residentID
        }
        if role == .residentID, n == 18 { return .residentID }  // a typing error in the check digit still leaks
        guard n >= 16, n <= 19, number.last != "X" else { return nil }
        if role == .bankCard { return .bankCard }
        if passesLuhn(number), hasContext(b, i, cardContext) { return .bankCard }
        return nil
    }

    private static func mask(_ number: String, _ kind: LeakHit.Kind) -> String {
        let n = number.count
        switch kind {
        case .residentID: return String(number.prefix(6)) + String(repeating: "*", count: n - 10) + String(number.suffix(4))
        default: return String(number.prefix(4)) + String(repeating: "*", count: n - 8) + String(number.suffix(4))
        }
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

    /// The 15-digit IDs issued before 1999: region (first digit 1–8), then `yyMMdd` of a real 19yy date.
    public static func isOldResidentID(_ id: String) -> Bool {
        let c = Array(id)
        guard c.count == 15, c.allSatisfy({ $0.isASCII && $0.isNumber }), ("1"..."8").contains(c[0]),
            let yy = Int(String(c[6..<8])), let month = Int(String(c[8..<10])), let day = Int(String(c[10..<12]))
        else { return false }
        return CivilDate(year: 1900 + yy, month: month, day: day) != nil
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

    // MARK: Bytes

    /// One of `words` within the 12 characters (at most 36 bytes) before `start`.
    private static func hasContext(_ b: [UInt8], _ start: Int, _ words: [String]) -> Bool {
        let window = String(decoding: b[boundary(b, max(0, start - 36))..<start], as: UTF8.self)
        return words.contains { window.contains($0) }
    }

    /// `i` moved back to the start of a UTF-8 character.
    static func boundary(_ b: [UInt8], _ i: Int) -> Int {
        var k = i
        while k > 0, k < b.count, b[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }

    /// The bytes with each match replaced by its masked form, and the matches at their new places.
    static func replacing(_ b: [UInt8], _ matches: [Match]) -> ([UInt8], [Match]) {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var shifted: [Match] = []
        var at = 0
        for m in matches.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where m.range.lowerBound >= at {
            out += b[at..<m.range.lowerBound]
            let start = out.count
            out += Array(m.masked.utf8)
            shifted.append(Match(range: start..<out.count, kind: m.kind, masked: m.masked))
            at = m.range.upperBound
        }
        out += b[at...]
        return (out, shifted)
    }

    /// About ten characters before and six after `range`, which holds `shown`.
    static func context(_ b: [UInt8], _ range: Range<Int>, _ shown: String) -> String {
        var tailEnd = min(b.count, range.upperBound + 18)
        while tailEnd < b.count, b[tailEnd] & 0xC0 == 0x80 { tailEnd += 1 }
        let start = boundary(b, max(0, range.lowerBound - 30))
        return String(decoding: b[start..<range.lowerBound], as: UTF8.self) + shown
            + String(decoding: b[range.upperBound..<tailEnd], as: UTF8.self)
    }
}
