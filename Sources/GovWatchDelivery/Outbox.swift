import Foundation
import GovWatchCore
import GovWatchStore

/// What one round of deliveries did.
public struct OutboxRound: Sendable, Hashable {
    public var sent = 0
    public var retrying = 0
    public var gaveUp = 0
    /// One line per failed attempt, without secrets.
    public var errors: [String] = []
}

/// Sends the queued deliveries whose time has come through their channels and records each
/// outcome in the store, so a restart neither loses nor repeats a delivery. A failed attempt
/// is retried with exponential backoff (1 min, 2 min, 4 min … at most 1 h) up to
/// `maxAttempts`, then marked failed.
public struct Outbox: Sendable {
    public let database: AppDatabase
    public let channels: [String: any Channel]
    public var maxAttempts: Int
    public var baseDelay: Double

    public init(database: AppDatabase, channels: [ChannelConfig], maxAttempts: Int = 12, baseDelay: Double = 60) {
        self.database = database
        self.channels = Dictionary(channels.map { ($0.name, makeChannel($0)) }, uniquingKeysWith: { a, _ in a })
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
    }

    /// The channels that take messages of `kind`.
    public func channelNames(for kind: MessageKind) -> [String] {
        channels.values.filter { $0.config.kinds.contains(kind) }.map(\.config.name).sorted()
    }

    /// Seconds to wait after the `attempts`-th failed attempt.
    public func backoff(afterAttempt attempts: Int) -> Double {
        min(3600, baseDelay * pow(2, Double(max(0, attempts - 1))))
    }

    /// Delivers everything due at `now` (seconds since 1970).
    public func deliverDue(now: Double) async throws -> OutboxRound {
        var round = OutboxRound()
        let database = self.database
        for d in try await OffPool.run({ try database.dueDeliveries(now: now) }) {
            let attempt = d.attempts + 1
            guard let channel = channels[d.channel] else {
                let message = "channel \(d.channel) is not configured (any more); delivery \(d.id) waits for it"
                try await OffPool.run { try database.markFailed(delivery: d.id, error: message, retryAt: now + 3600) }
                round.errors.append(message)
                round.retrying += 1
                continue
            }
            let outcome = await OffPool.run { () -> DeliveryError? in
                do throws(DeliveryError) {
                    try channel.send(d.message)
                    return nil
                } catch {
                    return error
                }
            }
            if let error = outcome {
                let giveUp = attempt >= maxAttempts
                let retryAt = giveUp ? nil : now + backoff(afterAttempt: attempt)
                try await OffPool.run { try database.markFailed(delivery: d.id, error: error.message, retryAt: retryAt) }
                round.errors.append("\(d.message.name) → \(d.channel), attempt \(attempt): \(error.message)")
                if giveUp { round.gaveUp += 1 } else { round.retrying += 1 }
            } else {
                try await OffPool.run { try database.markSent(delivery: d.id) }
                round.sent += 1
            }
        }
        return round
    }
}
