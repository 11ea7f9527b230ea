import GovWatchCore

/// A delivery that did not go through; the message says why without secrets.
public struct DeliveryError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Something a message can be sent through. `send` blocks (it does network or file I/O):
/// callers run it off the concurrency pool, as `Outbox` does.
public protocol Channel: Sendable {
    var config: ChannelConfig { get }
    func send(_ message: OutboundMessage) throws(DeliveryError)
}

/// The channel for a config.
public func makeChannel(_ config: ChannelConfig) -> any Channel {
    switch config.type {
    case .files: FileChannel(config: config)
    case .smtp: SMTPChannel(config: config)
    case .webhook, .wecom, .dingtalk: WebhookChannel(config: config)
    }
}
