import Foundation
import GovWatchCore
import GovWatchFetch
import Testing

@testable import GovWatchDaemon

/// The mailbox between a crawl's fetch thread and its crawl thread: the count of responses
/// outstanding is what ends the fetch thread's loop, so it must come to zero exactly when
/// every response has been handled, and not before.
@Suite struct CrawlMailboxTests {
    private static func response(_ path: String) -> FetchResponse {
        let url = "http://127.0.0.1:9/\(path)"
        return FetchResponse(record: FetchRecord(url: url, finalURL: url, status: 304, outcome: .notModified), body: [])
    }

    @Test func responsesStayOutstandingUntilTheCrawlThreadFinishesThem() {
        let mailbox = CrawlMailbox()
        mailbox.post(Self.response("a.html"), .homepage)
        mailbox.post(Self.response("b.html"), .article(columnURL: nil))
        #expect(mailbox.takeJobs().pendingWork == 2)

        let arrived = mailbox.wait()
        #expect(arrived.responses.map(\.0.record.url) == ["http://127.0.0.1:9/a.html", "http://127.0.0.1:9/b.html"])
        #expect(!arrived.parsed && !arrived.fetchEnded)
        // Taken is not finished: the fetch thread must keep running.
        #expect(mailbox.takeJobs().pendingWork == 2)

        // One finished with a job it led to, one sent to be parsed (still out).
        mailbox.send([FetchJob(url: "http://127.0.0.1:9/c.html", context: .article(columnURL: nil))], finished: 1)
        let taken = mailbox.takeJobs()
        #expect(taken.jobs.map(\.url) == ["http://127.0.0.1:9/c.html"])
        #expect(taken.pendingWork == 1)
        #expect(mailbox.takeJobs().jobs.isEmpty)  // jobs are handed over once

        mailbox.send([], finished: 1)
        #expect(mailbox.takeJobs().pendingWork == 0)
    }

    @Test func theCrawlThreadWakesForAParseAndForTheFetchThreadsEnd() async {
        let mailbox = CrawlMailbox()
        let parser = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            mailbox.parseDidFinish()
            mailbox.fetchDidEnd()
        }
        parser.start()
        var sawParse = false
        var sawEnd = false
        for _ in 0..<200 where !sawEnd {
            let arrived = mailbox.wait()
            sawParse = sawParse || arrived.parsed
            sawEnd = arrived.fetchEnded
        }
        #expect(sawParse && sawEnd)
        // A parse is reported once, the end for good.
        #expect(!mailbox.wait().parsed)
        #expect(mailbox.wait().fetchEnded)
    }

    @Test func waitingForNothingReturnsSoSomeoneCanPollForAStop() {
        let mailbox = CrawlMailbox()
        let started = Date()
        let arrived = mailbox.wait()
        #expect(arrived.responses.isEmpty && !arrived.parsed && !arrived.fetchEnded)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(!mailbox.isStopped)
        mailbox.stop()
        #expect(mailbox.isStopped)
    }
}
