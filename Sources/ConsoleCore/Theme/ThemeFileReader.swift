import Foundation
import TOMLKit

/// Turns the text of one theme file into a `Theme`, or into the first problem in it, placed by line and role.
/// Strict on purpose: a misspelt role or attribute silently ignored would leave the user wondering why nothing changed.
struct ThemeFileReader {
  static let topLevelKeys = ["name", "description", "palette", "roles"]
  static let roleKeys = ["fg", "bg", "attrs", "mono", "fg256", "bg256", "fg16", "bg16", "fg8", "bg8"]

  let file: String
  let text: String
  private let keyLines: TOMLKeyLocator

  init(text: String, file: String) {
    self.file = file
    self.text = text
    self.keyLines = TOMLKeyLocator(text: text)
  }

  func read(fallback: Theme) throws(ThemeError) -> Theme {
    let document = try parseTOML()
    for key in inSourceOrder(document.keys, under: []) where !Self.topLevelKeys.contains(key) {
      throw problem(at: [key], "unknown key \"\(key)\" (a theme file has name, description, palette and roles)")
    }
    let name = try string(document["name"], at: ["name"]) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let summary = try string(document["description"], at: ["description"]) ?? ""
    let palette = try readPalette(document["palette"])
    let roles = try readRoles(document["roles"], palette: palette, fallback: fallback)
    return Theme(name: name, summary: summary, roles: roles)
  }

  private func parseTOML() throws(ThemeError) -> TOMLTable {
    do {
      return try TOMLTable(string: text)
    } catch let syntaxError as TOMLParseError {
      throw ThemeError(file: file, line: syntaxError.source.begin.line, message: "TOML syntax: \(syntaxError.description)")
    } catch {
      throw ThemeError(file: file, message: "TOML syntax: \(error)")
    }
  }

  // MARK: - Palette

  /// `[palette]` names the theme's colours once so that roles can say `fg = "accent"`.
  private func readPalette(_ value: (any TOMLValueConvertible)?) throws(ThemeError) -> [String: ColorSpec] {
    guard let value else { return [:] }
    guard let table = value.table else {
      throw problem(at: ["palette"], "palette must be a table of colour names, like [palette] accent = \"#5fafff\"")
    }
    var palette: [String: ColorSpec] = [:]
    for name in inSourceOrder(table.keys, under: ["palette"]) {
      if ColorSpec.namedColors[name.lowercased()] != nil {
        throw problem(at: ["palette", name], "palette entry \"\(name)\" would hide the colour name \"\(name)\"; pick another name")
      }
      palette[name] = try color(table[name], key: "palette entry \"\(name)\"", at: ["palette", name], palette: [:], role: nil)
    }
    return palette
  }

  // MARK: - Roles

  private func readRoles(
    _ value: (any TOMLValueConvertible)?, palette: [String: ColorSpec], fallback: Theme
  ) throws(ThemeError) -> [StyleRole: RoleStyle] {
    guard let value else { return fallback.roles }
    guard let table = value.table else {
      throw problem(at: ["roles"], "roles must be tables, like [roles.\"list.selected\"]")
    }
    var written: [(role: StyleRole, table: TOMLTable)] = []
    for key in inSourceOrder(table.keys, under: ["roles"]) {
      guard let role = StyleRole(rawValue: key) else {
        throw problem(at: ["roles", key], role: key, "unknown role\(Self.suggestion(forUnknownRole: key))")
      }
      guard let roleTable = table[key]?.table else {
        throw problem(at: ["roles", key], role: key, "must be a table, like [roles.\"\(key)\"] fg = \"#ffffff\"")
      }
      written.append((role, roleTable))
    }

    // Other roles take text.normal's colours when they leave theirs out, so it is read first.
    var roles = fallback.roles
    var normal = fallback.roles[.textNormal] ?? .plain
    if let written = written.first(where: { $0.role == .textNormal }) {
      normal = try readRole(.textNormal, written.table, palette: palette, screen: .plain)
    }
    roles[.textNormal] = normal
    for entry in written where entry.role != .textNormal {
      roles[entry.role] = try readRole(entry.role, entry.table, palette: palette, screen: normal)
    }
    return roles
  }

  /// - Parameter screen: text.normal's style, whose colours are the screen's; a role inherits them.
  private func readRole(
    _ role: StyleRole, _ table: TOMLTable, palette: [String: ColorSpec], screen: RoleStyle
  ) throws(ThemeError) -> RoleStyle {
    let path = ["roles", role.rawValue]
    for key in inSourceOrder(table.keys, under: path) where !Self.roleKeys.contains(key) {
      throw problem(
        at: path + [key], role: role.rawValue,
        "unknown key \"\(key)\" (a role has \(Self.roleKeys.joined(separator: ", ")))")
    }
    let foreground = try channel("fg", of: role, in: table, palette: palette, inheriting: screen.foreground)
    let background = try channel("bg", of: role, in: table, palette: palette, inheriting: screen.background)
    let attributes = try attributes(table["attrs"], key: "attrs", of: role) ?? []
    // Without colours, a role drawn on its own background would vanish into the text around it; reverse video keeps
    // it visible. text.normal's background is the screen itself, so it never counts.
    let standsOnItsOwnBackground = role != .textNormal && background.base != screen.background.base
    let monochromeAttributes =
      try self.attributes(table["mono"], key: "mono", of: role)
      ?? attributes.union(standsOnItsOwnBackground ? .reverse : [])
    return RoleStyle(
      foreground: foreground, background: background, attributes: attributes, monochromeAttributes: monochromeAttributes)
  }

  /// Reads `fg` (or `bg`) and its tier overrides. A new base colour drops the inherited overrides: they were
  /// chosen for another colour.
  private func channel(
    _ prefix: String, of role: StyleRole, in table: TOMLTable, palette: [String: ColorSpec], inheriting inherited: ColorChannel
  ) throws(ThemeError) -> ColorChannel {
    let path = ["roles", role.rawValue]
    var channel = inherited
    if let base = table[prefix] {
      channel = ColorChannel(
        base: try color(base, key: prefix, at: path + [prefix], palette: palette, role: role))
    }
    for (suffix, colorCount) in [("256", 256), ("16", 16), ("8", 8)] {
      let key = prefix + suffix
      guard let value = table[key] else { continue }
      let override = try color(value, key: key, at: path + [key], palette: palette, role: role, colorCount: colorCount)
      switch colorCount {
      case 256: channel.override256 = override
      case 16: channel.override16 = override
      default: channel.override8 = override
      }
    }
    return channel
  }

  // MARK: - Values

  private static let colorHint = "use #rrggbb, 0-255 or a colour name"

  /// - Parameter colorCount: for a tier override, the palette size of that tier; indices beyond it are refused
  ///   rather than quietly fitted, because the author evidently meant something else.
  private func color(
    _ value: (any TOMLValueConvertible)?, key: String, at path: [String], palette: [String: ColorSpec], role: StyleRole?,
    colorCount: Int = 256
  ) throws(ThemeError) -> ColorSpec {
    let spec: ColorSpec
    let written: String
    if let text = value?.string {
      written = "\"\(text)\""
      guard let parsed = ColorSpec(text: text, palette: palette) else {
        throw problem(at: path, role: role?.rawValue, "\(key) \(written) is not a colour (\(Self.colorHint))")
      }
      spec = parsed
    } else if let number = value?.int {
      written = "\(number)"
      guard let parsed = ColorSpec(index: number) else {
        throw problem(at: path, role: role?.rawValue, "\(key) \(written) is not a colour (use 0-255)")
      }
      spec = parsed
    } else {
      throw problem(
        at: path, role: role?.rawValue, "\(key) must be a colour: \"#rrggbb\", a number 0-255, a colour name or \"default\"")
    }
    if case .indexed(let index) = spec, index >= colorCount {
      let allowedNames = colorCount == 8 ? "black … white" : "a colour name"
      throw problem(
        at: path, role: role?.rawValue,
        "\(key) \(written) does not exist with \(colorCount) colours (use 0-\(colorCount - 1), \(allowedNames), #rrggbb or default)")
    }
    return spec
  }

  private func attributes(
    _ value: (any TOMLValueConvertible)?, key: String, of role: StyleRole
  ) throws(ThemeError) -> TextAttributes? {
    guard let value else { return nil }
    let path = ["roles", role.rawValue, key]
    let names = TextAttributes.namesInThemeFiles.map(\.name)
    let hint = "use \(names.joined(separator: ", "))"
    guard let array = value.array else {
      throw problem(at: path, role: role.rawValue, "\(key) must be a list of attributes, like [\"bold\"] (\(hint))")
    }
    var attributes: TextAttributes = []
    for element in array {
      guard let name = element.string else {
        throw problem(at: path, role: role.rawValue, "\(key) must be a list of attributes, like [\"bold\"] (\(hint))")
      }
      guard let attribute = TextAttributes.namesInThemeFiles.first(where: { $0.name == name.lowercased() })?.attribute else {
        throw problem(at: path, role: role.rawValue, "\(key): \"\(name)\" is not an attribute (\(hint))")
      }
      attributes.insert(attribute)
    }
    return attributes
  }

  private func string(_ value: (any TOMLValueConvertible)?, at path: [String]) throws(ThemeError) -> String? {
    guard let value else { return nil }
    guard let text = value.string else { throw problem(at: path, "\(path.joined(separator: ".")) must be a string") }
    return text
  }

  // MARK: - Reporting

  /// The first problem a user meets reading top to bottom is the one reported, so keys are visited in file order.
  private func inSourceOrder(_ keys: [String], under path: [String]) -> [String] {
    keys.sorted { first, second in
      let firstLine = keyLines.line(of: path + [first]) ?? .max
      let secondLine = keyLines.line(of: path + [second]) ?? .max
      return firstLine != secondLine ? firstLine < secondLine : first < second
    }
  }

  private func problem(at path: [String], role: String? = nil, _ message: String) -> ThemeError {
    ThemeError(file: file, line: keyLines.closestLine(of: path), role: role, message: message)
  }

  private static func suggestion(forUnknownRole name: String) -> String {
    let closest = StyleRole.allCases
      .map { (role: $0.rawValue, distance: editDistance($0.rawValue, name.lowercased())) }
      .min { $0.distance < $1.distance }
    if let closest, closest.distance <= 3 { return " (did you mean \"\(closest.role)\"?)" }
    return " (the roles are listed in themes/README.md)"
  }

  /// Levenshtein distance, small strings only.
  private static func editDistance(_ first: String, _ second: String) -> Int {
    let first = Array(first)
    let second = Array(second)
    var previous = Array(0...second.count)
    for (firstIndex, firstCharacter) in first.enumerated() {
      var current = [firstIndex + 1] + Array(repeating: 0, count: second.count)
      for (secondIndex, secondCharacter) in second.enumerated() {
        let substitution = previous[secondIndex] + (firstCharacter == secondCharacter ? 0 : 1)
        current[secondIndex + 1] = min(substitution, previous[secondIndex + 1] + 1, current[secondIndex] + 1)
      }
      previous = current
    }
    return previous[second.count]
  }
}
