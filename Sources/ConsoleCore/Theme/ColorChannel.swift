/// One colour of a role (its foreground or its background) with the theme author's optional per-tier choices.
/// Derivation is only a fallback: an author who says `bg16 = 4` knows better than a distance in RGB space.
struct ColorChannel: Sendable, Hashable {
  var base: ColorSpec
  var override256: ColorSpec?
  var override16: ColorSpec?
  var override8: ColorSpec?

  static let terminalDefault = ColorChannel(base: .terminalDefault)

  init(base: ColorSpec, override256: ColorSpec? = nil, override16: ColorSpec? = nil, override8: ColorSpec? = nil) {
    self.base = base
    self.override256 = override256
    self.override16 = override16
    self.override8 = override8
  }

  func resolved(in tier: ColorTier) -> TerminalColor {
    switch tier {
    case .trueColor: Self.trueColor(base)
    case .c256: Self.fitted256(override256 ?? base)
    case .c16: Self.fitted16(override16 ?? base)
    // An author's 16-colour choice says more than the RGB value does, so 8 colours start from it when present.
    case .c8: Self.fitted8(override8 ?? override16 ?? base)
    case .monochrome: .terminalDefault
    }
  }

  private static func trueColor(_ spec: ColorSpec) -> TerminalColor {
    switch spec {
    case .terminalDefault: .terminalDefault
    case .indexed(let index): rgb(XtermPalette.rgb(ofIndex: index))
    case .rgb(let value): rgb(value)
    }
  }

  private static func fitted256(_ spec: ColorSpec) -> TerminalColor {
    switch spec {
    case .terminalDefault: .terminalDefault
    case .indexed(let index): .indexed(index)
    case .rgb(let value): .indexed(XtermPalette.nearest256(to: value))
    }
  }

  private static func fitted16(_ spec: ColorSpec) -> TerminalColor {
    switch spec {
    case .terminalDefault: .terminalDefault
    case .indexed(let index) where index < 16: .indexed(index)
    case .indexed(let index): .indexed(XtermPalette.nearestANSI(to: XtermPalette.rgb(ofIndex: index), colorCount: 16))
    case .rgb(let value): .indexed(XtermPalette.nearestANSI(to: value, colorCount: 16))
    }
  }

  private static func fitted8(_ spec: ColorSpec) -> TerminalColor {
    switch spec {
    case .terminalDefault: .terminalDefault
    case .indexed(let index) where index < 8: .indexed(index)
    // A bright colour's closest relative is its normal variant, whatever the RGB distance says.
    case .indexed(let index) where index < 16: .indexed(index - 8)
    case .indexed(let index): .indexed(XtermPalette.nearestANSI(to: XtermPalette.rgb(ofIndex: index), colorCount: 8))
    case .rgb(let value): .indexed(XtermPalette.nearestANSI(to: value, colorCount: 8))
    }
  }

  private static func rgb(_ value: XtermPalette.RGB) -> TerminalColor { .rgb(value.red, value.green, value.blue) }
}
