/// A few short words that a page's texts are checked against (pager words: 下一页, 尾页 …).
/// A text longer than the longest word is refused on its byte count, with no look-up: hashing
/// a CJK string normalises it first, and most texts checked (entry titles) are long.
struct ShortWords: Sendable {
    private let words: Set<String>
    private let longest: Int

    init(_ words: Set<String>) {
        self.words = words
        longest = words.map(\.utf8.count).max() ?? 0
    }

    func contains(_ text: String) -> Bool {
        text.utf8.count <= longest && words.contains(text)
    }
}
