import Foundation
import GRDB
import GovWatchCore

/// The state of a crawl run.
public enum RunStatus: String, Sendable, Codable {
    case running, completed, interrupted
}

/// A crawl run as stored.
public struct CrawlRunRecord: Sendable, Codable, FetchableRecord, Hashable {
    public var id: Int64
    public var probe_id: String
    public var started_at: Date
    public var finished_at: Date?
    public var status: RunStatus
    public var summary: CrawlSummary?
}

extension AppDatabase {
    /// Marks runs left `running` by a crash or a kill as interrupted; returns their probes.
    @discardableResult
    public func markInterruptedRuns() throws -> [String] {
        try writer.write { db in
            let probes = try String.fetchAll(db, sql: "SELECT DISTINCT probe_id FROM crawl_run WHERE status = 'running'")
            try db.execute(sql: "UPDATE crawl_run SET status = 'interrupted' WHERE status = 'running'")
            return probes
        }
    }

    /// Records the start of a run in its own transaction, so that a crash leaves a trace.
    /// Forgets every stored validator (ETag, Last-Modified): the next crawl fetches every page
    /// in full instead of asking whether it changed (`govwatch crawl --refetch`).
    public func clearHTTPCache() throws {
        try writer.write { try $0.execute(sql: "DELETE FROM http_cache") }
    }

    public func beginRun(probeID: String, at date: Date = Date()) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO crawl_run (probe_id, started_at, status) VALUES (?, ?, 'running')",
                arguments: [probeID, StoredTime(date)])
            return db.lastInsertedRowID
        }
    }

    /// Runs `body` inside one write transaction: everything a crawl stores lands together,
    /// with the run marked completed, or not at all.
    public func withCrawlTransaction<T>(
        runID: Int64, probeID: String, _ body: (CrawlWriter) throws -> (T, CrawlSummary)
    ) throws -> T {
        try writer.write { db in
            let writer = CrawlWriter(db: db, runID: runID, probeID: probeID)
            let (result, summary) = try body(writer)
            try writer.finish()
            var s = summary
            s.runID = runID
            let json = String(decoding: try JSONEncoder().encode(s), as: UTF8.self)
            try db.execute(
                sql: "UPDATE crawl_run SET status = 'completed', finished_at = ?, summary = ? WHERE id = ?",
                arguments: [StoredTime(), json, runID])
            return result
        }
    }

    public func runs(probeID: String? = nil) throws -> [CrawlRunRecord] {
        try writer.read { db in
            if let probeID {
                return try CrawlRunRecord.fetchAll(
                    db, sql: "SELECT * FROM crawl_run WHERE probe_id = ? ORDER BY id", arguments: [probeID])
            }
            return try CrawlRunRecord.fetchAll(db, sql: "SELECT * FROM crawl_run ORDER BY id")
        }
    }

    /// The fetch records of a run.
    public func fetches(runID: Int64) throws -> [FetchResultRecord] {
        try writer.read { db in
            try FetchResultRecord.fetchAll(
                db, sql: "SELECT * FROM fetch_result WHERE crawl_run_id = ? ORDER BY id", arguments: [runID])
        }
    }
}

/// A fetch outcome as stored.
public struct FetchResultRecord: Sendable, Codable, FetchableRecord, Hashable {
    public var url: String
    public var final_url: String
    public var role: String
    public var status: Int
    public var outcome: FetchOutcome
    public var error: String?
    public var bytes: Int
    public var milliseconds: Int
    public var attempts: Int
}
