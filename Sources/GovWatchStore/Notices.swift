import Foundation
import GRDB
import GovWatchCore

/// A rectification notice as stored.
public struct StoredNotice: Sendable, Hashable {
    public var id: Int64
    /// 文号, e.g. `阿政务公开办整改〔2026〕12号`.
    public var number: String
    public var unitID: String
    public var issuedOn: CivilDate
    public var deadline: CivilDate
    /// The deadline was counted over a provisional calendar year (暂定).
    public var provisional: Bool = false
    /// The deadline before the calendar (a newly imported year) moved it.
    public var deadlineWas: CivilDate? = nil
    public var status: NoticeStatus
    /// The day it was rectified or went overdue.
    public var closedOn: CivilDate?
    public var followUpOf: Int64?
    public var items: [NoticeItem]
    /// When the unit's written report (附件3 第九条) was received, and who recorded it.
    public var reportedOn: CivilDate?
    public var reportedBy: String?

    /// The planner's view of a tracked notice.
    public var active: ActiveNotice {
        ActiveNotice(
            id: id, unitID: unitID, status: status, issuedOn: issuedOn, deadline: deadline, provisional: provisional, items: items)
    }

    /// The deadline as people read it: `2027-01-05（暂定）`, or `2027-01-06（原为2027-01-05）`.
    public var deadlineText: String {
        "\(deadline)" + (provisional ? "（暂定）" : "") + (deadlineWas.map { "（原为\($0)）" } ?? "")
    }
}

extension AppDatabase {
    /// Applies a notice plan in one transaction: numbers new notices `prefix整改〔YEAR〕N号`
    /// in order within the year. Returns the notices issued.
    @discardableResult
    public func apply(_ plan: NoticePlan, on day: CivilDate, numberPrefix: String) throws -> [StoredNotice] {
        guard !plan.isEmpty else { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let ids: [Int64] = try writer.write { db in
            for id in plan.rectified {
                try db.execute(
                    sql: "UPDATE notice SET status = 'rectified', closed_on = ? WHERE id = ? AND status != 'rectified'",
                    arguments: [day.description, id])
            }
            for id in plan.overdue {
                try db.execute(
                    sql: "UPDATE notice SET status = 'overdue', closed_on = ? WHERE id = ? AND status = 'issued'",
                    arguments: [day.description, id])
            }
            for change in plan.deadlineChanges {
                try db.execute(
                    sql: """
                        UPDATE notice SET deadline = ?, provisional = ?,
                          deadline_was = CASE WHEN deadline = ? THEN deadline_was ELSE deadline END WHERE id = ?
                        """,
                    arguments: [change.to.description, change.provisional, change.to.description, change.noticeID])
            }
            var ids: [Int64] = []
            for n in plan.issue {
                let year = n.issuedOn.year
                let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM notice WHERE year = ?", arguments: [year]) ?? 1
                try db.execute(
                    sql: """
                        INSERT INTO notice (year, seq, number, unit_id, issued_on, deadline, provisional, status, follow_up_of,
                          created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?)
                        """,
                    arguments: [
                        year, seq, "\(numberPrefix)整改〔\(year)〕\(seq)号", n.unitID, n.issuedOn.description,
                        n.deadline.description, n.provisional, n.followUpOf, StoredTime(),
                    ])
                let id = db.lastInsertedRowID
                for item in n.items {
                    try db.execute(
                        sql: "INSERT INTO notice_item (notice_id, fingerprint, data) VALUES (?, ?, ?)",
                        arguments: [id, item.fingerprint, String(decoding: try encoder.encode(item), as: UTF8.self)])
                }
                ids.append(id)
            }
            return ids
        }
        return try ids.compactMap { try notice(id: $0) }
    }

    /// Records that a unit's written report on a notice arrived (附件3 第九条), with an audit
    /// entry. Whether the problems are fixed is still decided by the re-checks.
    public func recordReport(notice id: Int64, on day: CivilDate, by: String, note: String?) throws {
        try writer.write { db in
            guard let number = try String.fetchOne(db, sql: "SELECT number FROM notice WHERE id = ?", arguments: [id]) else {
                throw StoreError("no notice \(id); see govwatch notices")
            }
            try db.execute(
                sql: "UPDATE notice SET reported_on = ?, reported_by = ? WHERE id = ?", arguments: [day.description, by, id])
            try audit(
                db, by: by, action: "notice-report", deductionID: nil,
                detail: "\(number): written report received \(day)" + (note.map { "; \($0)" } ?? ""))
        }
    }

    /// Notices, newest first; optionally only those in `status`.
    public func notices(status: NoticeStatus? = nil, unitID: String? = nil) throws -> [StoredNotice] {
        try writer.read { db in
            let filter = EqualityFilter(["status": status?.rawValue, "unit_id": unitID])
            return try Row.fetchAll(db, sql: "SELECT * FROM notice\(filter.sql) ORDER BY id DESC", arguments: filter.arguments)
                .map { try Self.notice(row: $0, db: db) }
        }
    }

    public func notice(id: Int64) throws -> StoredNotice? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM notice WHERE id = ?", arguments: [id]).map { try Self.notice(row: $0, db: db) }
        }
    }

    /// The notices that list the finding `fingerprint`, newest first.
    public func notices(listing fingerprint: String) throws -> [StoredNotice] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT n.* FROM notice n JOIN notice_item i ON i.notice_id = n.id WHERE i.fingerprint = ? ORDER BY n.id DESC",
                arguments: [fingerprint]
            ).map { try Self.notice(row: $0, db: db) }
        }
    }

    /// The notices the planner tracks: issued or overdue.
    public func activeNotices() throws -> [ActiveNotice] {
        try notices().filter { $0.status != .rectified }.map(\.active)
    }

    private static func notice(row: Row, db: Database) throws -> StoredNotice {
        let decoder = JSONDecoder()
        let id: Int64 = row["id"]
        let items = try String.fetchAll(db, sql: "SELECT data FROM notice_item WHERE notice_id = ? ORDER BY rowid", arguments: [id])
            .map { try decoder.decode(NoticeItem.self, from: Data($0.utf8)) }
        return StoredNotice(
            id: id, number: row["number"], unitID: row["unit_id"], issuedOn: CivilDate(iso: row["issued_on"])!,
            deadline: CivilDate(iso: row["deadline"])!, provisional: row["provisional"],
            deadlineWas: (row["deadline_was"] as String?).flatMap(CivilDate.init(iso:)), status: NoticeStatus(rawValue: row["status"]) ?? .issued,
            closedOn: (row["closed_on"] as String?).flatMap(CivilDate.init(iso:)), followUpOf: row["follow_up_of"], items: items,
            reportedOn: (row["reported_on"] as String?).flatMap(CivilDate.init(iso:)), reportedBy: row["reported_by"])
    }
}
