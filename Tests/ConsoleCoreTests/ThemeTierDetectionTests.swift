import ConsoleCore
import Testing

/// Which colours the console uses is decided from what ncurses reports and from NO_COLOR.
@Suite struct ThemeTierDetectionTests {
  @Test func colourCountsPickTheTier() {
    let cases: [(colors: Int, tier: ColorTier)] = [
      (1 << 24, .trueColor), (0x7FFF_FFFF, .trueColor), (0x00FF_FFFF, .c256), (256, .c256), (88, .c16), (16, .c16),
      (15, .c8), (8, .c8), (2, .monochrome), (0, .monochrome), (-1, .monochrome),
    ]
    for (colors, tier) in cases {
      #expect(ColorTierDetection.tier(colors: colors, hasColors: true, environment: [:]) == tier, "\(colors) colours")
    }
  }

  @Test func aTerminalWithoutColoursIsMonochrome() {
    #expect(ColorTierDetection.tier(colors: 256, hasColors: false, environment: [:]) == .monochrome)
  }

  @Test func noColorForcesMonochrome() {
    for value in ["1", "0", "true", "anything"] {
      #expect(ColorTierDetection.tier(colors: 1 << 24, hasColors: true, environment: ["NO_COLOR": value]) == .monochrome)
    }
  }

  /// no-color.org: only a non-empty NO_COLOR counts.
  @Test func anEmptyNoColorIsIgnored() {
    #expect(ColorTierDetection.tier(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .c256)
  }

  /// Without a direct-colour terminfo ncurses cannot send RGB, whatever COLORTERM claims.
  @Test func colortermAloneDoesNotGiveTrueColour() {
    #expect(ColorTierDetection.tier(colors: 256, hasColors: true, environment: ["COLORTERM": "truecolor"]) == .c256)
  }
}
