import PostgresNIO

/// Rows for one table sent as multi-row `INSERT` statements with bound parameters, so that an
/// import of thousands of articles costs a few round trips rather than one per row.
struct RowBatch {
    /// PostgreSQL allows 65,535 parameters per statement; stay well below.
    private static let parameterLimit = 30_000

    let table: String
    let columns: [String]
    private var bindings = PostgresBindings()
    private var rows = 0
    private(set) var queries: [PostgresQuery] = []

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// Adds one row; `values` must append exactly one binding per column, in order.
    mutating func add(_ values: (inout PostgresBindings) -> Void) {
        values(&bindings)
        rows += 1
        if (rows + 1) * columns.count > Self.parameterLimit { flush() }
    }

    /// The statements for every row added, ready to run in order.
    mutating func finish() -> [PostgresQuery] {
        flush()
        return queries
    }

    private mutating func flush() {
        guard rows > 0 else { return }
        var placeholders: [String] = []
        placeholders.reserveCapacity(rows)
        var parameter = 0
        for _ in 0..<rows {
            let row = columns.indices.map { _ in
                parameter += 1
                return "$\(parameter)"
            }
            placeholders.append("(" + row.joined(separator: ", ") + ")")
        }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + placeholders.joined(separator: ", ")
        queries.append(PostgresQuery(unsafeSQL: sql, binds: bindings))
        bindings = PostgresBindings()
        rows = 0
    }
}
