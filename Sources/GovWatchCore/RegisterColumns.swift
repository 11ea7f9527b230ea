/// The header row of a register an office keeps (审批台账, 依申请公开台账): where each column is,
/// by its name. Names are trimmed; of two columns with one name the first counts.
struct RegisterColumns {
    /// How many columns the header has.
    let count: Int
    private let index: [String: Int]

    init(header: [String]) {
        count = header.count
        index = Dictionary(header.enumerated().map { ($0.element.trimmingWhitespace(), $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The names in `required` the header lacks, in their order.
    func missing(_ required: [String]) -> [String] { required.filter { index[$0] == nil } }

    /// The trimmed cell of column `name` in `cells`; empty when the header or the row lacks it.
    func cell(_ name: String, in cells: [String]) -> String {
        guard let i = index[name], i < cells.count else { return "" }
        return cells[i].trimmingWhitespace()
    }
}
