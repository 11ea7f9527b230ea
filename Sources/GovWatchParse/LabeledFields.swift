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

    private static let labels: [(String, Field)] = [
        ("信息索引号", .indexNumber), ("索引号", .indexNumber), ("发布机构", .publisher), ("发文机关", .publisher),
        ("成文日期", .written), ("生成日期", .written), ("发布日期", .published), ("公开日期", .published),
        ("文件编号", .documentNumber), ("发文字号", .documentNumber), ("文号", .documentNumber),
        ("主题分类", .topic), ("有效性", .validity), ("效力状况", .validity), ("信息来源", .source),
        ("文章来源", .source), ("来源", .source), ("发布时间", .publishTime), ("名称", .title), ("标题", .title),
    ]

    /// Labels by their first character: most segments are body text and fail at once.
    private static let labelsByFirst: [Character: [(String, Field)]] = Dictionary(
        grouping: labels, by: { $0.0.first! })

    /// Labels that may follow a value on the same line (`来源：X 发布时间：Y`).
    private static let trailingLabels = ["发布时间", "发布日期", "作者", "浏览次数", "点击数", "阅读次数", "字号", "【", "打印"]

    private static let trailingLabelBytes = trailingLabels.map { Array($0.utf8) }

    private(set) var values: [Field: String] = [:]

    init(segments: [Segment]) {
        var i = 0
        while i < segments.count {
            var text = segments[i].text
            // A line may hold several labels (`来源：X 发布时间：Y`): read each in turn.
            while let (field, inline) = Self.label(in: text) {
                var value = inline
                if value == nil {
                    let next = i + 1 < segments.count ? segments[i + 1].text : ""
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

    /// The field a segment labels, and its inline value (nil when the value is in the next segment).
    private static func label(in text: String) -> (Field, String?)? {
        guard let first = text.unicodeScalars.first, first.value >= 0x4E00 || first == "【" || first == "[" else {
            return nil
        }
        let t = text.hasPrefix("【") || text.hasPrefix("[") ? String(text.dropFirst()) : text
        guard let head = t.first, let candidates = labelsByFirst[head] else { return nil }
        for (label, field) in candidates {
            guard let rest = Self.dropLabel(label, from: t) else { continue }
            let trimmed = rest.drop { $0 == " " || $0 == "】" || $0 == "]" }
            if trimmed.isEmpty { return (field, nil) }
            if trimmed.first == "：" || trimmed.first == ":" {
                let value = trimmed.dropFirst().trimmingPrefix(" ")
                return (field, value.isEmpty ? nil : String(value))
            }
            return nil
        }
        return nil
    }

    /// `text` after `label`, ignoring spaces between the label's characters.
    private static func dropLabel(_ label: String, from text: String) -> Substring? {
        var t = text[...]
        for c in label {
            t = t.drop { $0 == " " || $0 == "\u{3000}" }
            guard t.first == c else { return nil }
            t = t.dropFirst()
        }
        return t
    }

    /// The value before the first label that follows it, and the rest from that label on.
    private static func splitAtTrailingLabel(_ value: String) -> (String, String?) {
        var cut: String.Index?
        for label in trailingLabelBytes {
            if let at = value.utf8.firstIndex(ofBytes: label), at > value.startIndex, cut.map({ at < $0 }) ?? true {
                cut = at
            }
        }
        guard let cut else { return (value.trimmingWhitespace(), nil) }
        return (value[..<cut].trimmingWhitespace(), String(value[cut...]))
    }
}
