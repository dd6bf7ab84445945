import Foundation

/// A pattern of libphonenumber's metadata over ASCII digits, compiled the first time it is
/// used: a launch meets a few countries, so most of the table is never compiled.
final class PhonePattern: @unchecked Sendable {
  let source: String
  /// The digit strings of a pattern that is nothing else (`00`, `0`, `658|876`), matched
  /// without a regular expression: most prefixes are such.
  private let literals: [String]?
  // Guards the two compiled forms; NSRegularExpression itself may be shared once built.
  private let lock = NSLock()
  private var wholeForm: NSRegularExpression?
  private var startForm: NSRegularExpression?

  init(_ source: String) {
    self.source = source
    let alternatives = source.split(separator: "|", omittingEmptySubsequences: false)
    literals =
      alternatives.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }
      ? alternatives.map(String.init) : nil
  }

  /// What matched at the start of the digits: how many, and each group's digits (`nil` for a
  /// group that took no part).
  struct Match {
    var length: Int
    var groups: [String?]
  }

  /// Whether the pattern matches all of `digits` (libphonenumber's full match).
  func matchesWhole(_ digits: String) -> Bool {
    if let literals { return literals.contains(digits) }
    return compiled(\.wholeForm, "(?:" + source + ")$").firstMatch(in: digits, options: .anchored, range: Self.range(digits)) != nil
  }

  /// The match at the start of `digits`, as Python's `re.match` finds it.
  func matchAtStart(_ digits: String) -> Match? {
    if let literals {
      // Like the regular expression, the first alternative that matches wins.
      return literals.first { digits.hasPrefix($0) }.map { Match(length: $0.utf8.count, groups: []) }
    }
    guard let match = compiled(\.startForm, source).firstMatch(in: digits, options: .anchored, range: Self.range(digits)) else {
      return nil
    }
    let bytes = Array(digits.utf8)
    let groups = (1..<max(match.numberOfRanges, 1)).map { index -> String? in
      let range = match.range(at: index)
      guard range.location != NSNotFound else { return nil }
      return String(decoding: bytes[range.location..<range.location + range.length], as: UTF8.self)
    }
    return Match(length: match.range.length, groups: groups)
  }

  private func compiled(_ form: ReferenceWritableKeyPath<PhonePattern, NSRegularExpression?>, _ text: String) -> NSRegularExpression {
    lock.lock()
    defer { lock.unlock() }
    if let regex = self[keyPath: form] { return regex }
    // The table is generated and its patterns are checked by the tests: a pattern that does
    // not compile is a defect of the generator, not of the input.
    let regex = try! NSRegularExpression(pattern: text)
    self[keyPath: form] = regex
    return regex
  }

  private static func range(_ digits: String) -> NSRange {
    NSRange(location: 0, length: digits.utf16.count)
  }
}
