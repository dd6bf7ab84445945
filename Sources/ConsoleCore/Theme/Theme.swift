/// A complete set of styles, one per role. Always complete: a theme file's missing roles are filled from its
/// fallback, so widgets never need to handle a role without a style.
public struct Theme: Sendable {
  /// The name to show, e.g. in a theme picker ("Default dark").
  public let name: String
  /// The file's `description`, one line saying what the theme is for.
  public let summary: String
  let roles: [StyleRole: RoleStyle]
  /// Resolved once: the UI asks for styles while drawing every frame.
  private let resolvedStyles: [ColorTier: [StyleRole: ResolvedStyle]]

  init(name: String, summary: String, roles: [StyleRole: RoleStyle]) {
    self.name = name
    self.summary = summary
    self.roles = roles
    var resolvedStyles: [ColorTier: [StyleRole: ResolvedStyle]] = [:]
    for tier in ColorTier.allCases {
      for role in StyleRole.allCases {
        resolvedStyles[tier, default: [:]][role] = (roles[role] ?? .plain).resolved(in: tier)
      }
    }
    self.resolvedStyles = resolvedStyles
  }

  public func style(_ role: StyleRole, tier: ColorTier) -> ResolvedStyle {
    resolvedStyles[tier]?[role] ?? RoleStyle.plain.resolved(in: tier)
  }

  /// Terminal colours, no attributes: the last resort if even the built-in theme could not be read.
  static let plain = Theme(
    name: "Plain", summary: "Terminal colours only",
    roles: Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, RoleStyle.plain) }))
}
