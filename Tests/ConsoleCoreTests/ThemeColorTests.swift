import ConsoleCore
import Testing

/// How one colour written in a theme file comes out on each kind of terminal.
@Suite struct ThemeColorTests {
  /// A theme with `list.selected` written as given; every other role from the built-in default.
  private func selectedStyle(_ keys: String, tier: ColorTier) throws -> ResolvedStyle {
    let theme = try ThemeLoader.parse("[roles.\"list.selected\"]\n\(keys)", file: "test.toml")
    return theme.style(.listSelected, tier: tier)
  }

  private func foreground(_ color: String, _ tier: ColorTier) throws -> TerminalColor {
    try selectedStyle("fg = \(color)", tier: tier).foreground
  }

  @Test func trueColorKeepsTheExactValue() throws {
    #expect(try foreground("\"#12abEF\"", .trueColor) == .rgb(0x12, 0xab, 0xef))
  }

  @Test func rgbMapsToTheNearestXtermCubeOrGreyEntryIn256() throws {
    #expect(try foreground("\"#ff0000\"", .c256) == .indexed(196))
    #expect(try foreground("\"#000000\"", .c256) == .indexed(16))
    #expect(try foreground("\"#ffffff\"", .c256) == .indexed(231))
    #expect(try foreground("\"#5f87af\"", .c256) == .indexed(67))
    // Greys go to the 24-step ramp, which is finer than the cube's diagonal.
    #expect(try foreground("\"#808080\"", .c256) == .indexed(244))
    #expect(try foreground("\"#303030\"", .c256) == .indexed(236))
    #expect(try foreground("\"#323232\"", .c256) == .indexed(236))
    // Near-misses land on the closest entry by squared distance.
    #expect(try foreground("\"#fe0102\"", .c256) == .indexed(196))
    #expect(try foreground("\"#d75f01\"", .c256) == .indexed(166))
  }

  /// Terminals redefine palette entries 0-15, so an RGB value must not land on one of them.
  @Test func the256TierNeverPicksTheRedefinableFirstSixteen() throws {
    let xtermAnsi = [
      "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
      "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
    ]
    for color in xtermAnsi {
      guard case .indexed(let index) = try foreground("\"\(color)\"", .c256) else {
        Issue.record("\(color) is not a palette index")
        continue
      }
      #expect((16..<256).contains(index), "\(color) → \(index)")
    }
  }

  @Test func rgbMapsToTheAnsiColourOfTheSameFamily() throws {
    #expect(try foreground("\"#ff0000\"", .c16) == .indexed(1))
    #expect(try foreground("\"#ff0000\"", .c8) == .indexed(1))
    #expect(try foreground("\"#ff5f5f\"", .c16) == .indexed(9))  // light red: the bright variant
    #expect(try foreground("\"#ff5f5f\"", .c8) == .indexed(1))
    // Soft colours keep their meaning instead of turning white or grey.
    #expect(try foreground("\"#87d787\"", .c16) == .indexed(10))
    #expect(try foreground("\"#87d787\"", .c8) == .indexed(2))
    #expect(try foreground("\"#5fafff\"", .c16) == .indexed(12))
    #expect(try foreground("\"#d787ff\"", .c16) == .indexed(13))
    #expect(try foreground("\"#008787\"", .c16) == .indexed(6))
    // Orange is a warning colour: yellow, not red.
    #expect(try foreground("\"#ffaf00\"", .c16) == .indexed(3))
    #expect(try foreground("\"#d75f00\"", .c8) == .indexed(3))
  }

  @Test func greysMapByLightness() throws {
    #expect(try foreground("\"#080808\"", .c16) == .indexed(0))
    #expect(try foreground("\"#808080\"", .c16) == .indexed(8))
    #expect(try foreground("\"#d0d0d0\"", .c16) == .indexed(7))
    #expect(try foreground("\"#ffffff\"", .c16) == .indexed(15))
    #expect(try foreground("\"#303030\"", .c8) == .indexed(0))
    #expect(try foreground("\"#bcbcbc\"", .c8) == .indexed(7))
    // Too dark to show a hue: Solarized's background is black, not blue.
    #expect(try foreground("\"#002b36\"", .c16) == .indexed(0))
  }

  @Test func namesAndNumbersAreThePalette() throws {
    #expect(try foreground("\"bright-red\"", .c256) == .indexed(9))
    #expect(try foreground("\"bright-red\"", .c16) == .indexed(9))
    #expect(try foreground("\"bright-red\"", .c8) == .indexed(1))
    #expect(try foreground("\"Blue\"", .c16) == .indexed(4))
    #expect(try foreground("\"bright-red\"", .trueColor) == .rgb(255, 0, 0))
    #expect(try foreground("196", .c256) == .indexed(196))
    #expect(try foreground("196", .c16) == .indexed(1))
    #expect(try foreground("196", .trueColor) == .rgb(255, 0, 0))
    #expect(try foreground("244", .c8) == .indexed(7))
  }

  @Test func defaultIsTheTerminalsOwnColourInEveryTier() throws {
    for tier in ColorTier.allCases {
      #expect(try foreground("\"default\"", tier) == .terminalDefault)
    }
  }

  @Test func overridesBeatDerivation() throws {
    let keys = "fg = \"#ff0000\"\nfg256 = 21\nfg16 = \"blue\"\nfg8 = 6\nbg = \"#000000\"\nbg16 = \"default\""
    #expect(try selectedStyle(keys, tier: .trueColor).foreground == .rgb(255, 0, 0))
    #expect(try selectedStyle(keys, tier: .c256).foreground == .indexed(21))
    #expect(try selectedStyle(keys, tier: .c16).foreground == .indexed(4))
    #expect(try selectedStyle(keys, tier: .c8).foreground == .indexed(6))
    #expect(try selectedStyle(keys, tier: .c256).background == .indexed(16))
    #expect(try selectedStyle(keys, tier: .c16).background == .terminalDefault)
  }

  @Test func eightColoursFollowTheSixteenColourChoice() throws {
    let keys = "fg = \"#5f5f5f\"\nfg16 = \"bright-cyan\""
    #expect(try selectedStyle(keys, tier: .c16).foreground == .indexed(14))
    #expect(try selectedStyle(keys, tier: .c8).foreground == .indexed(6))
  }

  @Test func paletteNamesStandForTheirColours() throws {
    let theme = try ThemeLoader.parse(
      """
      [palette]
      brand = "#ff0000"
      [roles."list.new"]
      fg = "brand"
      """, file: "test.toml")
    #expect(theme.style(.listNew, tier: .trueColor).foreground == .rgb(255, 0, 0))
    #expect(theme.style(.listNew, tier: .c256).foreground == .indexed(196))
  }

  @Test func monochromeHasNoColoursOnlyTheMonoAttributes() throws {
    let style = try selectedStyle("fg = \"#ff0000\"\nbg = \"#0000ff\"\nattrs = [\"bold\"]\nmono = [\"underline\"]", tier: .monochrome)
    #expect(style == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: .underline))
    for name in ThemeTestSupport.shippedThemeNames {
      let theme = try ThemeTestSupport.shippedTheme(name)
      for role in StyleRole.allCases {
        let style = theme.style(role, tier: .monochrome)
        #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(name) \(role.rawValue)")
      }
    }
  }

  @Test func monoDefaultsToAttrsPlusReverseWhenTheRoleHasItsOwnBackground() throws {
    let withBackground = try selectedStyle("bg = \"#005f87\"\nattrs = [\"bold\"]", tier: .monochrome)
    #expect(withBackground.attributes == [.bold, .reverse])
    let withoutBackground = try selectedStyle("fg = \"#ffffff\"\nattrs = [\"bold\"]", tier: .monochrome)
    #expect(withoutBackground.attributes == [.bold])
    let attributesInColour = try selectedStyle("bg = \"#005f87\"\nattrs = [\"bold\"]", tier: .c256)
    #expect(attributesInColour.attributes == [.bold])
  }

  @Test func rolesWithoutColoursTakeTheScreensColours() throws {
    let theme = try ThemeLoader.parse(
      """
      [roles."text.normal"]
      fg = "#eeeeee"
      bg = "#1c1c1c"
      bg16 = "default"
      [roles."list.unread"]
      attrs = ["bold"]
      [roles."list.new"]
      bg = "#1c1c1c"
      """, file: "test.toml")
    for tier in ColorTier.allCases {
      let screen = theme.style(.textNormal, tier: tier)
      let unread = theme.style(.listUnread, tier: tier)
      #expect(unread.foreground == screen.foreground && unread.background == screen.background, "\(tier)")
    }
    #expect(theme.style(.listUnread, tier: .c16).background == .terminalDefault)
    // Writing the screen's own background is not a highlight, so monochrome does not reverse it.
    #expect(theme.style(.listNew, tier: .monochrome).attributes == [])
  }
}
