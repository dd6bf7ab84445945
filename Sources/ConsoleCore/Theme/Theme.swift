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

extension Theme {
  /// The theme with the organization badge in `color` (`#rrggbb`, 0–255 or a colour name),
  /// lettered in black or white, whichever reads better on it; nil when `color` is not a colour.
  public func accenting(_ color: String) -> Theme? {
    let spec = ColorSpec(text: color) ?? Int(color).flatMap { ColorSpec(index: $0) }
    guard let spec else { return nil }
    let rgb: XtermPalette.RGB? =
      switch spec {
      case .rgb(let value): value
      case .indexed(let index): XtermPalette.rgb(ofIndex: index)
      case .terminalDefault: nil
      }
    // Relative luminance decides the lettering (ITU-R BT.601 weights are enough here).
    let light = rgb.map { 0.299 * Double($0.red) + 0.587 * Double($0.green) + 0.114 * Double($0.blue) > 140 } ?? false
    var roles = self.roles
    var badge = roles[.badgeProfile] ?? .plain
    badge.background = ColorChannel(base: spec)
    badge.foreground = ColorChannel(
      base: light ? .indexed(0) : .indexed(15), override16: light ? .indexed(0) : .indexed(15), override8: light ? .indexed(0) : .indexed(7)
    )
    badge.attributes.insert(.bold)
    roles[.badgeProfile] = badge
    return Theme(name: name, summary: summary, roles: roles)
  }
}
