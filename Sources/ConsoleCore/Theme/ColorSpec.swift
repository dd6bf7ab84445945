/// A colour as a theme file writes it, before it is fitted to a terminal's tier.
enum ColorSpec: Sendable, Hashable {
  case terminalDefault
  case indexed(Int)
  case rgb(XtermPalette.RGB)

  /// The 16 ANSI colour names; `bright-` prefixes the upper eight.
  static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

  /// The names a theme file may use instead of a number or `#rrggbb`.
  static let namedColors: [String: ColorSpec] = {
    var names: [String: ColorSpec] = ["default": .terminalDefault]
    for (index, name) in ansiNames.enumerated() {
      names[name] = .indexed(index)
      names["bright-\(name)"] = .indexed(index + 8)
    }
    return names
  }()

  /// Reads `#rrggbb`, `default`, an ANSI colour name, or a palette entry of the theme.
  init?(text: String, palette: [String: ColorSpec] = [:]) {
    let lowercased = text.lowercased()
    if let named = Self.namedColors[lowercased] ?? palette[text] {
      self = named
      return
    }
    let digits = lowercased.dropFirst()
    guard lowercased.hasPrefix("#"), digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16)
    else { return nil }
    self = .rgb(XtermPalette.RGB(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)))
  }

  /// A palette index; `nil` outside 0...255.
  init?(index: Int) {
    guard (0...255).contains(index) else { return nil }
    self = .indexed(index)
  }
}
