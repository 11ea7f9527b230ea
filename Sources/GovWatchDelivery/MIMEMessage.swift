import Foundation
import GovWatchCore

/// An RFC 5322 mail with MIME parts: `multipart/mixed` of a `multipart/alternative` (plain
/// text and HTML) and the attachments; UTF-8 throughout, headers as RFC 2047 encoded words,
/// bodies in base64 with 76-character lines.
public enum MIMEMessage {
    public static func render(
        _ m: OutboundMessage, from: String, to: [String], date: Date = Date(), messageID: String = UUID().uuidString
    ) -> String {
        let boundary = "=_govwatch_mixed_\(messageID.prefix(8))"
        let alternative = "=_govwatch_alt_\(messageID.prefix(8))"
        var lines = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(encodedWord(m.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)@govwatch>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
            "--\(alternative)",
        ]
        lines += part(type: "text/plain; charset=UTF-8", Array(m.text.utf8))
        if let html = m.html {
            lines.append("--\(alternative)")
            lines += part(type: "text/html; charset=UTF-8", Array(html.utf8))
        }
        lines.append("--\(alternative)--")
        for a in m.attachments {
            lines.append("--\(boundary)")
            lines += part(
                type: "\(a.mimeType); name=\"\(encodedWord(a.filename))\"", a.data,
                disposition: "attachment; filename*=UTF-8''\(percentEncoded(a.filename))")
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func part(type: String, _ body: [UInt8], disposition: String? = nil) -> [String] {
        var lines = ["Content-Type: \(type)", "Content-Transfer-Encoding: base64"]
        if let disposition { lines.append("Content-Disposition: \(disposition)") }
        lines.append("")
        let encoded = Data(body).base64EncodedString()
        var i = encoded.startIndex
        while i < encoded.endIndex {
            let j = encoded.index(i, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[i..<j]))
            i = j
        }
        return lines
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, split on character boundaries, folded
    /// onto continuation lines; plain ASCII is left as it is.
    public static func encodedWord(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 {  // 45 bytes → 60 base64 characters + 12 of framing
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    private static func percentEncoded(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }
}
