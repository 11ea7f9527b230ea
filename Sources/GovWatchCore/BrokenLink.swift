/// A link that did not answer in two consecutive crawls (the national checklist's 链接不可用).
public struct BrokenLink: Sendable, Hashable, Codable {
    public var url: String
    /// The page it is on (the homepage for homepage links and images).
    public var foundOn: String
    public var text: String
    public var onHomepage: Bool
    /// The last failure: `404`, `timeout`, `network-error: Couldn't connect to server` …
    public var lastError: String
    public var consecutiveFailures: Int

    public init(url: String, foundOn: String, text: String, onHomepage: Bool, lastError: String, consecutiveFailures: Int) {
        self.url = url
        self.foundOn = foundOn
        self.text = text
        self.onHomepage = onHomepage
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }
}
