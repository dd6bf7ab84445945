extension PhoneNumberNormalizer {
  /// The number as written: its digits (ASCII), whether it led with `+`, and where a `(0)`
  /// stood.
  struct Written: Hashable {
    var digits: [UInt8] = []
    var plus = false
    /// The index in `digits` of a parenthesised lone 0, as in `+44 (0)20`.
    var optionalZero: Int?
  }

  struct Problem: Error {
    var reason: String
  }

  static let separators: Set<Unicode.Scalar> = [
    ".", "-", "/", "(", ")", "[", "]",
    "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{30FC}",
    "\u{FF0E}", "\u{FF0D}", "\u{FF0F}", "\u{FF08}", "\u{FF09}", "\u{FF3B}", "\u{FF3D}",
  ]
  static let openers: Set<Unicode.Scalar> = ["(", "\u{FF08}"]
  static let closers: Set<Unicode.Scalar> = [")", "\u{FF09}"]
  static let pluses: Set<Unicode.Scalar> = ["+", "\u{FF0B}"]

  /// The ASCII digit of any decimal digit (`7`, `７`, `٧`, `७`).
  static func digit(_ scalar: Unicode.Scalar) -> UInt8? {
    guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
      value >= 0, value <= 9
    else { return nil }
    return UInt8(ascii: "0") + UInt8(value)
  }

  static func read(_ text: String) -> Result<Written, Problem> {
    var rest = Substring(text.trimmingWhitespace)
    if rest.isEmpty { return .failure(Problem(reason: "is empty")) }
    if rest.lowercased().hasPrefix("tel:") { rest = rest.dropFirst(4) }
    if rest.contains("@") { return .failure(Problem(reason: "looks like an email address, not a phone number")) }
    if let extensionProblem = extensionProblem(in: rest) { return .failure(extensionProblem) }

    var written = Written()
    var openedAt: Int?
    var letters = ""
    for scalar in rest.unicodeScalars {
      if let digit = digit(scalar) {
        written.digits.append(digit)
      } else if pluses.contains(scalar) {
        if written.plus || !written.digits.isEmpty {
          return .failure(Problem(reason: "has a + that is not at the start"))
        }
        written.plus = true
      } else if scalar.properties.isWhitespace || separators.contains(scalar) {
        if openers.contains(scalar) {
          openedAt = written.digits.count
        } else if closers.contains(scalar), let start = openedAt {
          if written.digits.count == start + 1, written.digits[start] == UInt8(ascii: "0"), start > 0 || written.plus {
            written.optionalZero = start
          }
          openedAt = nil
        }
      } else if scalar.properties.isAlphabetic {
        if letters.unicodeScalars.count < 12 { letters.unicodeScalars.append(scalar) }
      } else {
        return .failure(Problem(reason: "contains \"\(scalar.escaped(asASCII: false))\", which is not part of a phone number"))
      }
    }
    if !letters.isEmpty {
      return .failure(Problem(reason: "contains letters (\"\(letters)\"): write the number in digits"))
    }
    if written.digits.isEmpty { return .failure(Problem(reason: "has no digits")) }
    return .success(written)
  }

  /// `x123`, `ext. 12`, `extension 4`, `#12`, `;ext=12` after the number.
  static func extensionProblem(in text: Substring) -> Problem? {
    guard
      let start = text.firstIndex(where: { $0.isLetter || $0 == "#" || $0 == ";" }),
      text[..<start].unicodeScalars.contains(where: { digit($0) != nil })
    else { return nil }
    let tail = text[start...].lowercased()
    for marker in [";ext=", "extension", "extn", "ext", "x", "#"] where tail.hasPrefix(marker) {
      let number = tail.dropFirst(marker.count).drop { $0 == "." || $0 == ":" || $0 == "," || $0.isWhitespace }
      if !number.isEmpty, number.unicodeScalars.allSatisfy({ digit($0) != nil }) {
        let shown = String(text[start...]).trimmingWhitespace
        return Problem(
          reason: "has an extension (\"\(shown)\"), which E.164 numbers cannot carry: remove it and give the extension another way")
      }
    }
    return nil
  }
}

extension StringProtocol {
  fileprivate var trimmingWhitespace: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}
