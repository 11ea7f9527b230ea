import GovWatchCore

/// A URL to fetch, with the validators of the stored copy and the caller's context.
public struct FetchJob<Context> {
    public var url: String
    public var validators: HTTPValidators?
    public var context: Context
    /// A HEAD request: only whether the URL answers (link checks), no body.
    public var headOnly: Bool
    /// Started before the host's other queued jobs (a listing page, which the crawl's next
    /// jobs come from).
    public var ahead: Bool

    public init(url: String, validators: HTTPValidators? = nil, context: Context, headOnly: Bool = false, ahead: Bool = false) {
        self.url = url
        self.validators = validators
        self.context = context
        self.headOnly = headOnly
        self.ahead = ahead
    }
}

/// A finished fetch: its record and, for a 2xx, the body.
public struct FetchResponse: Sendable {
    public var record: FetchRecord
    /// The body of a 2xx response, decompressed; empty otherwise.
    public var body: [UInt8]

    public init(record: FetchRecord, body: [UInt8]) {
        self.record = record
        self.body = body
    }
}

/// How the fetcher behaves; one per probe.
public struct FetcherConfiguration: Sendable {
    public var settings: CrawlSettings
    public var scope: CrawlScope
    public var addressPolicy: AddressPolicy
    /// Redirect hops followed at most.
    public var maxRedirects: Int
    /// The first retry waits this long; each next one twice as long.
    public var retryBaseDelaySeconds: Double
    /// The longest wait a `Retry-After` header may impose.
    public var maxRetryAfterSeconds: Double
    /// The longest the loop waits for network events before it asks `shouldStop` and `poll`
    /// again (a `FetchWaker` cuts the wait short).
    public var pollMilliseconds: Int32

    public init(
        settings: CrawlSettings, scope: CrawlScope, addressPolicy: AddressPolicy, maxRedirects: Int = 10,
        retryBaseDelaySeconds: Double = 0.5, maxRetryAfterSeconds: Double = 30, pollMilliseconds: Int32 = 100
    ) {
        self.settings = settings
        self.scope = scope
        self.addressPolicy = addressPolicy
        self.maxRedirects = maxRedirects
        self.retryBaseDelaySeconds = retryBaseDelaySeconds
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
        self.pollMilliseconds = pollMilliseconds
    }
}
