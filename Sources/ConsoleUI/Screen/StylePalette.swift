import CNCurses
import ConsoleCore

/// Theme roles turned into ncurses attributes and colour pairs for the terminal's tier.
struct StylePalette {
  struct Style {
    var attributes: attr_t
    var pair: Int32
    /// Whether a blank in this style looks like a blank of the window (`textNormal`): the same
    /// background, and no attribute that shows on a space (underline, reverse, standout).
    var blankLooksPlain = false
  }

  let tier: ColorTier
  let directColor: Bool
  private var styles: [StyleRole: Style] = [:]

  init(theme: Theme, tier: ColorTier, directColor: Bool) {
    self.tier = tier
    self.directColor = directColor
    var pairs: [PairKey: Int32] = [:]
    // Per role, what shows on a blank: its attributes, and its background as drawn.
    var blanks: [StyleRole: (attributes: TextAttributes, background: TerminalColor)] = [:]
    for role in StyleRole.allCases {
      let resolved = theme.style(role, tier: tier)
      var pair: Int32 = 0
      if tier != .monochrome {
        let key = PairKey(foreground: Self.number(resolved.foreground), background: Self.number(resolved.background))
        if key.foreground != -1 || key.background != -1 {
          if let existing = pairs[key] {
            pair = existing
          } else if Int32(pairs.count + 1) < cn_color_pairs() {
            pair = Int32(pairs.count + 1)
            cn_init_pair(pair, key.foreground, key.background)
            pairs[key] = pair
          }
        }
      }
      styles[role] = Style(attributes: Self.attributes(resolved.attributes), pair: pair)
      // Without a pair of its own (none needed, or none left) a role shows the terminal's colours.
      blanks[role] = (resolved.attributes, tier == .monochrome || pair == 0 ? .terminalDefault : resolved.background)
    }
    let plain = blanks[.textNormal]?.background ?? .terminalDefault
    for (role, blank) in blanks {
      styles[role]?.blankLooksPlain = Self.blankLooksPlain(blank.attributes, background: blank.background, plainBackground: plain)
    }
  }

  /// Whether a blank drawn with `attributes` on `background` looks like a blank of plain text
  /// (on `plainBackground`): bold, dim and italic do not show on a space; underline, reverse
  /// and standout do.
  static func blankLooksPlain(_ attributes: TextAttributes, background: TerminalColor, plainBackground: TerminalColor) -> Bool {
    background == plainBackground && attributes.intersection([.underline, .reverse, .standout]).isEmpty
  }

  func style(_ role: StyleRole) -> Style { styles[role] ?? Style(attributes: cn_attr_normal(), pair: 0) }

  private struct PairKey: Hashable {
    var foreground: Int32
    var background: Int32
  }

  private static func number(_ color: TerminalColor) -> Int32 {
    switch color {
    case .terminalDefault: -1
    case .indexed(let index): Int32(index)
    case .rgb(let red, let green, let blue): Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
    }
  }

  private static func attributes(_ attributes: TextAttributes) -> attr_t {
    var result = cn_attr_normal()
    if attributes.contains(.bold) { result |= cn_attr_bold() }
    if attributes.contains(.dim) { result |= cn_attr_dim() }
    if attributes.contains(.underline) { result |= cn_attr_underline() }
    if attributes.contains(.reverse) { result |= cn_attr_reverse() }
    if attributes.contains(.italic) { result |= cn_attr_italic() }
    if attributes.contains(.standout) { result |= cn_attr_standout() }
    return result
  }
}
