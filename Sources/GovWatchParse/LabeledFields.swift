import Foundation
import GovWatchCore

/// The labelled values of a page — the info table, the 来源 and 发布时间 lines — read from
/// its text segments, whatever the markup: `<p><strong>索引号</strong>：X</p>`,
/// `<th>索引号</th><td>X</td>`, `<li><span>索引号：</span>X</li>`.
///
/// A segment that starts with a label and a colon carries its value after the colon; a
/// segment that is only a label takes the next segment, unless that is a label itself
/// (an empty cell). Spaces inside labels (`文　　号`) are ignored; the first hit wins.
struct LabeledFields {
    enum Field: CaseIterable {
        case indexNumber, publisher, written, published, documentNumber, topic, validity, source, publishTime
        case title
    }

    /// Label families, longest first within a family so that 信息索引号 wins over 索引号.
    private static let labels: [(String, Field)] = [
        ("信息索引号", .indexNumber), ("索引号", .indexNumber),
        ("发布机构", .publisher), ("发文机关", .publisher), ("发文单位", .publisher), ("发布单位", .publisher),
        ("成文日期", .written), ("生成日期", .written), ("印发日期", .written), ("成文时间", .written),
        ("发布日期", .published), ("公开日期", .published),
        ("文件编号", .documentNumber), ("发文字号", .documentNumber), ("文号", .documentNumber),
        ("主题分类", .topic), ("有效性", .validity), ("效力状况", .validity), ("信息来源", .source),
        ("文章来源", .source), ("来源", .source), ("发布时间", .publishTime), ("时间", .publishTime),
        ("名称", .title), ("标题", .title),
    ]

    /// Labels as scalars by their first scalar: most segments are body text and fail at once.
    private static let labelsByFirst: [Unicode.Scalar: [([Unicode.Scalar], Field)]] = Dictionary(
        grouping: labels.map { (Array($0.0.unicodeScalars), $0.1) }, by: { $0.0[0] })

    /// The first scalars of the labels: a segment that starts with none of them is passed over
    /// with no dictionary look-up (hashing a scalar for each of a page's segments, most of them
    /// body text, showed in profiles).
    private static let labelStarts = ScalarFilter(labelsByFirst.keys)

    /// Words that end a value on the same line when a colon follows them (`来源：X 发布时间：Y`,
    /// `索引号：A 发布机构：B 成文日期：C`): every label, and the counters pages print beside them;
    /// and words that end a value even without a colon.
    private static let trailing: [Unicode.Scalar: [(word: [Unicode.Scalar], needsColon: Bool)]] = Dictionary(
        grouping: (labels.map(\.0) + ["作者", "浏览次数", "点击数", "阅读次数", "访问量", "字号", "分享"]).map {
            (Array($0.unicodeScalars), true)
        } + ["【", "打印", "关闭窗口"].map { (Array($0.unicodeScalars), false) },
        by: { $0.word[0] })
    private static let trailingStarts = ScalarFilter(trailing.keys)

    private(set) var values: [Field: String] = [:]

    init(segments: [Segment]) {
        var i = 0
        while i < segments.count {
            var text = segments[i].text
            // A line may hold several labels (`来源：X 发布时间：Y`): read each in turn.
            while let (field, inline) = Self.label(in: text) {
                var value = inline
                if value == nil {
                    // The value is the next segment (a cell, a `<dd>`, the text after `<b>label</b>`),
                    // unless that is a label itself (an empty cell).
                    let next = i + 1 < segments.count ? Self.droppingColon(segments[i + 1].text) : ""
                    let nextIsLabel = Self.label(in: next) != nil
                    value = nextIsLabel ? "" : next
                    if !nextIsLabel { i += 1 }
                }
                let (head, rest) = Self.splitAtTrailingLabel(value ?? "")
                if values[field] == nil { values[field] = head }
                guard let rest else { break }
                text = rest
            }
            i += 1
        }
    }

    subscript(_ field: Field) -> String? { values[field] }

    /// Sets a field from a probe's XPath override, by its Chinese label (`ParseOverrides.fieldLabels`);
    /// a value that repeats its label (`索引号：X`) loses it.
    mutating func set(label: String, _ text: String) {
        let byLabel: [String: Field] = [
            "索引号": .indexNumber, "发布机构": .publisher, "成文日期": .written, "发布日期": .published, "文号": .documentNumber,
            "来源": .source,
        ]
        guard let field = byLabel[label], !text.isEmpty else { return }
        if let (labelled, inline) = Self.label(in: text), labelled == field {
            values[field] = inline ?? text
        } else {
            values[field] = text
        }
    }

    /// The field a segment labels, and its inline value (nil when the value is in the next segment).
    private static func label(in text: String) -> (Field, String?)? {
        let s = text.unicodeScalars
        var i = s.startIndex
        if i < s.endIndex, s[i] == "【" || s[i] == "[" { i = s.index(after: i) }
        guard i < s.endIndex, labelStarts.mayContain(s[i]), let candidates = labelsByFirst[s[i]] else { return nil }
        for (label, field) in candidates {
            guard var j = afterLabel(label, in: s, from: i) else { continue }
            while j < s.endIndex, s[j] == " " || s[j] == "】" || s[j] == "]" { j = s.index(after: j) }
            if j == s.endIndex { return (field, nil) }
            guard s[j] == "：" || s[j] == ":" else { return nil }
            j = s.index(after: j)
            while j < s.endIndex, s[j] == " " { j = s.index(after: j) }
            return (field, j == s.endIndex ? nil : String(text[j...]))
        }
        return nil
    }

    /// Spaces found inside labels: ASCII, `&nbsp;`, `&ensp;`, `&emsp;`, the ideographic space.
    private static func isLabelSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\u{3000}" || c == "\u{A0}" || c == "\u{2002}" || c == "\u{2003}" || c == "\t"
    }

    /// Where `label` ends in `s` from `start`, ignoring spaces between its characters and after it.
    private static func afterLabel(_ label: [Unicode.Scalar], in s: String.UnicodeScalarView, from start: String.Index)
        -> String.Index?
    {
        var i = start
        for c in label {
            while i < s.endIndex, isLabelSpace(s[i]) { i = s.index(after: i) }
            guard i < s.endIndex, s[i] == c else { return nil }
            i = s.index(after: i)
        }
        while i < s.endIndex, isLabelSpace(s[i]) { i = s.index(after: i) }
        return i
    }

    /// A value segment without the colon that separated it from its label.
    private static func droppingColon(_ text: String) -> String {
        guard text.first == "：" || text.first == ":" else { return text }
        return text.dropFirst().trimmingWhitespace()
    }

    /// The value before the first trailing word that follows it, and the rest from that word on.
    private static func splitAtTrailingLabel(_ value: String) -> (String, String?) {
        let s = value.unicodeScalars
        guard !s.isEmpty else { return ("", nil) }
        var at = s.index(after: s.startIndex)
        while at < s.endIndex {
            if trailingStarts.mayContain(s[at]), let words = trailing[s[at]],
                words.contains(where: { endsValue($0.word, needsColon: $0.needsColon, s, at) })
            {
                return (value[..<at].trimmingWhitespace(), String(value[at...]))
            }
            at = s.index(after: at)
        }
        return (value.trimmingWhitespace(), nil)
    }

    /// True when `word` is at `at` in `s` (followed by a colon, spaces allowed, if it needs one).
    private static func endsValue(
        _ word: [Unicode.Scalar], needsColon: Bool, _ s: String.UnicodeScalarView, _ at: String.Index
    ) -> Bool {
        var i = at
        for c in word {
            guard i < s.endIndex, s[i] == c else { return false }
            i = s.index(after: i)
        }
        guard needsColon else { return true }
        while i < s.endIndex, isLabelSpace(s[i]) { i = s.index(after: i) }
        return i < s.endIndex && (s[i] == "：" || s[i] == ":")
    }
}

/// A set of scalars as a bit set over their low seven bits: `mayContain` is false for most
/// scalars not in it and never for one that is, and costs no hashing. It guards the
/// dictionary look-ups that run for every segment, or every scalar of a value.
private struct ScalarFilter {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for c in scalars {
            let b = c.value & 127
            if b < 64 { low |= 1 << b } else { high |= 1 << (b - 64) }
        }
    }

    func mayContain(_ c: Unicode.Scalar) -> Bool {
        let b = c.value & 127
        return b < 64 ? low & 1 << b != 0 : high & 1 << (b - 64) != 0
    }
}
