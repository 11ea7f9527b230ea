import Foundation
import GovWatchCore

/// HTTP webhooks: a generic JSON POST of the message, or the markdown robots of 企业微信
/// (WeCom) and 钉钉 (DingTalk), whose size limits are kept by splitting the markdown into
/// numbered parts on line boundaries.
public struct WebhookChannel: Channel {
    public let config: ChannelConfig

    /// Bytes of markdown content one robot message may carry.
    public static let limits: [ChannelType: Int] = [.wecom: 4096, .dingtalk: 20000]
    /// Parts sent at most for one message; what does not fit is cut with a pointer to the digest.
    public static let maxParts = 5

    public init(config: ChannelConfig) { self.config = config }

    public func send(_ message: OutboundMessage) throws(DeliveryError) {
        guard let url = config.url else { throw DeliveryError("channel \(config.name): no url") }
        var headers = ["Content-Type: application/json; charset=utf-8"]
        if let token = config.bearerToken { headers.append("Authorization: Bearer \(token)") }
        for body in Self.bodies(for: message, type: config.type) {
            let call = CurlCall(url: url, timeout: config.timeout, payload: body, headers: headers, caFile: config.caFile)
            let reply: (code: Int, body: [UInt8])
            do {
                reply = try call.perform()
            } catch {
                throw DeliveryError("channel \(config.name) (\(config.maskedURL)): \(error.message)")
            }
            guard (200..<300).contains(reply.code) else {
                throw DeliveryError("channel \(config.name) (\(config.maskedURL)): HTTP \(reply.code)")
            }
            // The robots answer 200 with {"errcode": N, "errmsg": "..."}; N ≠ 0 is a refusal.
            if config.type != .webhook,
                let answer = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
                let code = answer["errcode"] as? Int, code != 0
            {
                throw DeliveryError("channel \(config.name): robot refused the message: errcode \(code) \(answer["errmsg"] ?? "")")
            }
        }
    }

    /// The request bodies for a message: one for a generic webhook, one per markdown part for
    /// a robot.
    public static func bodies(for m: OutboundMessage, type: ChannelType) -> [[UInt8]] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch type {
        case .wecom:
            return parts(m.markdown, limit: limits[.wecom]!).map {
                try! encoder.encode(WeComMarkdown(markdown: .init(content: $0))).bytes
            }
        case .dingtalk:
            return parts(m.markdown, limit: limits[.dingtalk]!).map {
                try! encoder.encode(DingTalkMarkdown(markdown: .init(title: String(m.subject.prefix(64)), text: $0))).bytes
            }
        default:
            let json = GenericPayload(
                kind: m.kind.rawValue, name: m.name, subject: m.subject, text: m.text, markdown: m.markdown, recipients: m.recipients,
                attachments: m.attachments.map { .init(filename: $0.filename, mimeType: $0.mimeType, size: $0.data.count) })
            return [try! encoder.encode(json).bytes]
        }
    }

    /// The markdown in parts of at most `limit` UTF-8 bytes each, marked `(i/n)`, split
    /// between lines (a line longer than a part is cut on a character boundary); at most
    /// `maxParts`, the last one saying that the rest was left out.
    public static func parts(_ markdown: String, limit: Int) -> [String] {
        let marker = 16  // room for "（10/10）\n"
        let budget = limit - marker
        var chunks: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { chunks.append(current) }
            current = ""
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(line) + "\n"
            while line.utf8.count > budget {  // cut an over-long line
                flush()
                var head = ""
                for ch in line {
                    if head.utf8.count + String(ch).utf8.count > budget { break }
                    head.append(ch)
                }
                chunks.append(head)
                line = String(line.dropFirst(head.count))
            }
            if current.utf8.count + line.utf8.count > budget { flush() }
            current += line
        }
        flush()
        if chunks.count > maxParts {
            let note = "\n……其余内容过长未发送，请查看邮件或日报文件。"
            chunks = Array(chunks.prefix(maxParts))
            var last = chunks[maxParts - 1]
            while last.utf8.count + note.utf8.count > budget, !last.isEmpty { last.removeLast() }
            chunks[maxParts - 1] = last + note
        }
        guard chunks.count > 1 else { return chunks.isEmpty ? [""] : chunks }
        return chunks.enumerated().map { i, c in "（\(i + 1)/\(chunks.count)）\n" + c }
    }
}

private struct WeComMarkdown: Encodable {
    struct Body: Encodable { var content: String }
    var msgtype = "markdown"
    var markdown: Body
}

private struct DingTalkMarkdown: Encodable {
    struct Body: Encodable {
        var title: String
        var text: String
    }
    var msgtype = "markdown"
    var markdown: Body
}

/// What a generic webhook receives.
private struct GenericPayload: Encodable {
    struct File: Encodable {
        var filename: String
        var mimeType: String
        var size: Int
    }
    var kind: String
    var name: String
    var subject: String
    var text: String
    var markdown: String
    var recipients: [String]
    var attachments: [File]
}

extension Data {
    fileprivate var bytes: [UInt8] { [UInt8](self) }
}
