/// Phone and email rules shared by the client's forms, the CSV importer and the sandbox.
public enum ContactRules {
  /// E.164: a plus, a non-zero country digit, 7 to 15 digits in all.
  public static func isE164(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 8, bytes.count <= 16, bytes[0] == UInt8(ascii: "+") else { return false }
    guard bytes[1] != UInt8(ascii: "0") else { return false }
    return bytes.dropFirst().allSatisfy { (48...57).contains($0) }
  }

  /// A deliberately plain check: one `@`, a local part, a dotted domain, no spaces.
  public static func isEmailAddress(_ text: String) -> Bool {
    guard text.utf8.count <= 254, !text.contains(where: \.isWhitespace) else { return false }
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
  }

  /// The longest opening message the contract accepts, in characters.
  public static let openingMessageLimit = 600
}

extension String {
  /// True when the string holds nothing but whitespace.
  var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension Optional where Wrapped == String {
  /// True when the value is absent or holds nothing but whitespace.
  var isBlank: Bool { self?.isBlank ?? true }
}
