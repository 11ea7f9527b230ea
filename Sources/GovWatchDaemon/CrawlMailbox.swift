import Foundation
import GovWatchCore
import GovWatchFetch

/// Where a crawl's three kinds of thread meet: the fetch thread drives the network and posts
/// responses; the parse threads say when a result is ready; the crawl thread, which owns the
/// store's transaction, takes both and posts back the jobs they lead to.
///
/// `outstanding` counts the responses posted whose work is not finished: a response is
/// finished when the crawl thread has handled it and, for a body sent to be parsed, stored
/// the parse. The fetch thread ends when nothing is queued, in flight or outstanding; since
/// the crawl thread posts a response's jobs and counts it finished under one lock, nothing
/// can be left between the two threads then.
final class CrawlMailbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var responses: [(FetchResponse, CrawlTarget)] = []
    private var jobs: [FetchJob<CrawlTarget>] = []
    private var outstanding = 0
    private var parsed = false
    private var fetchEnded = false
    private var stopped = false

    // MARK: The fetch thread

    /// Posts a finished fetch to the crawl thread.
    func post(_ response: FetchResponse, _ target: CrawlTarget) {
        condition.lock()
        responses.append((response, target))
        outstanding += 1
        condition.signal()
        condition.unlock()
    }

    /// The jobs the crawl thread posted since the last call, and how many responses are outstanding.
    func takeJobs() -> (jobs: [FetchJob<CrawlTarget>], pendingWork: Int) {
        condition.lock()
        defer { condition.unlock() }
        let taken = jobs
        jobs.removeAll(keepingCapacity: true)
        return (taken, outstanding)
    }

    /// Whether the crawl thread asked the fetch thread to abandon its transfers.
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// The fetch thread's loop has returned: no response comes after this.
    func fetchDidEnd() {
        condition.lock()
        fetchEnded = true
        condition.signal()
        condition.unlock()
    }

    // MARK: The parse threads

    /// A parse result is ready to drain from the pool.
    func parseDidFinish() {
        condition.lock()
        parsed = true
        condition.signal()
        condition.unlock()
    }

    // MARK: The crawl thread

    /// What arrived, once something did (or a tenth of a second passed, for `shouldStop`).
    func wait() -> (responses: [(FetchResponse, CrawlTarget)], parsed: Bool, fetchEnded: Bool) {
        condition.lock()
        defer { condition.unlock() }
        if responses.isEmpty && !parsed && !fetchEnded {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
        let arrived = (responses, parsed, fetchEnded)
        responses.removeAll(keepingCapacity: true)
        parsed = false
        return arrived
    }

    /// Posts jobs for the fetch thread and counts `finished` responses done.
    func send(_ newJobs: [FetchJob<CrawlTarget>], finished: Int) {
        condition.lock()
        jobs += newJobs
        outstanding -= finished
        condition.unlock()
    }

    /// Asks the fetch thread to abandon its transfers.
    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }
}

/// The thread that drives a crawl's fetcher: it posts every finished fetch to the mailbox and
/// takes the jobs the crawl thread posts back, until nothing is left or the crawl stops.
enum FetchThread {
    static func start(
        _ fetcher: Fetcher<CrawlTarget>, jobs: [FetchJob<CrawlTarget>], mailbox: CrawlMailbox, maxPendingWork: Int
    ) {
        // Handed over: from here on only the new thread uses the fetcher.
        let handover = Handover(fetcher: fetcher, jobs: jobs)
        let thread = Thread {
            BatchScheduling.adopt()
            handover.fetcher.run(
                handover.jobs, shouldStop: { mailbox.isStopped }, maxPendingWork: maxPendingWork,
                poll: { mailbox.takeJobs() },
                handle: { response, target in
                    mailbox.post(response, target)
                    return []
                })
            mailbox.fetchDidEnd()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private struct Handover: @unchecked Sendable {
        let fetcher: Fetcher<CrawlTarget>
        let jobs: [FetchJob<CrawlTarget>]
    }
}
