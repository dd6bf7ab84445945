/// Everything a theme says about one role, for every tier at once.
struct RoleStyle: Sendable, Hashable {
  var foreground: ColorChannel
  var background: ColorChannel
  var attributes: TextAttributes
  /// Used instead of `attributes` when there are no colours, so emphasis survives without them.
  var monochromeAttributes: TextAttributes

  static let plain = RoleStyle(
    foreground: .terminalDefault, background: .terminalDefault, attributes: [], monochromeAttributes: [])

  func resolved(in tier: ColorTier) -> ResolvedStyle {
    if tier == .monochrome {
      return ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: monochromeAttributes)
    }
    return ResolvedStyle(
      foreground: foreground.resolved(in: tier), background: background.resolved(in: tier), attributes: attributes)
  }
}
