import Foundation
import GRDB
import GovWatchCore

/// A deduction as stored, with the state of the finding it comes from.
public struct DeductionRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var period: Int
    public var unitID: String
    public var lineID: String?
    public var points: Double
    public var source: DeductionSource
    public var findingFingerprint: String?
    public var rule: String?
    public var reason: String
    public var clause: String?
    public var evidenceURL: String?
    public var foundOn: String
    public var by: String
    public var revoked: Bool
    public var revokedBy: String?
    public var revokeReason: String?
    /// The finding's status now (automatic deductions): a fixed problem still cost its points.
    public var findingStatus: FindingStatus?
    public var rectifiedOn: String?

    /// The scorer's view.
    public var deduction: Deduction {
        Deduction(
            id: id, unitID: unitID, lineID: lineID, points: points, source: source, findingFingerprint: findingFingerprint,
            revoked: revoked)
    }
}

/// A unit as stored by the checks.
public struct StoredUnit: Sendable, Hashable, Codable {
    public var id: String
    public var probeID: String
    public var name: String
    public var fullName: String
    public var type: String
}

extension [StoredUnit] {
    /// Unit id → full name, for what supervisors read.
    public var fullNames: [String: String] { Dictionary(map { ($0.id, $0.fullName) }, uniquingKeysWith: { a, _ in a }) }
}

/// A manual or fraud deduction to record.
public struct ManualDeduction: Sendable {
    public var period: Int
    public var unitID: String
    public var lineID: String?
    public var points: Double
    public var source: DeductionSource
    public var reason: String
    public var evidenceURL: String?
    public var by: String
    public var on: CivilDate

    public init(
        period: Int, unitID: String, lineID: String?, points: Double, source: DeductionSource, reason: String,
        evidenceURL: String?, by: String, on: CivilDate
    ) {
        self.period = period
        self.unitID = unitID
        self.lineID = lineID
        self.points = points
        self.source = source
        self.reason = reason
        self.evidenceURL = evidenceURL
        self.by = by
        self.on = on
    }
}

extension DeductionRecord {
    /// A `deduction` row joined with its finding's `finding_status` and `rectified_on`.
    init(row r: Row) {
        self.init(
            id: r["id"], period: r["period"], unitID: r["unit_id"], lineID: r["line_id"], points: r["points"],
            source: DeductionSource(rawValue: r["source"]) ?? .manual, findingFingerprint: r["finding_fingerprint"],
            rule: r["rule"], reason: r["reason"], clause: r["clause"], evidenceURL: r["evidence_url"],
            foundOn: r["found_on"], by: r["by"], revoked: (r["revoked_at"] as Date?) != nil, revokedBy: r["revoked_by"],
            revokeReason: r["revoke_reason"], findingStatus: (r["finding_status"] as String?).flatMap(FindingStatus.init),
            rectifiedOn: r["rectified_on"])
    }
}

extension AppDatabase {
    /// Keeps the probe's units, for scores and for validating manual deductions.
    public func saveUnits(of probe: Probe) throws {
        try writer.write { db in
            for u in probe.units {
                try db.execute(
                    sql: """
                        INSERT INTO unit (id, probe_id, name, full_name, type) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET probe_id = excluded.probe_id, name = excluded.name,
                          full_name = excluded.full_name, type = excluded.type
                        """, arguments: [u.id, probe.id, u.name, u.fullName, u.type.rawValue])
            }
        }
    }

    public func units() throws -> [StoredUnit] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM unit ORDER BY probe_id, rowid").map {
                StoredUnit(id: $0["id"], probeID: $0["probe_id"], name: $0["name"], fullName: $0["full_name"], type: $0["type"])
            }
        }
    }

    /// One deduction per finding and period, for every finding that costs points under
    /// `rubric`; a finding already deducted in the period is never deducted again, even when
    /// it was resolved and came back. Returns how many were added.
    @discardableResult
    public func recordAutomaticDeductions(_ findings: [Finding], period: Int, on day: CivilDate, rubric: Rubric) throws -> Int {
        try writer.write { db in
            var added = 0
            for f in findings {
                guard let mapping = rubric.deduction(for: f) else { continue }
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO deduction (period, unit_id, line_id, points, source, finding_fingerprint, rule,
                          reason, clause, evidence_url, found_on, by, created_at)
                        VALUES (?, ?, ?, ?, 'automatic', ?, ?, ?, ?, ?, ?, 'govwatch', ?)
                        """,
                    arguments: [
                        period, f.unitID, mapping.line, mapping.points(for: f), f.fingerprint, f.rule.rawValue, f.description,
                        f.clause, f.url, day.description, StoredTime(),
                    ])
                added += db.changesCount
            }
            return added
        }
    }

    /// Records a manual or fraud deduction and its audit entry together; returns its id.
    public func addDeduction(_ d: ManualDeduction) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO deduction (period, unit_id, line_id, points, source, reason, evidence_url, found_on, by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    d.period, d.unitID, d.lineID, d.points, d.source.rawValue, d.reason, d.evidenceURL, d.on.description, d.by,
                    StoredTime(),
                ])
            let id = db.lastInsertedRowID
            try audit(db, by: d.by, action: "deduct-\(d.source.rawValue)", deductionID: id,
                detail: "\(d.unitID) \(d.lineID ?? "total") -\(d.points): \(d.reason)")
            return id
        }
    }

    /// Revokes a deduction after 复核: it stays on record, marked, with who and why.
    public func revokeDeduction(id: Int64, reason: String, by: String) throws {
        try writer.write { db in
            guard try Row.fetchOne(db, sql: "SELECT revoked_at FROM deduction WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError("no deduction with id \(id)")
            }
            guard try Bool.fetchOne(db, sql: "SELECT revoked_at IS NULL FROM deduction WHERE id = ?", arguments: [id]) == true else {
                throw StoreError("deduction \(id) is already revoked")
            }
            try db.execute(
                sql: "UPDATE deduction SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?",
                arguments: [StoredTime(), by, reason, id])
            try audit(db, by: by, action: "revoke", deductionID: id, detail: reason)
        }
    }

    /// The columns `DeductionRecord(row:)` reads: a deduction with its finding's status.
    static let deductionRecords = """
        SELECT d.*, f.status AS finding_status, f.resolved_on AS rectified_on
        FROM deduction d LEFT JOIN finding f ON f.fingerprint = d.finding_fingerprint
        """

    /// Deductions of a period, optionally of one unit, oldest first.
    public func deductions(period: Int, unitID: String? = nil) throws -> [DeductionRecord] {
        try writer.read { db in
            var sql = Self.deductionRecords + " WHERE d.period = ?"
            var args: StatementArguments = [period]
            if let unitID {
                sql += " AND d.unit_id = ?"
                args += [unitID]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY d.id", arguments: args).map(DeductionRecord.init(row:))
        }
    }

    /// The audit trail, newest last.
    public func auditTrail() throws -> [(at: Date, by: String, action: String, deductionID: Int64?, detail: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id").map {
                (at: $0["at"], by: $0["by"], action: $0["action"], deductionID: $0["deduction_id"], detail: $0["detail"])
            }
        }
    }

    func audit(_ db: Database, by: String, action: String, deductionID: Int64?, detail: String) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, by, action, deduction_id, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [StoredTime(), by, action, deductionID, detail])
    }
}

/// A store operation refused for a reason an operator can act on.
public struct StoreError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
