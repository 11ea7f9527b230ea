import Foundation
import GRDB
import GovWatchCore

/// One try at a probe's homepage.
public struct AvailabilitySample: Sendable, Hashable {
    public var probeID: String
    /// Unix seconds.
    public var at: Double
    public var ok: Bool
    public var status: Int
    public var outcome: String
    public var seconds: Double

    public init(probeID: String, at: Double, ok: Bool, status: Int, outcome: String, seconds: Double) {
        self.probeID = probeID
        self.at = at
        self.ok = ok
        self.status = status
        self.outcome = outcome
        self.seconds = seconds
    }
}

extension AppDatabase {
    /// Samples are kept this long, then pruned.
    public static let availabilityKeepDays = 400.0

    /// Stores a sample and prunes those older than `availabilityKeepDays`.
    public func record(_ s: AvailabilitySample) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO availability_sample (probe_id, at, ok, status, outcome, seconds) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [s.probeID, s.at, s.ok, s.status, s.outcome, s.seconds])
            try db.execute(
                sql: "DELETE FROM availability_sample WHERE at < ?", arguments: [s.at - Self.availabilityKeepDays * 86_400])
        }
    }

    /// The samples of a probe since `since` (Unix seconds): how many, how many failed.
    public func availability(probeID: String, since: Double) throws -> AvailabilityWindow {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT COUNT(*) AS n, COALESCE(SUM(ok = 0), 0) AS failed FROM availability_sample WHERE probe_id = ? AND at >= ?",
                arguments: [probeID, since])
            return AvailabilityWindow(samples: row?["n"] ?? 0, failed: row?["failed"] ?? 0)
        }
    }

    /// Every probe's samples since `since`, by probe id.
    public func availabilityByProbe(since: Double) throws -> [String: AvailabilityWindow] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT probe_id, COUNT(*) AS n, COALESCE(SUM(ok = 0), 0) AS failed FROM availability_sample
                    WHERE at >= ? GROUP BY probe_id
                    """, arguments: [since])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["probe_id"], AvailabilityWindow(samples: $0["n"], failed: $0["failed"])) })
        }
    }
}
