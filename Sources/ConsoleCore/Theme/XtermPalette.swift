/// Translates between RGB values and palette indices, using xterm's default palette. Terminals may redefine
/// indices 0-15, so matching for the 256-colour tier only ever picks from the fixed part (16-255).
enum XtermPalette {
  struct RGB: Sendable, Hashable {
    var red: UInt8
    var green: UInt8
    var blue: UInt8

    init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
      self.red = red
      self.green = green
      self.blue = blue
    }

    func squaredDistance(to other: RGB) -> Int {
      let red = Int(self.red) - Int(other.red)
      let green = Int(self.green) - Int(other.green)
      let blue = Int(self.blue) - Int(other.blue)
      return red * red + green * green + blue * blue
    }
  }

  /// The 16 ANSI colours as xterm shows them by default.
  static let ansi: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
  ]

  /// The channel levels of the 6×6×6 colour cube (indices 16-231).
  private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

  /// The RGB value of any palette index 0...255.
  static func rgb(ofIndex index: Int) -> RGB {
    switch index {
    case 0..<16:
      return ansi[index]
    case 16..<232:
      let cubeIndex = index - 16
      return RGB(cubeLevels[cubeIndex / 36], cubeLevels[(cubeIndex / 6) % 6], cubeLevels[cubeIndex % 6])
    default:
      let level = UInt8(8 + 10 * (index - 232))
      return RGB(level, level, level)
    }
  }

  /// The closest index among the colour cube and the grey ramp (16-255).
  static func nearest256(to color: RGB) -> Int { nearest(to: color, among: 16..<256) }

  /// The ANSI colour (of 16, or of the basic 8) that reads as the same colour: same hue family, similar lightness.
  ///
  /// Not the nearest by RGB distance, deliberately: terminals redefine these 16 colours freely, and by distance to
  /// xterm's values most soft theme colours (pastel green, sky blue, salmon) would land on white or grey and lose the
  /// meaning they carry ("completed" is green). So: greys stay greys, hues keep their family, light ones go bright.
  static func nearestANSI(to color: RGB, colorCount: Int) -> Int {
    let red = Double(color.red) / 255
    let green = Double(color.green) / 255
    let blue = Double(color.blue) / 255
    let brightest = max(red, green, blue)
    let darkest = min(red, green, blue)
    let chroma = brightest - darkest
    let lightness = (brightest + darkest) / 2

    // Too grey or too dark to be seen as a hue on an 8/16-colour terminal.
    if chroma < 0.2 || brightest < 0.25 {
      let greys: [(index: Int, lightness: Double)] =
        colorCount >= 16 ? [(0, 0), (8, 0.5), (7, 0.9), (15, 1)] : [(0, 0), (7, 0.9)]
      return greys.min { abs($0.lightness - lightness) < abs($1.lightness - lightness) }!.index
    }

    let hue: Double
    switch brightest {
    case red: hue = 60 * ((green - blue) / chroma).truncatingRemainder(dividingBy: 6)
    case green: hue = 60 * ((blue - red) / chroma + 2)
    default: hue = 60 * ((red - green) / chroma + 4)
    }
    let hueDegrees = hue < 0 ? hue + 360 : hue
    let base = hueFamilies.first { hueDegrees < $0.below }?.ansiIndex ?? 1
    return colorCount >= 16 && lightness >= 0.6 ? base + 8 : base
  }

  /// Hue ranges (upper bounds in degrees) of the six ANSI hues. Not equal sextants: orange is read as a warning
  /// colour, so it joins yellow (which many palettes draw orange-brown anyway), and violet joins magenta.
  private static let hueFamilies: [(below: Double, ansiIndex: Int)] = [
    (20, 1), (65, 3), (150, 2), (200, 6), (255, 4), (330, 5), (360, 1),
  ]

  /// Squared RGB distance; on a tie the lower index wins, which keeps the choice stable.
  private static func nearest(to color: RGB, among indices: Range<Int>) -> Int {
    var best = indices.lowerBound
    var bestDistance = Int.max
    for index in indices {
      let distance = rgb(ofIndex: index).squaredDistance(to: color)
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return best
  }
}
