import Foundation
import GRDB
import GovWatchCore

/// Where a checked link was found.
public struct LinkReference: Sendable, Hashable {
    public var foundOn: String
    public var text: String
    public var onHomepage: Bool

    public init(foundOn: String, text: String, onHomepage: Bool) {
        self.foundOn = foundOn
        self.text = text
        self.onHomepage = onHomepage
    }
}

extension CrawlWriter {
    /// Records this crawl's answer for every referenced link that was fetched: alive resets
    /// its count of consecutive failures, an error adds one.
    /// - Parameter answers: by URL, nil when it answered, else the error.
    ///
    /// Only what a later check needs is written: failures, links that failed before (their
    /// count resets), and the homepage's links (a 304 of the homepage re-checks them). A site's
    /// thousands of live page links cost no row.
    public func storeLinkChecks(_ refs: [String: LinkReference], answers: [String: String?]) throws {
        let failing = Set(
            try String.fetchAll(
                db, sql: "SELECT url FROM link_check WHERE probe_id = ? AND (consecutive_failures > 0 OR on_homepage = 1)",
                arguments: [probeID]))
        for (url, ref) in refs {
            guard let answer = answers[url] else { continue }  // not fetched (the page budget ran out)
            guard answer != nil || ref.onHomepage || failing.contains(url) else { continue }
            try run(
                """
                INSERT INTO link_check (probe_id, url, found_on, link_text, on_homepage, consecutive_failures, last_error,
                  last_run_id, checked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(probe_id, url) DO UPDATE SET found_on = excluded.found_on, link_text = excluded.link_text,
                  on_homepage = excluded.on_homepage,
                  consecutive_failures = CASE WHEN excluded.last_error IS NULL THEN 0
                                              ELSE link_check.consecutive_failures + 1 END,
                  last_error = COALESCE(excluded.last_error, link_check.last_error),
                  last_run_id = excluded.last_run_id, checked_at = excluded.checked_at
                """,
                arguments: [
                    probeID, url, ref.foundOn, ref.text, ref.onHomepage, answer == nil ? 0 : 1, answer ?? nil, runID, StoredTime(),
                ])
        }
    }

    /// The homepage's links as the last crawl that read it found them (a 304 re-checks them).
    public func homepageLinks() throws -> [Link] {
        try Row.fetchAll(
            db, sql: "SELECT url, link_text FROM link_check WHERE probe_id = ? AND on_homepage = 1", arguments: [probeID]
        ).map { Link(url: $0["url"], text: $0["link_text"]) }
    }
}

extension AppDatabase {
    /// Links that failed in two or more consecutive checks, as of the probe's latest crawl.
    public func brokenLinks(probeID: String) throws -> [BrokenLink] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM link_check WHERE probe_id = ? AND consecutive_failures >= 2
                      AND last_run_id = (SELECT MAX(id) FROM crawl_run WHERE probe_id = ? AND status = 'completed')
                    ORDER BY on_homepage DESC, found_on, url
                    """, arguments: [probeID, probeID]
            ).map { r in
                BrokenLink(
                    url: r["url"], foundOn: r["found_on"], text: r["link_text"], onHomepage: r["on_homepage"],
                    lastError: r["last_error"] ?? "", consecutiveFailures: r["consecutive_failures"])
            }
        }
    }
}
