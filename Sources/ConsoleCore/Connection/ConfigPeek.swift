import TOMLKit

/// Reads single top-level values of the config file until the full configuration (profiles,
/// intervals, credentials) lands; a file that does not parse yields nothing here, and the
/// keymap loader reports its syntax error with the line.
public enum ConfigPeek {
  public static func string(_ key: String, in text: String) -> String? {
    guard let table = try? TOMLTable(string: text) else { return nil }
    return table[key]?.string
  }
}
