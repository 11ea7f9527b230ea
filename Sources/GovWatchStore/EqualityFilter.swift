import GRDB

/// ` WHERE a = ? AND b = ?` for the columns whose value is given; empty when none is.
struct EqualityFilter {
    private(set) var sql = ""
    private(set) var arguments: StatementArguments = []

    init(_ columns: KeyValuePairs<String, String?>) {
        var clauses: [String] = []
        for (column, value) in columns {
            guard let value else { continue }
            clauses.append("\(column) = ?")
            arguments += [value]
        }
        if !clauses.isEmpty { sql = " WHERE " + clauses.joined(separator: " AND ") }
    }
}
