import ConsoleCore
import Testing

@testable import ConsoleUI

/// A gap between two columns of a row is drawn in the style of the column before it only when
/// a blank looks the same in that style as in plain text: it saves bytes, and must never show.
@Suite struct BlankStyleTests {
  @Test func aBlankLooksPlainOnlyOnThePlainBackgroundAndWithoutAttributesThatShowOnASpace() {
    let plain = TerminalColor.terminalDefault
    #expect(StylePalette.blankLooksPlain([], background: plain, plainBackground: plain))
    #expect(StylePalette.blankLooksPlain([.bold, .dim, .italic], background: plain, plainBackground: plain))
    #expect(!StylePalette.blankLooksPlain([.underline], background: plain, plainBackground: plain))
    #expect(!StylePalette.blankLooksPlain([.reverse], background: plain, plainBackground: plain))
    #expect(!StylePalette.blankLooksPlain([.standout, .bold], background: plain, plainBackground: plain))
    #expect(!StylePalette.blankLooksPlain([], background: .indexed(24), plainBackground: plain), "a selection bar")
    #expect(StylePalette.blankLooksPlain([], background: .indexed(235), plainBackground: .indexed(235)), "a theme's own page colour")
    #expect(!StylePalette.blankLooksPlain([], background: .terminalDefault, plainBackground: .indexed(235)))
  }

  /// In the shipped themes, the roles of an unselected list row's columns spread onto the gaps
  /// after them, and the selection and highlight roles never do.
  @Test func theShippedDefaultSpreadsTextRolesButNotBars() {
    let theme = Theme.builtInDefault
    let plain = theme.style(.textNormal, tier: .c256).background
    func spreads(_ role: StyleRole) -> Bool {
      let style = theme.style(role, tier: .c256)
      return StylePalette.blankLooksPlain(style.attributes, background: style.background, plainBackground: plain)
    }
    #expect(spreads(.textNormal))
    #expect(spreads(.textDim))
    #expect(!spreads(.listSelected))
    #expect(!spreads(.listSelectedUnfocused))
  }
}
