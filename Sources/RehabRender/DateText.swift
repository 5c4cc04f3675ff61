import RehabCore

/// Dates as readers see them: "3 months ago", "10 March 2025".
enum DateText {
    private static let months = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]

    /// `10 March 2025`.
    static func long(_ date: CalendarDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// How long ago `date` was, seen from `today`: "today", "yesterday", "5 days ago", "3 months ago".
    static func relative(_ date: CalendarDate, today: CalendarDate) -> String {
        let days = date.days(until: today)
        func ago(_ count: Int, _ unit: String) -> String { "\(count) \(unit)\(count == 1 ? "" : "s") ago" }
        switch days {
        case ..<0: return "on \(long(date))"
        case 0: return "today"
        case 1: return "yesterday"
        case 2..<14: return ago(days, "day")
        case 14..<60: return ago(days / 7, "week")
        case 60..<365: return ago(days / 30, "month")
        default: return ago(days / 365, "year")
        }
    }
}
