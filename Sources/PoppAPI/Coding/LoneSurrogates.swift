import Foundation

/// JSON text may escape a lone UTF-16 surrogate (`"\udc80"`; JavaScript's `JSON.stringify` writes
/// one for a broken emoji), but Foundation's `JSONDecoder` refuses the whole body for it. One
/// candidate's damaged message would then make their thread unreadable, and in a name every list
/// poll fail. Such escapes are turned into U+FFFD, as a decoder reading invalid UTF-8 would.
enum LoneSurrogates {
  /// The body with each unpaired `\uD800`–`\uDFFF` escape replaced by `\uFFFD`, or nil when it has none.
  static func repaired(_ data: Data) -> Data? {
    let bytes = [UInt8](data)
    var output: [UInt8] = []
    var copiedUpTo = 0
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
        index += 1
        continue
      }
      // Outside strings JSON has no backslash, so every backslash starts an escape of two bytes or six.
      guard bytes[index + 1] == UInt8(ascii: "u"), let unit = codeUnit(bytes, at: index) else {
        index += 2
        continue
      }
      if (0xD800...0xDBFF).contains(unit), let next = codeUnit(bytes, at: index + 6), (0xDC00...0xDFFF).contains(next) {
        index += 12
        continue
      }
      if (0xD800...0xDFFF).contains(unit) {
        output.append(contentsOf: bytes[copiedUpTo..<index])
        output.append(contentsOf: Array(#"\ufffd"#.utf8))
        copiedUpTo = index + 6
      }
      index += 6
    }
    guard copiedUpTo > 0 else { return nil }
    output.append(contentsOf: bytes[copiedUpTo...])
    return Data(output)
  }

  /// The code unit of the `\uXXXX` escape starting at `index`, if there is one.
  private static func codeUnit(_ bytes: [UInt8], at index: Int) -> UInt16? {
    guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
      return nil
    }
    guard let text = String(bytes: bytes[(index + 2)..<(index + 6)], encoding: .ascii) else { return nil }
    return UInt16(text, radix: 16)
  }
}
