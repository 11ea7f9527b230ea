/// One entry of a column listing page: a title, a link and the date shown beside it.
public struct ListingEntry: Sendable, Hashable, Codable {
    public var title: String
    public var url: String
    public var date: CivilDate?

    public init(title: String, url: String, date: CivilDate?) {
        self.title = title
        self.url = url
        self.date = date
    }
}

/// A parsed listing page: its entries and the other pages of the same listing.
public struct ListingPage: Sendable, Hashable, Codable {
    public var url: String
    public var entries: [ListingEntry]
    /// Absolute URLs of the listing's other pages (`index_1.html` …), in page order.
    public var pageURLs: [String]

    public init(url: String, entries: [ListingEntry], pageURLs: [String]) {
        self.url = url
        self.entries = entries
        self.pageURLs = pageURLs
    }

    /// The newest entry date, if any entry has one.
    public var newestDate: CivilDate? { entries.compactMap(\.date).max() }
}
