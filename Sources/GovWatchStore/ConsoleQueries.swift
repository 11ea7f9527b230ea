import Foundation
import GRDB
import GovWatchCore

/// A filtered, paged list of findings, as the console asks for it; nil filters match all.
public struct FindingQuery: Sendable, Hashable {
    public var unitID: String?
    public var rule: String?
    public var status: FindingStatus?
    public var severity: Severity?
    /// First seen on or after / on or before.
    public var from: CivilDate?
    public var to: CivilDate?
    public var limit = 50
    public var offset = 0

    public init() {}
}

/// One page of a finding query, and how many match in all.
public struct FindingPage: Sendable {
    public var findings: [StoredFinding]
    public var total: Int
}

/// Findings first seen in one month under one rule.
public struct MonthlyCount: Sendable, Hashable {
    public var month: Int
    public var rule: String
    public var count: Int
}

extension AppDatabase {
    /// Findings matching `query`, newest first, through the finding indexes.
    public func findingPage(_ query: FindingQuery) throws -> FindingPage {
        try writer.read { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            func add(_ clause: String, _ value: (any DatabaseValueConvertible)?) {
                guard let value else { return }
                clauses.append(clause)
                args += [value]
            }
            add("unit_id = ?", query.unitID)
            add("rule = ?", query.rule)
            add("status = ?", query.status?.rawValue)
            add("severity = ?", query.severity?.rawValue)
            add("first_seen >= ?", query.from?.description)
            add("first_seen <= ?", query.to?.description)
            let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM finding" + filter, arguments: args) ?? 0
            let decoder = JSONDecoder()
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM finding\(filter) ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: args + [query.limit, query.offset])
            return FindingPage(findings: try rows.map { try StoredFinding(row: $0, decoder: decoder) }, total: total)
        }
    }

    public func finding(id: Int64) throws -> StoredFinding? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM finding WHERE id = ?", arguments: [id])
                .map { try StoredFinding(row: $0, decoder: JSONDecoder()) }
        }
    }

    /// Open findings that cost points (not 预警), counted per probe and rule: what a site rubric reads.
    public func openCountsByProbeAndRule() throws -> [String: [RuleID: Int]] {
        try writer.read { db in
            var counts: [String: [RuleID: Int]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT probe_id, rule, count(*) AS n FROM finding WHERE status = 'open' AND severity != 'warning' GROUP BY probe_id, rule")
            {
                counts[row["probe_id"], default: [:]][RuleID(rawValue: row["rule"])] = row["n"]
            }
            return counts
        }
    }

    /// Open and resolved findings per unit.
    public func findingCountsByUnit() throws -> [String: (open: Int, resolved: Int)] {
        try writer.read { db in
            var counts: [String: (open: Int, resolved: Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT unit_id, status, count(*) AS n FROM finding GROUP BY unit_id, status") {
                let unit: String = row["unit_id"]
                let n: Int = row["n"]
                if row["status"] == FindingStatus.open.rawValue { counts[unit, default: (0, 0)].open = n } else { counts[unit, default: (0, 0)].resolved = n }
            }
            return counts
        }
    }

    /// The rules that have findings, for filters.
    public func findingRules() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT rule FROM finding ORDER BY rule") }
    }

    /// A unit's findings of `year` by the month they were first seen and their rule.
    public func findingsByMonth(unitID: String, year: Int) throws -> [MonthlyCount] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT CAST(substr(first_seen, 6, 2) AS INTEGER) AS month, rule, count(*) AS n FROM finding
                    WHERE unit_id = ? AND first_seen >= ? AND first_seen < ? GROUP BY month, rule ORDER BY month, rule
                    """,
                arguments: [unitID, "\(year)-01-01", "\(year + 1)-01-01"]
            ).map { MonthlyCount(month: $0["month"], rule: $0["rule"], count: $0["n"]) }
        }
    }

    /// The deductions a finding caused, in any period.
    public func deductions(fingerprint: String) throws -> [DeductionRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.deductionRecords + " WHERE d.finding_fingerprint = ? ORDER BY d.id", arguments: [fingerprint])
                .map(DeductionRecord.init(row:))
        }
    }

    /// What the scorer needs of a period's deductions, without reasons and evidence: quick
    /// on a year of automatic deductions.
    public func scoringDeductions(period: Int, unitID: String? = nil) throws -> [(deduction: Deduction, foundOn: String)] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, unit_id, line_id, points, source, finding_fingerprint, revoked_at IS NOT NULL AS revoked, found_on
                    FROM deduction WHERE period = ?\(unitID == nil ? "" : " AND unit_id = ?") ORDER BY found_on, id
                    """, arguments: unitID.map { [period, $0] } ?? [period]
            ).map {
                (
                    Deduction(
                        id: $0["id"], unitID: $0["unit_id"], lineID: $0["line_id"], points: $0["points"],
                        source: DeductionSource(rawValue: $0["source"]) ?? .manual, findingFingerprint: $0["finding_fingerprint"],
                        revoked: $0["revoked"]), $0["found_on"]
                )
            }
        }
    }

    /// A period's live deductions summed per unit and rubric line, and the fraud points per
    /// unit, for `Scorer.score(unitID:lineTotals:fraud:rubric:)`. A finding has at most one
    /// deduction per period (a unique key), so the sums count each finding once.
    public func deductionTotals(period: Int) throws -> [String: (lines: [String: (points: Double, count: Int)], fraud: Double)] {
        try writer.read { db in
            var totals: [String: (lines: [String: (points: Double, count: Int)], fraud: Double)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT unit_id, line_id, source, sum(points) AS points, count(*) AS n FROM deduction
                    WHERE period = ? AND revoked_at IS NULL GROUP BY unit_id, line_id, source
                    """, arguments: [period])
            {
                let unit: String = row["unit_id"]
                let points: Double = row["points"]
                if row["source"] == DeductionSource.fraud.rawValue {
                    totals[unit, default: ([:], 0)].fraud += points
                } else if let line: String = row["line_id"] {
                    let n: Int = row["n"]
                    let old = totals[unit, default: ([:], 0)].lines[line] ?? (0, 0)
                    totals[unit, default: ([:], 0)].lines[line] = (old.points + points, old.count + n)
                }
            }
            return totals
        }
    }

    /// The latest crawl runs, newest first.
    public func recentRuns(limit: Int) throws -> [CrawlRunRecord] {
        try writer.read { db in
            try CrawlRunRecord.fetchAll(db, sql: "SELECT * FROM crawl_run ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
    }

    /// Fetches per outcome of each run in `runIDs`.
    public func fetchOutcomes(runIDs: [Int64]) throws -> [Int64: [String: Int]] {
        guard !runIDs.isEmpty else { return [:] }
        return try writer.read { db in
            var result: [Int64: [String: Int]] = [:]
            let marks = Array(repeating: "?", count: runIDs.count).joined(separator: ",")
            for row in try Row.fetchAll(
                db, sql: "SELECT crawl_run_id, outcome, count(*) AS n FROM fetch_result WHERE crawl_run_id IN (\(marks)) GROUP BY crawl_run_id, outcome",
                arguments: StatementArguments(runIDs))
            {
                result[row["crawl_run_id"], default: [:]][row["outcome"]] = row["n"]
            }
            return result
        }
    }
}
