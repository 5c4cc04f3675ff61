import Foundation
public import RehabCore

/// A care card: what a reader's warning sign calls for, in the words and services of the site's region.
public struct CareCard: Sendable, Hashable {
    public let level: TriageLevel
    /// The level's call to action, such as "Call 999 or go to A&E now".
    public let heading: String
    /// The warning sign, such as "Losing control of your bladder or bowels".
    public let title: String
    /// What to do, with the region's numbers and services filled in.
    public let advice: String
    public let source: TriageSource
    /// The rule behind the card.
    public let ruleID: String

    /// One card per warning sign, most urgent first.
    public static func cards(for result: TriageResult, region: SiteConfiguration.Region) -> [CareCard] {
        result.flags.map { CareCard(rule: $0.rule, region: region) }
    }

    public init(rule: TriageRule, region: SiteConfiguration.Region) {
        let services = CareServices(region: region)
        level = rule.level
        heading = services.heading(for: rule.level)
        title = rule.title
        advice = services.fill(rule.advice)
        source = rule.source
        ruleID = rule.id
    }
}

/// The emergency number and services a care card names, by region.
public struct CareServices: Sendable {
    public let region: SiteConfiguration.Region

    public init(region: SiteConfiguration.Region) { self.region = region }

    /// The values of the rules file's placeholders.
    public var placeholders: [String: String] {
        switch region {
        case .uk:
            ["emergency": "999", "ae": "A&E", "urgent": "NHS 111", "maternity": "your maternity unit or midwife", "gp": "GP"]
        case .us:
            ["emergency": "911", "ae": "the emergency room", "urgent": "a nurse advice line or urgent care",
             "maternity": "your labor and delivery unit or your OB provider", "gp": "doctor"]
        }
    }

    /// The call to action for a level.
    public func heading(for level: TriageLevel) -> String {
        let values = placeholders
        switch level {
        case .emergency: return "Call \(values["emergency"]!) or go to \(values["ae"]!) now"
        case .urgent: return "Get medical advice today"
        case .soon: return "Book an appointment"
        case .none: return "No warning signs found"
        }
    }

    /// `text` with every `{name}` placeholder replaced.
    public func fill(_ text: String) -> String {
        var result = text
        for (name, value) in placeholders { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }
}
