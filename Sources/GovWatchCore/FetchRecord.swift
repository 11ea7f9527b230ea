/// How one fetch ended.
public enum FetchOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// 2xx with a body.
    case ok
    /// 304 to a conditional GET: nothing changed, nothing parsed.
    case notModified = "not-modified"
    /// A 4xx or 5xx status (after retries for 5xx).
    case httpError = "http-error"
    /// The connection or the transfer timed out.
    case timeout
    /// The body was larger than the cap.
    case tooLarge = "too-large"
    /// A redirect or an address the scope policy does not allow.
    case refused
    /// DNS, connection, TLS, or a transfer cut short.
    case networkError = "network-error"
    /// A body the parser could not use (not HTML, not a feed).
    case unparseable
}

extension FetchOutcome {
    /// The page could not be reached (a timeout, the network, a refusal, a body too large, a
    /// 5xx): rules cannot judge what is there, so they skip it rather than call it missing.
    public func isUnreachable(status: Int) -> Bool {
        switch self {
        case .timeout, .networkError, .refused, .tooLarge: true
        case .httpError: status >= 500
        case .ok, .notModified, .unparseable: false
        }
    }

    /// The site says the page is gone (404, 410).
    public func isMissing(status: Int) -> Bool { self == .httpError && (status == 404 || status == 410) }
}

/// The record of one fetch: what was asked, what came back, how long it took.
public struct FetchRecord: Sendable, Hashable, Codable {
    public var url: String
    /// The URL that answered, after redirects inside the scope.
    public var finalURL: String
    public var status: Int
    public var outcome: FetchOutcome
    public var error: String?
    public var bytes: Int
    public var milliseconds: Int
    public var attempts: Int
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?

    public init(
        url: String, finalURL: String, status: Int, outcome: FetchOutcome, error: String? = nil,
        bytes: Int = 0, milliseconds: Int = 0, attempts: Int = 1, contentType: String? = nil,
        etag: String? = nil, lastModified: String? = nil
    ) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.outcome = outcome
        self.error = error
        self.bytes = bytes
        self.milliseconds = milliseconds
        self.attempts = attempts
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// The validators of a stored response, sent back as a conditional GET.
public struct HTTPValidators: Sendable, Hashable, Codable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
