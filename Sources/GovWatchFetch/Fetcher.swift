import CCurl
import Foundation
import GovWatchCore

/// Fetches many URLs at once over libcurl's multi interface.
///
/// One `Fetcher` is driven by one thread: `run` loops until every job, with the jobs its
/// handler adds, has finished. Concurrency is bounded overall and per host; connections are
/// kept alive between transfers; redirects are followed by hand so that each hop passes the
/// scope and address policies before it is requested; 5xx, 429 and transient network errors
/// are retried with exponential backoff (honouring `Retry-After`).
public final class Fetcher<Context> {
    private let config: FetcherConfiguration
    private let multi: UnsafeMutableRawPointer
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private var queues: [String: JobQueue<Queued>] = [:]
    private var hostOrder: [String] = []
    private var nextHost = 0
    private var activeByHost: [String: Int] = [:]
    private var active: [UnsafeMutableRawPointer: Transfer<Context>] = [:]
    private var delayed: [Transfer<Context>] = []
    private var queued = 0

    /// Creates a fetcher; `curl_global_init` runs once per process.
    public init(configuration: FetcherConfiguration) {
        _ = curlInitialized
        config = configuration
        multi = UnsafeMutableRawPointer(curl_multi_init())
        _ = gw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.settings.perHost)
        _ = gw_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.settings.concurrency * 2)
    }

    deinit {
        for (handle, transfer) in active {
            curl_multi_remove_handle(multi, handle)
            transfer.release()
            curl_easy_cleanup(handle)
        }
        for handle in idleHandles { curl_easy_cleanup(handle) }
        curl_multi_cleanup(multi)
    }

    /// Fetches `jobs` and every job `handle` or `poll` returns, calling `handle` once per finished job.
    /// - Parameters:
    ///   - shouldStop: polled between transfers; when it says yes, transfers in flight are
    ///     abandoned and `run` returns false.
    ///   - poll: called on every turn of the loop, for jobs that work elsewhere produced (a
    ///     parse on another thread) and how much of that work is still out. While work is out
    ///     the loop keeps running; while `pendingWork` is at `maxPendingWork` no new transfer
    ///     starts, so bodies do not pile up faster than they are parsed.
    /// - Returns: true when every job finished.
    @discardableResult
    public func run(
        _ jobs: [FetchJob<Context>],
        shouldStop: () -> Bool = { false },
        maxPendingWork: Int = .max,
        poll: () -> (jobs: [FetchJob<Context>], pendingWork: Int) = { ([], 0) },
        handle: (FetchResponse, Context) -> [FetchJob<Context>]
    ) -> Bool {
        jobs.forEach(enqueue)
        while true {
            if shouldStop() {
                abandonAll()
                return false
            }
            let polled = poll()
            polled.jobs.forEach(enqueue)
            let pendingWork = polled.pendingWork
            guard hasWork(owed: pendingWork) else { return true }
            releaseDueRetries()
            let throttled = pendingWork >= maxPendingWork
            if !throttled { startTransfers() }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            drainCompleted(handle)
            // With no work left, the next turn ends the run (or starts what `poll` brings):
            // waiting here would wait out the whole timeout, as there is no transfer left to
            // wake the wait. That was 100 ms at the end of every run with no waker: a crawl's
            // link check, an availability sample, an inspection.
            if hasWork(owed: pendingWork) && (queued == 0 || throttled || active.count >= config.settings.concurrency) {
                curl_multi_poll(multi, nil, 0, pollTimeoutMilliseconds(), nil)
            }
        }
    }

    /// Wakes `run` from its wait for network events, from any thread.
    public var waker: FetchWaker { FetchWaker(multi: multi) }

    // MARK: Queue

    /// A queued job: new ones become transfers only when they start (a crawl may queue
    /// thousands), so a transfer's time counts from its first request, not from the queue.
    private enum Queued {
        case new(FetchJob<Context>)
        /// A redirect's next hop, or a retry.
        case again(Transfer<Context>)
    }

    private func enqueue(_ job: FetchJob<Context>) {
        enqueue(.new(job), url: job.url, ahead: job.ahead)
    }

    private func enqueue(_ transfer: Transfer<Context>) {
        enqueue(.again(transfer), url: transfer.url, ahead: transfer.job.ahead)
    }

    private func enqueue(_ queuedJob: Queued, url: String, ahead: Bool) {
        let host = URLParts(url)?.hostAndPort ?? ""
        if queues[host] == nil {
            queues[host] = JobQueue()
            hostOrder.append(host)
        }
        queues[host]!.append(queuedJob, ahead: ahead)
        queued += 1
    }

    /// The next queued transfer whose host has room, taking hosts in turn (a host's `ahead`
    /// jobs first).
    private func dequeue() -> Transfer<Context>? {
        guard queued > 0 else { return nil }
        for step in 0..<hostOrder.count {
            let host = hostOrder[(nextHost + step) % hostOrder.count]
            guard activeByHost[host, default: 0] < config.settings.perHost, let next = queues[host]!.popFirst() else {
                continue
            }
            nextHost = (nextHost + step + 1) % hostOrder.count
            queued -= 1
            let transfer: Transfer<Context>
            switch next {
            case .new(let job): transfer = Transfer(job: job, url: job.url)
            case .again(let again): transfer = again
            }
            transfer.host = host
            return transfer
        }
        return nil
    }

    private func releaseDueRetries() {
        guard !delayed.isEmpty else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let (due, waiting) = delayed.partitioned { $0.notBefore <= now }
        delayed = waiting
        due.forEach { enqueue($0) }
    }

    /// Whether anything is queued, in flight, delayed, refused but not yet delivered, or owed
    /// by work elsewhere (`owed`, what `poll` said was still out).
    private func hasWork(owed: Int) -> Bool {
        queued > 0 || !active.isEmpty || !delayed.isEmpty || !refusedBeforeStart.isEmpty || owed > 0
    }

    private func pollTimeoutMilliseconds() -> Int32 {
        let longest = config.pollMilliseconds
        guard let soonest = delayed.map(\.notBefore).min() else { return longest }
        let now = DispatchTime.now().uptimeNanoseconds
        return soonest <= now ? 0 : Int32(min(UInt64(longest), (soonest - now) / 1_000_000 + 1))
    }

    // MARK: Transfers

    private func startTransfers() {
        while active.count < config.settings.concurrency, let transfer = dequeue() {
            start(transfer)
        }
    }

    private func start(_ transfer: Transfer<Context>) {
        if let reason = preflightRefusal(transfer.url) {
            refusedBeforeStart.append((transfer, transfer.record(status: 0, outcome: .refused, error: reason)))
            return
        }
        let handle = idleHandles.popLast() ?? UnsafeMutableRawPointer(curl_easy_init()!)
        transfer.prepare(policy: config.addressPolicy)
        configure(handle, for: transfer)
        active[handle] = transfer
        activeByHost[transfer.host, default: 0] += 1
        curl_multi_add_handle(multi, handle)
    }

    /// Transfers refused before they started, delivered with the next completions.
    private var refusedBeforeStart: [(Transfer<Context>, FetchRecord)] = []

    private func preflightRefusal(_ url: String) -> String? {
        if let reason = config.scope.refusal(for: url) { return reason }
        guard let host = URLParts(url)?.host else { return "not a URL: \(url)" }
        return config.addressPolicy.refusal(forHost: host)
    }

    private func configure(_ h: UnsafeMutableRawPointer, for t: Transfer<Context>) {
        let s = config.settings
        _ = gw_setopt_str(h, CURLOPT_URL, t.url)
        // Handles are reused: the method is set every time.
        _ = gw_setopt_long(h, CURLOPT_NOBODY, t.job.headOnly ? 1 : 0)
        if !t.job.headOnly { _ = gw_setopt_long(h, CURLOPT_HTTPGET, 1) }
        _ = gw_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        _ = gw_setopt_str(h, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = gw_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0)
        _ = gw_setopt_str(h, CURLOPT_ACCEPT_ENCODING, "")
        _ = gw_setopt_str(h, CURLOPT_USERAGENT, s.userAgent)
        _ = gw_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(s.connectTimeoutSeconds * 1000))
        _ = gw_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(s.timeoutSeconds * 1000))
        _ = gw_setopt_off(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(s.maxBodyBytes))
        _ = gw_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
        _ = gw_setopt_ptr(h, CURLOPT_PRIVATE, Unmanaged.passUnretained(t).toOpaque())
        _ = gw_setopt_write(h, writeBody)
        _ = gw_setopt_ptr(h, CURLOPT_WRITEDATA, Unmanaged.passUnretained(t.sink).toOpaque())
        _ = gw_install_socket_policy(h, t.socketPolicy)
        if let headers = t.requestHeaders { _ = gw_setopt_ptr(h, CURLOPT_HTTPHEADER, headers) }
        t.sink.limit = s.maxBodyBytes
    }

    private func drainCompleted(_ handle: (FetchResponse, Context) -> [FetchJob<Context>]) {
        while let (transfer, record) = refusedBeforeStart.popLast() {
            deliver(transfer, record: record, handle)
        }
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            let h = UnsafeMutableRawPointer(easy)
            guard let transfer = active.removeValue(forKey: h) else { continue }
            activeByHost[transfer.host, default: 1] -= 1
            curl_multi_remove_handle(multi, h)
            let record = complete(transfer, handle: h, code: code)
            curl_easy_reset(h)
            idleHandles.append(h)
            transfer.release()
            if let record { deliver(transfer, record: record, handle) }
        }
    }

    private func deliver(
        _ transfer: Transfer<Context>, record: FetchRecord,
        _ handle: (FetchResponse, Context) -> [FetchJob<Context>]
    ) {
        let body = record.outcome == .ok ? transfer.sink.take() : []
        handle(FetchResponse(record: record, body: body), transfer.job.context).forEach(enqueue)
    }

    /// The final record of a transfer, or nil when it was re-queued (redirect or retry).
    private func complete(_ t: Transfer<Context>, handle h: UnsafeMutableRawPointer, code: CURLcode) -> FetchRecord? {
        let status = Int(gw_info_long(h, CURLINFO_RESPONSE_CODE))
        t.bytes += t.sink.count
        if code != CURLE_OK {
            return failure(t, code: code, status: status)
        }
        let headers = ResponseHeaders(handle: h)
        switch status {
        case 300..<400 where status != 304:
            return redirect(t, location: headers.location, status: status)
        case 304:
            return t.record(status: status, outcome: .notModified, headers: headers)
        case 429, 500..<600:
            if scheduleRetry(t, retryAfter: headers.retryAfter) { return nil }
            return t.record(status: status, outcome: .httpError, error: "HTTP \(status)", headers: headers)
        case 200..<300:
            return t.record(status: status, outcome: .ok, headers: headers)
        default:
            return t.record(status: status, outcome: .httpError, error: "HTTP \(status)", headers: headers)
        }
    }

    private func failure(_ t: Transfer<Context>, code: CURLcode, status: Int) -> FetchRecord? {
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_WRITE_ERROR where t.sink.overflowed, CURLE_FILESIZE_EXCEEDED:
            return t.record(
                status: status, outcome: .tooLarge,
                error: "body larger than \(config.settings.maxBodyBytes) bytes")
        case CURLE_COULDNT_CONNECT where t.socketPolicy.pointee.refused != 0:
            return t.record(status: 0, outcome: .refused, error: "address refused by policy")
        case CURLE_OPERATION_TIMEDOUT:
            if scheduleRetry(t, retryAfter: nil) { return nil }
            return t.record(status: status, outcome: .timeout, error: message)
        case CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            if scheduleRetry(t, retryAfter: nil) { return nil }
            return t.record(status: status, outcome: .networkError, error: message)
        default:
            return t.record(status: status, outcome: .networkError, error: message)
        }
    }

    private func redirect(_ t: Transfer<Context>, location: String?, status: Int) -> FetchRecord? {
        guard let location, let target = URL(string: location, relativeTo: URL(string: t.url))?.absoluteString
        else {
            return t.record(status: status, outcome: .httpError, error: "redirect without a usable Location")
        }
        guard t.redirects.count < config.maxRedirects else {
            return t.record(status: status, outcome: .refused, error: "more than \(config.maxRedirects) redirects")
        }
        if let reason = preflightRefusal(target) {
            return t.record(status: status, outcome: .refused, error: "redirect to \(target) refused: \(reason)")
        }
        guard !t.redirects.contains(target), target != t.job.url else {
            return t.record(status: status, outcome: .refused, error: "redirect loop at \(target)")
        }
        t.redirects.append(target)
        t.url = target
        enqueue(t)
        return nil
    }

    private func scheduleRetry(_ t: Transfer<Context>, retryAfter: Double?) -> Bool {
        guard t.attempts <= config.settings.retries else { return false }
        let backoff = config.retryBaseDelaySeconds * Double(1 << (t.attempts - 1))
        let wait = min(retryAfter ?? backoff, config.maxRetryAfterSeconds)
        t.notBefore = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, wait) * 1e9)
        t.attempts += 1
        t.sink.reset()
        delayed.append(t)
        return true
    }

    private func abandonAll() {
        for (handle, transfer) in active {
            curl_multi_remove_handle(multi, handle)
            transfer.release()
            curl_easy_reset(handle)
            idleHandles.append(handle)
        }
        active.removeAll()
        activeByHost.removeAll()
        queues.removeAll()
        hostOrder.removeAll()
        delayed.removeAll()
        refusedBeforeStart.removeAll()
        queued = 0
    }
}

/// `curl_global_init`, once per process (never cleaned up: FoundationNetworking shares libcurl).
private let curlInitialized: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

/// libcurl's write callback: appends to the transfer's body sink, refusing past its limit.
private let writeBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, user in
    guard let data, let user else { return 0 }
    let sink = Unmanaged<BodySink>.fromOpaque(user).takeUnretainedValue()
    let n = size * count
    return sink.append(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
}

extension Array {
    fileprivate func partitioned(by belongsInFirst: (Element) -> Bool) -> ([Element], [Element]) {
        var first: [Element] = []
        var second: [Element] = []
        for e in self {
            if belongsInFirst(e) { first.append(e) } else { second.append(e) }
        }
        return (first, second)
    }
}

/// Interrupts a fetcher's wait (`curl_multi_wakeup` is thread-safe), so that work finished on
/// another thread is picked up at once.
public struct FetchWaker: @unchecked Sendable {
    fileprivate let multi: UnsafeMutableRawPointer

    public func wake() { curl_multi_wakeup(multi) }
}
