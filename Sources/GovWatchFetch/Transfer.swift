import CCurl
import Foundation
import GovWatchCore

/// One job on its way through the fetcher: its current URL, attempts, redirects and body.
final class Transfer<Context> {
    let job: FetchJob<Context>
    var url: String
    var host = ""
    var attempts = 1
    var redirects: [String] = []
    var bytes = 0
    var notBefore: UInt64 = 0
    let sink = BodySink()
    let socketPolicy: UnsafeMutablePointer<gw_socket_policy>
    private(set) var requestHeaders: UnsafeMutablePointer<curl_slist>?
    private let started = DispatchTime.now().uptimeNanoseconds

    init(job: FetchJob<Context>, url: String) {
        self.job = job
        self.url = url
        socketPolicy = .allocate(capacity: 1)
        socketPolicy.initialize(to: gw_socket_policy(allow_loopback: 0, allow_private: 0, refused: 0))
    }

    deinit {
        socketPolicy.deallocate()
        release()
    }

    /// Sets up the request headers and socket policy for the next attempt.
    func prepare(policy: AddressPolicy) {
        release()
        socketPolicy.pointee = gw_socket_policy(
            allow_loopback: policy.allowLoopback ? 1 : 0, allow_private: policy.allowPrivate ? 1 : 0, refused: 0)
        sink.reset()
        // Validators belong to the URL they were stored for, not to a redirect target.
        guard url == job.url, let v = job.validators else { return }
        var list: UnsafeMutablePointer<curl_slist>?
        if let etag = v.etag { list = curl_slist_append(list, "If-None-Match: \(etag)") }
        if let lm = v.lastModified { list = curl_slist_append(list, "If-Modified-Since: \(lm)") }
        requestHeaders = list
    }

    /// Frees the request headers of the finished attempt.
    func release() {
        if let h = requestHeaders { curl_slist_free_all(h) }
        requestHeaders = nil
    }

    func record(status: Int, outcome: FetchOutcome, error: String? = nil, headers: ResponseHeaders? = nil)
        -> FetchRecord
    {
        FetchRecord(
            url: job.url, finalURL: url, status: status, outcome: outcome, error: error,
            bytes: outcome == .ok ? sink.count : bytes,
            milliseconds: Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000),
            attempts: attempts, contentType: headers?.contentType, etag: headers?.etag,
            lastModified: headers?.lastModified)
    }
}

/// The body of a transfer, capped at `limit` bytes.
final class BodySink {
    private(set) var bytes: [UInt8] = []
    var limit = Int.max
    private(set) var overflowed = false

    var count: Int { bytes.count }

    /// Appends a chunk; false (and nothing appended) when the limit would be passed.
    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count + chunk.count <= limit else {
            overflowed = true
            return false
        }
        bytes.append(contentsOf: chunk)
        return true
    }

    func reset() {
        bytes = []
        overflowed = false
    }

    /// Hands the body over and empties the sink.
    func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}

/// The response headers govwatch uses, read with `curl_easy_header`.
struct ResponseHeaders {
    var contentType: String?
    var etag: String?
    var lastModified: String?
    var location: String?
    /// `Retry-After` in seconds, when given as a number.
    var retryAfter: Double?

    init(handle h: UnsafeMutableRawPointer) {
        func value(_ name: String) -> String? { gw_header(h, name).map { String(cString: $0) } }
        contentType = value("Content-Type")
        etag = value("ETag")
        lastModified = value("Last-Modified")
        location = value("Location")
        retryAfter = value("Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }
}
