import Foundation
import GRDB
import GovWatchCore

/// A digest made: what the next one counts from.
public struct DigestMark: Sendable, Hashable {
    public var date: CivilDate
    /// The largest finding id when it was made.
    public var lastFindingID: Int64
    /// Seconds since 1970.
    public var createdAt: Double

    public init(date: CivilDate, lastFindingID: Int64, createdAt: Double) {
        self.date = date
        self.lastFindingID = lastFindingID
        self.createdAt = createdAt
    }
}

/// Where a delivery stands.
public enum DeliveryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for its next attempt.
    case pending
    case sent
    /// Given up after the last attempt; `last_error` says why.
    case failed
}

/// A message queued for one channel.
public struct StoredDelivery: Sendable, Hashable {
    public var id: Int64
    public var channel: String
    /// Unique per channel: `alert:FINGERPRINT`, `digest:DATE`, `notice:ID`, `test:TIME`.
    public var key: String
    public var message: OutboundMessage
    public var status: DeliveryStatus
    public var attempts: Int
    /// Seconds since 1970.
    public var nextAttemptAt: Double
    public var lastError: String?
    public var sentAt: Date?
}

extension AppDatabase {
    /// Queues `message` once per channel: a key already queued for a channel (sent or not)
    /// is not queued again, so a restart or a repeated check never sends a message twice.
    /// Returns how many deliveries were queued.
    @discardableResult
    public func enqueue(_ message: OutboundMessage, key: String, channels: [String], notBefore: Double) throws -> Int {
        guard !channels.isEmpty else { return 0 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(message), as: UTF8.self)
        return try writer.write { db in
            var queued = 0
            for channel in channels {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO delivery (channel, key, kind, subject, message, status, attempts, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                        """,
                    arguments: [channel, key, message.kind.rawValue, message.subject, json, notBefore, StoredTime()])
                queued += db.changesCount
            }
            return queued
        }
    }

    /// Pending deliveries whose time has come, oldest first.
    public func dueDeliveries(now: Double, limit: Int = 50) throws -> [StoredDelivery] {
        try deliveries(" WHERE status = 'pending' AND next_attempt_at <= ?", [now], limit: limit)
    }

    /// Deliveries, newest first; optionally only those in `status`.
    public func deliveries(status: DeliveryStatus? = nil, limit: Int = 1000) throws -> [StoredDelivery] {
        let filter = EqualityFilter(["status": status?.rawValue])
        return try deliveries(filter.sql, filter.arguments, limit: limit, newestFirst: true)
    }

    public func markSent(delivery id: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE delivery SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = ? WHERE id = ?",
                arguments: [StoredTime(), id])
        }
    }

    /// Records a failed attempt: retried at `retryAt`, or given up when it is nil.
    public func markFailed(delivery id: Int64, error: String, retryAt: Double?) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?
                    """,
                arguments: [retryAt == nil ? "failed" : "pending", error, retryAt ?? 0, id])
        }
    }

    /// Fingerprints of the findings an alert was ever queued for.
    public func alertedFingerprints() throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT substr(key, 7) FROM delivery WHERE key LIKE 'alert:%'"))
        }
    }

    /// The latest digest made, if any.
    public func lastDigest() throws -> DigestMark? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM digest ORDER BY date DESC LIMIT 1").map {
                DigestMark(date: CivilDate(iso: $0["date"])!, lastFindingID: $0["last_finding_id"], createdAt: $0["created_at"])
            }
        }
    }

    /// Records the digest of `date`, made at `now` with every finding up to `lastFindingID`.
    public func recordDigest(_ mark: DigestMark) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO digest (date, last_finding_id, created_at) VALUES (?, ?, ?)",
                arguments: [mark.date.description, mark.lastFindingID, mark.createdAt])
        }
    }

    /// - Parameter filter: ` WHERE …` or empty.
    private func deliveries(_ filter: String, _ args: StatementArguments, limit: Int, newestFirst: Bool = false) throws
        -> [StoredDelivery]
    {
        try writer.read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(
                db, sql: "SELECT * FROM delivery\(filter) ORDER BY id \(newestFirst ? "DESC" : "ASC") LIMIT \(limit)",
                arguments: args
            ).map { row in
                StoredDelivery(
                    id: row["id"], channel: row["channel"], key: row["key"],
                    message: try decoder.decode(OutboundMessage.self, from: Data((row["message"] as String).utf8)),
                    status: DeliveryStatus(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
                    nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"], sentAt: row["sent_at"])
            }
        }
    }
}
