import GRDB
import GovWatchCore

extension AppDatabase {
    /// Deliveries counted by status (every status present, 0 when none).
    public func deliveryCounts() throws -> [DeliveryStatus: Int] { try counts(in: "delivery") }

    /// Notices counted by status (every status present, 0 when none).
    public func noticeCounts() throws -> [NoticeStatus: Int] { try counts(in: "notice") }

    private func counts<S>(in table: String) throws -> [S: Int] where S: RawRepresentable & CaseIterable & Hashable, S.RawValue == String {
        try writer.read { db in
            var counts = Dictionary(uniqueKeysWithValues: S.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM \(table) GROUP BY status") {
                if let s = S(rawValue: row["status"]) { counts[s] = row["n"] }
            }
            return counts
        }
    }
}
