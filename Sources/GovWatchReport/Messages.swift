import Foundation
import GovWatchCore
import GovWatchStore

/// The messages govwatch sends, in Chinese, in every form a channel needs.
public enum Messages {
    /// An immediate alert for a severe finding.
    public static func alert(_ f: Finding, unitName: String, day: CivilDate) -> OutboundMessage {
        let evidence = f.evidence.map { "\($0.label)：\($0.value)" }
        let text = ([
            "单位：\(unitName)", "级别：\(f.severity.chinese)", "问题：\(f.description)", "依据：\(f.clause)", "链接：\(f.url)",
            "发现日期：\(day)",
        ] + evidence).joined(separator: "\n")
        let markdown = """
            ### <font color="warning">【紧急】\(unitName)</font>
            > \(f.description)

            - 依据：\(f.clause)
            - 发现日期：\(day)
            - [查看页面](\(f.url))
            """
        return OutboundMessage(
            kind: .alert, name: "alert-\(day)-\(f.fingerprint)", subject: "【紧急】\(unitName)：\(f.description)",
            text: text + "\n\n请立即核查处理。", html: htmlPage(title: "【紧急】\(unitName)", lines: text.components(separatedBy: "\n")),
            markdown: markdown)
    }

    /// Escalation: a notice went overdue; a follow-up notice was issued.
    public static func overdue(_ n: StoredNotice, unitName: String, followUp: StoredNotice?, day: CivilDate) -> OutboundMessage {
        let open = followUp?.items.count ?? n.items.count
        var lines = [
            "\(unitName)未在期限内完成整改。", "通知书：\(n.number)", "整改期限：\(n.deadlineText)", "未整改问题：\(open)个",
        ]
        if let followUp { lines.append("已下发督办通知：\(followUp.number)，期限 \(followUp.deadlineText)") }
        return OutboundMessage(
            kind: .alert, name: "overdue-\(n.id)", subject: "【逾期未整改】\(unitName) \(n.number)",
            text: lines.joined(separator: "\n"), html: htmlPage(title: "【逾期未整改】\(unitName)", lines: lines),
            markdown: "### 【逾期未整改】\(unitName)\n" + lines.dropFirst().map { "- \($0)" }.joined(separator: "\n"))
    }

    /// A provisional deadline counted again once the year's holiday notice arrived: the
    /// unit is told its new deadline, never left with the old one.
    public static func deadlineChanged(_ n: StoredNotice, unitName: String, was: CivilDate, recipients: [String] = [])
        -> OutboundMessage
    {
        let lines = [
            "\(unitName)：", "根据国务院办公厅节假日安排，\(n.number)的整改期限由\(was)调整为\(n.deadline)\(n.provisional ? "（暂定）" : "")。",
            "请按调整后的期限完成整改并书面报告。",
        ]
        return OutboundMessage(
            kind: .notice, name: "deadline-\(n.id)-\(n.deadline)", subject: "【整改期限调整】\(unitName) \(n.number)",
            text: lines.joined(separator: "\n"), html: htmlPage(title: "【整改期限调整】\(unitName)", lines: lines),
            markdown: "### 【整改期限调整】\(unitName)\n- \(n.number)：\(was) → \(n.deadline)", recipients: recipients)
    }

    /// The daily digest.
    public static func digest(_ d: Digest, templates: Templates = .standard) -> OutboundMessage {
        OutboundMessage(
            kind: .digest, name: "digest-\(d.date)", subject: d.subject, text: templates.render(d, "digest.txt"),
            html: templates.render(d, "digest.html"), markdown: templates.render(d, "digest.md"))
    }

    /// A rectification notice, with its Word document attached, addressed to the unit too.
    public static func notice(_ doc: NoticeDocument, recipients: [String] = [], templates: Templates = .standard) throws
        -> OutboundMessage
    {
        let text = (["\(doc.unit)：", doc.opening]
            + doc.items.map { "\($0.index). \($0.description)（\($0.clause)，扣\($0.points)分）\n   \($0.url)" }
            + [doc.requirement, "", doc.issuer, doc.issuedOn, ""]).joined(separator: "\n")
        return OutboundMessage(
            kind: .notice, name: doc.fileStem, subject: "\(doc.title)（\(doc.number)）", text: text, html: doc.html(templates: templates),
            markdown: "### \(doc.title)\n> \(doc.number)\n\n**\(doc.unit)**：问题\(doc.items.count)个，请于\(doc.deadline)前完成整改并书面报告。",
            attachments: [
                Attachment(
                    filename: "\(doc.fileStem).docx",
                    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data: try doc.docx())
            ], recipients: recipients)
    }

    /// `govwatch send-test`.
    public static func test(channel: String, at date: Date) -> OutboundMessage {
        let text = "这是一条测试消息，用于确认 govwatch 的发送渠道「\(channel)」配置正确。发送时间：\(date)"
        return OutboundMessage(
            kind: .test, name: "test-\(Int(date.timeIntervalSince1970))", subject: "【测试】govwatch 发送渠道 \(channel)", text: text,
            html: htmlPage(title: "【测试】govwatch", lines: [text]), markdown: "### 【测试】govwatch\n\(text)")
    }

    private static func htmlPage(title: String, lines: [String]) -> String {
        let body = lines.map { "<p style=\"margin:4px 0\">\(escape($0))</p>" }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
            <body style="font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:14px;color:#1f2328">
            <h2 style="color:#a40000;font-size:18px">\(escape(title))</h2>
            \(body)
            </body></html>
            """
    }

    static func escape(_ s: String) -> String { DocxWriter.escape(s) }
}
