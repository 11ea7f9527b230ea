import Foundation
import GRDB
import GovWatchCore

/// The lifecycle state of a stored finding.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    case open, resolved

    /// The word supervisors read.
    public var chinese: String {
        switch self {
        case .open: "未整改"
        case .resolved: "已整改"
        }
    }
}

/// A finding as stored: the finding, and when it was seen.
public struct StoredFinding: Sendable, Hashable, Codable {
    public var id: Int64
    public var probeID: String
    public var finding: Finding
    public var status: FindingStatus
    /// The as-of day of the first and the latest check that saw it.
    public var firstSeen: CivilDate
    public var lastSeen: CivilDate
    public var seenCount: Int
    public var resolvedOn: CivilDate?
    /// When the row last changed (seen again, resolved, reopened).
    public var updatedAt: Date
}

/// What reconciling a check's findings with the store did.
public struct ReconcileSummary: Sendable, Hashable {
    public var new = 0
    public var seenAgain = 0
    public var reopened = 0
    public var resolved = 0

    public init(new: Int = 0, seenAgain: Int = 0, reopened: Int = 0, resolved: Int = 0) {
        self.new = new
        self.seenAgain = seenAgain
        self.reopened = reopened
        self.resolved = resolved
    }
}

extension AppDatabase {
    /// Records the findings of one check of a probe as of `day`: a finding seen before is the
    /// same row (last seen, count); one no longer observed is resolved on `day`; a resolved
    /// one seen again is reopened. Evidence keeps what the check saw, even if pages change later.
    /// - Parameter notRun: rules that could not run this time (their register could not be
    ///   read): their open findings stay open, since nothing was observed either way.
    @discardableResult
    public func reconcile(
        probeID: String, findings: [Finding], asOf day: CivilDate, notRun: Set<RuleID> = []
    ) throws -> ReconcileSummary {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try writer.write { db in
            var summary = ReconcileSummary()
            let existing = try Row.fetchAll(
                db, sql: "SELECT fingerprint, status, rule FROM finding WHERE probe_id = ?", arguments: [probeID])
            var status = Dictionary(
                existing.filter { !notRun.contains(RuleID(rawValue: $0["rule"])) }
                    .map { (row: Row) -> (String, String) in (row["fingerprint"], row["status"]) },
                uniquingKeysWith: { a, _ in a })
            let now = StoredTime()
            for f in findings {
                let evidence = String(decoding: try encoder.encode(f.evidence), as: UTF8.self)
                switch status[f.fingerprint] {
                case nil:
                    try db.execute(
                        sql: """
                            INSERT INTO finding (probe_id, fingerprint, rule, unit_id, url, clause, severity, description,
                              evidence, provisional, status, first_seen, last_seen, seen_count, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 1, ?)
                            """,
                        arguments: [
                            probeID, f.fingerprint, f.rule.rawValue, f.unitID, f.url, f.clause, f.severity.rawValue,
                            f.description, evidence, f.provisional, day.description, day.description, now,
                        ])
                    summary.new += 1
                case let s?:
                    try db.execute(
                        sql: """
                            UPDATE finding SET description = ?, evidence = ?, provisional = ?, status = 'open', last_seen = ?,
                              seen_count = seen_count + 1, resolved_on = NULL, updated_at = ? WHERE fingerprint = ?
                            """,
                        arguments: [f.description, evidence, f.provisional, day.description, now, f.fingerprint])
                    if s == FindingStatus.resolved.rawValue { summary.reopened += 1 } else { summary.seenAgain += 1 }
                }
                status[f.fingerprint] = "seen"
            }
            let gone = status.filter { $0.value == FindingStatus.open.rawValue }.map(\.key)
            for fingerprint in gone {
                try db.execute(
                    sql: "UPDATE finding SET status = 'resolved', resolved_on = ?, updated_at = ? WHERE fingerprint = ?",
                    arguments: [day.description, now, fingerprint])
            }
            summary.resolved = gone.count
            return summary
        }
    }

    /// Stored findings, by unit, rule and URL.
    public func findings(
        unitID: String? = nil, rule: RuleID? = nil, status: FindingStatus? = nil, probeID: String? = nil
    ) throws -> [StoredFinding] {
        try writer.read { db in
            let filter = EqualityFilter([
                "unit_id": unitID, "rule": rule?.rawValue, "status": status?.rawValue, "probe_id": probeID,
            ])
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: "SELECT * FROM finding\(filter.sql) ORDER BY unit_id, rule, url, id", arguments: filter.arguments)
                .map { try StoredFinding(row: $0, decoder: decoder) }
        }
    }
}

extension StoredFinding {
    /// A `finding` row.
    init(row: Row, decoder: JSONDecoder) throws {
        var finding = Finding(
            rule: RuleID(rawValue: row["rule"]), unitID: row["unit_id"], url: row["url"], clause: row["clause"],
            description: row["description"],
            evidence: try decoder.decode([Evidence].self, from: Data((row["evidence"] as String).utf8)),
            severity: Severity(rawValue: row["severity"]) ?? .violation)
        finding.fingerprint = row["fingerprint"]
        finding.provisional = row["provisional"]
        self.init(
            id: row["id"], probeID: row["probe_id"], finding: finding, status: FindingStatus(rawValue: row["status"]) ?? .open,
            firstSeen: CivilDate(iso: row["first_seen"])!, lastSeen: CivilDate(iso: row["last_seen"])!,
            seenCount: row["seen_count"], resolvedOn: (row["resolved_on"] as String?).flatMap(CivilDate.init(iso:)),
            updatedAt: row["updated_at"])
    }
}

extension AppDatabase {
    /// What a probe's rules look at, from the store: its publications, its listing pages,
    /// and the URLs its latest completed crawl could not fetch.
    public func world(for probe: Probe, approvals: ApprovalRegister?) throws -> ProbeWorld {
        try writer.read { db in
            let decoder = JSONDecoder()
            // A cursor, not fetchAll: one stored JSON document at a time is held while decoding.
            var publications: [Publication] = []
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT v.data, v.links FROM publication p JOIN publication_version v ON v.id = p.current_version_id
                    WHERE p.probe_id = ? ORDER BY p.url
                    """, arguments: [probe.id])
            while let row = try cursor.next() {
                publications.append(try StoredVersion.publication(data: row["data"], links: row["links"]))
            }
            var listings: [String: [ListingPage]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT listing_key, data FROM listing_page WHERE probe_id = ? ORDER BY listing_key, page",
                arguments: [probe.id])
            {
                listings[row["listing_key"], default: []].append(
                    try decoder.decode(ListingPage.self, from: Data((row["data"] as String).utf8)))
            }
            let failures = try Row.fetchAll(
                db,
                sql: """
                    SELECT url, status, outcome FROM fetch_result WHERE crawl_run_id = (
                      SELECT MAX(id) FROM crawl_run WHERE probe_id = ? AND status = 'completed')
                    AND outcome NOT IN ('ok', 'not-modified')
                    """, arguments: [probe.id])
            var gone: [String] = []
            var down: [String] = []
            for row in failures {
                guard let outcome = FetchOutcome(rawValue: row["outcome"]) else { continue }
                let status: Int = row["status"]
                if outcome.isMissing(status: status) { gone.append(row["url"]) }
                if outcome.isUnreachable(status: status) { down.append(row["url"]) }
            }
            return ProbeWorld(
                probe: probe, publications: publications, listings: listings, approvals: approvals,
                unreachable: Set(down), missing: Set(gone))
        }
    }
}

extension AppDatabase {
    /// The largest finding id so far (0 when there is none).
    public func maxFindingID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM finding") ?? 0 }
    }

    /// Open findings counted by rule and unit, for metrics and status.
    public func openFindingCounts() throws -> [(rule: String, unit: String, count: Int)] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT rule, unit_id, COUNT(*) AS n FROM finding WHERE status = 'open' GROUP BY rule, unit_id ORDER BY rule, unit_id"
            ).map { (rule: $0["rule"], unit: $0["unit_id"], count: $0["n"]) }
        }
    }

    /// The latest run of every probe: when it started and how it ended.
    public func latestRuns() throws -> [String: (started: Date, status: RunStatus)] {
        try writer.read { db in
            var out: [String: (started: Date, status: RunStatus)] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT probe_id, started_at, status FROM crawl_run WHERE id IN (SELECT MAX(id) FROM crawl_run GROUP BY probe_id)")
            {
                out[row["probe_id"]] = (row["started_at"], RunStatus(rawValue: row["status"]) ?? .interrupted)
            }
            return out
        }
    }

    /// Bytes of the database file and its WAL.
    public func sizeOnDisk() -> Int {
        guard let path = writer.path as String? else { return 0 }
        return [path, path + "-wal"].reduce(0) { total, p in
            total + ((try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0)
        }
    }
}
