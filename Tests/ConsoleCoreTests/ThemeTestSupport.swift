import ConsoleCore
import Foundation

/// Shared by the theme tests: where the shipped themes live and small conveniences.
enum ThemeTestSupport {
  /// The repository's top-level `themes` folder, found from this file so tests run from any working directory.
  static let shippedThemesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")

  static let shippedThemeNames = ThemeLoader.available(in: [shippedThemesFolder])

  static func shippedThemeText(_ name: String) throws -> String {
    try String(contentsOf: shippedThemesFolder.appendingPathComponent("\(name).toml"), encoding: .utf8)
  }

  static func shippedTheme(_ name: String) throws -> Theme {
    try ThemeLoader.parse(try shippedThemeText(name), file: "themes/\(name).toml")
  }

  /// A folder of its own for one test, removed by the caller.
  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}

extension TerminalColor {
  /// The colour as RGB, with palette indices read as xterm draws them; `nil` for the terminal's own colour.
  var approximateRGB: (red: Double, green: Double, blue: Double)? {
    switch self {
    case .terminalDefault: return nil
    case .rgb(let red, let green, let blue): return (Double(red), Double(green), Double(blue))
    case .indexed(let index):
      let ansi: [(Double, Double, Double)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
      ]
      if index < 16 { return ansi[index] }
      if index >= 232 {
        let level = Double(8 + 10 * (index - 232))
        return (level, level, level)
      }
      let levels: [Double] = [0, 95, 135, 175, 215, 255]
      let cube = index - 16
      return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    }
  }

  /// WCAG 2 contrast ratio between two colours (1...21).
  static func contrast(_ first: TerminalColor, _ second: TerminalColor) -> Double? {
    guard let first = first.approximateRGB, let second = second.approximateRGB else { return nil }
    func luminance(_ color: (red: Double, green: Double, blue: Double)) -> Double {
      func channel(_ value: Double) -> Double {
        let scaled = value / 255
        return scaled <= 0.03928 ? scaled / 12.92 : pow((scaled + 0.055) / 1.055, 2.4)
      }
      return 0.2126 * channel(color.red) + 0.7152 * channel(color.green) + 0.0722 * channel(color.blue)
    }
    let lighter = max(luminance(first), luminance(second))
    let darker = min(luminance(first), luminance(second))
    return (lighter + 0.05) / (darker + 0.05)
  }
}
