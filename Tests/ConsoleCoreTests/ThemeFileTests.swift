import ConsoleCore
import Foundation
import Testing

/// The theme files a user gets: they must load, be complete, and stay readable on every kind of terminal.
@Suite struct ShippedThemeTests {
  static let expectedThemes = ["default-dark", "gruvbox", "high-contrast", "light", "monochrome", "solarized-dark"]

  @Test func theShippedThemesAreAvailable() {
    #expect(ThemeTestSupport.shippedThemeNames == Self.expectedThemes)
  }

  @Test(arguments: expectedThemes)
  func loadsWithoutError(_ name: String) {
    let (theme, error) = ThemeLoader.load(named: name, searchDirectories: [ThemeTestSupport.shippedThemesFolder])
    #expect(error == nil, "\(error?.description ?? "")")
    #expect(!theme.name.isEmpty)
    #expect(!theme.summary.isEmpty)
  }

  /// A role left out would silently take the default theme's look, which may be unreadable on, say, a light theme.
  @Test(arguments: expectedThemes)
  func definesEveryRole(_ name: String) throws {
    // A fallback no theme would ever use: any role that shows it was missing from the file.
    let sentinelRoles = StyleRole.allCases.map {
      "[roles.\"\($0.rawValue)\"]\nfg = \"#010203\"\nbg = \"#040506\"\nattrs = [\"bold\", \"dim\", \"italic\", \"standout\"]"
    }
    let sentinel = try ThemeLoader.parse(sentinelRoles.joined(separator: "\n"), file: "sentinel.toml")
    let sentinelStyle = sentinel.style(.textNormal, tier: .trueColor)
    let theme = try ThemeLoader.parse(try ThemeTestSupport.shippedThemeText(name), file: "\(name).toml", fallback: sentinel)
    let missing = StyleRole.allCases.filter { theme.style($0, tier: .trueColor) == sentinelStyle }
    #expect(missing.isEmpty, "\(name).toml leaves out \(missing.map(\.rawValue))")
  }

  @Test func theBuiltInDefaultIsDefaultDark() throws {
    let file = try ThemeTestSupport.shippedTheme("default-dark")
    let builtIn = Theme.builtInDefault
    #expect(builtIn.name == file.name)
    for tier in ColorTier.allCases {
      for role in StyleRole.allCases {
        #expect(
          builtIn.style(role, tier: tier) == file.style(role, tier: tier),
          "\(role.rawValue) in \(tier): copy themes/default-dark.toml into BuiltInTheme.swift")
      }
    }
  }

  /// Palette indices must fit the tier: ncurses refuses colour pairs beyond COLORS, and RGB needs direct colour.
  @Test(arguments: expectedThemes)
  func colorsFitEachTier(_ name: String) throws {
    let theme = try ThemeTestSupport.shippedTheme(name)
    let limits: [ColorTier: Int] = [.c256: 256, .c16: 16, .c8: 8, .monochrome: 0]
    for (tier, limit) in limits {
      for role in StyleRole.allCases {
        let style = theme.style(role, tier: tier)
        for color in [style.foreground, style.background] {
          switch color {
          case .terminalDefault: break
          case .indexed(let index): #expect((0..<limit).contains(index), "\(name) \(role.rawValue) \(tier): \(color)")
          case .rgb: Issue.record("\(name) \(role.rawValue) \(tier): RGB outside true colour")
          }
        }
      }
    }
  }

  /// Text must never be drawn in its own background colour, in any tier.
  @Test(arguments: expectedThemes)
  func textNeverMatchesItsBackground(_ name: String) throws {
    let theme = try ThemeTestSupport.shippedTheme(name)
    for tier in ColorTier.allCases where tier != .monochrome {
      let screen = theme.style(.textNormal, tier: tier)
      for role in StyleRole.allCases {
        let style = theme.style(role, tier: tier)
        let foreground = style.foreground == .terminalDefault ? screen.foreground : style.foreground
        let background = style.background == .terminalDefault ? screen.background : style.background
        if foreground != .terminalDefault || background != .terminalDefault {
          #expect(foreground != background, "\(name) \(role.rawValue) in \(tier)")
        }
      }
    }
  }

  /// The cursor, the sandbox badge and the warning banners have to be seen at a glance in every tier.
  @Test(arguments: expectedThemes)
  func highlightsStandOutInEveryTier(_ name: String) throws {
    let theme = try ThemeTestSupport.shippedTheme(name)
    let highlights: [StyleRole] = [
      .listSelected, .listSelectedUnfocused, .badgeSandbox, .bannerStale, .bannerOffline, .bannerError, .tabActive,
      .statusBar,
    ]
    for tier in ColorTier.allCases {
      let screen = theme.style(.textNormal, tier: tier)
      for role in highlights {
        let style = theme.style(role, tier: tier)
        let standsOut =
          style.background != screen.background || !style.attributes.isDisjoint(with: [.reverse, .standout, .underline])
        #expect(standsOut, "\(name) \(role.rawValue) in \(tier) looks like plain text")
      }
      #expect(
        theme.style(.listSelected, tier: tier) != theme.style(.listSelectedUnfocused, tier: tier),
        "\(name) in \(tier): the focused cursor looks like the unfocused one")
      for role in [StyleRole.badgeSandbox, .bannerStale, .bannerOffline] where tier != .monochrome {
        #expect(theme.style(role, tier: tier).attributes.contains(.bold), "\(name) \(role.rawValue) should be bold")
      }
    }
  }

  /// WCAG contrast where both colours are known: 4.5 for reading text, 3 for accents, less for deliberately quiet
  /// roles. Solarized's own design sits near these limits; the numbers guard against unreadable mistakes.
  @Test(arguments: expectedThemes)
  func trueColorTextIsReadable(_ name: String) throws {
    let theme = try ThemeTestSupport.shippedTheme(name)
    let quiet: Set<StyleRole> = [.paneBorder, .statusQueued, .statusUnknown, .messageMeta, .textDim, .tabInactive]
    let reading: Set<StyleRole> = [.textNormal, .helpText, .dialog, .listSelectedUnfocused]
    var screen = theme.style(.textNormal, tier: .trueColor)
    if name == "default-dark" {
      // It keeps the terminal's own colours and is meant for dark terminals: judge it on a typical one.
      screen.foreground = .rgb(0xd0, 0xd0, 0xd0)
      screen.background = .rgb(0x1c, 0x1c, 0x1c)
    }
    for role in StyleRole.allCases {
      let style = theme.style(role, tier: .trueColor)
      let foreground = style.foreground == .terminalDefault ? screen.foreground : style.foreground
      let background = style.background == .terminalDefault ? screen.background : style.background
      guard let contrast = TerminalColor.contrast(foreground, background) else { continue }
      let minimum = quiet.contains(role) ? (role == .paneBorder ? 1.8 : 2.5) : reading.contains(role) ? 4.5 : 3
      #expect(contrast >= minimum, "\(name) \(role.rawValue): contrast \(contrast) < \(minimum)")
    }
  }

  @Test func monochromeThemeUsesNoColourAnywhere() throws {
    let theme = try ThemeTestSupport.shippedTheme("monochrome")
    for tier in ColorTier.allCases {
      for role in StyleRole.allCases {
        let style = theme.style(role, tier: tier)
        #expect(style.foreground == .terminalDefault && style.background == .terminalDefault, "\(role.rawValue) \(tier)")
        #expect(style == theme.style(role, tier: .monochrome), "\(role.rawValue) looks different in \(tier)")
      }
    }
  }
}
