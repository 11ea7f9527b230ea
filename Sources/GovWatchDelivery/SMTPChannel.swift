import Foundation
import GovWatchCore

/// Mail over SMTP through libcurl: `smtps://host:465` (TLS from the start) or
/// `smtp://host:587` with STARTTLS required unless `starttls: false`; optional AUTH. A
/// message goes to the channel's `to` and to its own recipients (a notice's unit).
public struct SMTPChannel: Channel {
    public let config: ChannelConfig

    public init(config: ChannelConfig) { self.config = config }

    public func send(_ message: OutboundMessage) throws(DeliveryError) {
        guard let url = config.url, let from = config.from, !config.to.isEmpty else {
            throw DeliveryError("channel \(config.name): smtp needs url, from and to")
        }
        let to = config.to + message.recipients.filter { !config.to.contains($0) }
        let mail = MIMEMessage.render(message, from: from, to: to)
        let call = CurlCall(
            url: url, timeout: config.timeout, payload: Array(mail.utf8), mailFrom: from, recipients: to,
            username: config.username, password: config.password,
            requireTLS: url.lowercased().hasPrefix("smtp://") && config.startTLS, caFile: config.caFile)
        do {
            _ = try call.perform()
        } catch {
            throw DeliveryError("channel \(config.name) (\(config.maskedURL)): \(error.message)")
        }
    }
}
