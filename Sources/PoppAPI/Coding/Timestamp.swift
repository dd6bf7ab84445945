public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ISO 8601 UTC timestamps with milliseconds, the contract's only date format
/// (`2026-05-08T11:26:37.920Z`).
///
/// Hand-written because `ISO8601DateFormatter` costs microseconds per call and a page of
/// conversations carries hundreds of dates; parsing also accepts no fraction, any number of
/// fraction digits and a numeric offset, since other servers write those.
public enum Timestamp {
  public static func format(_ date: Date) -> String {
    let millisecondsSinceEpoch = (date.timeIntervalSince1970 * 1000).rounded(.down)
    var seconds = time_t((millisecondsSinceEpoch / 1000).rounded(.down))
    let milliseconds = Int(millisecondsSinceEpoch - Double(seconds) * 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    var text = ""
    text.reserveCapacity(24)
    appendDigits(Int(parts.tm_year) + 1900, width: 4, to: &text)
    text.append("-")
    appendDigits(Int(parts.tm_mon) + 1, width: 2, to: &text)
    text.append("-")
    appendDigits(Int(parts.tm_mday), width: 2, to: &text)
    text.append("T")
    appendDigits(Int(parts.tm_hour), width: 2, to: &text)
    text.append(":")
    appendDigits(Int(parts.tm_min), width: 2, to: &text)
    text.append(":")
    appendDigits(Int(parts.tm_sec), width: 2, to: &text)
    text.append(".")
    appendDigits(milliseconds, width: 3, to: &text)
    text.append("Z")
    return text
  }

  public static func parse(_ text: String) -> Date? {
    var bytes = Array(text.utf8)[...]
    guard
      let year = takeNumber(&bytes, digits: 4), take(&bytes, "-"),
      let month = takeNumber(&bytes, digits: 2), take(&bytes, "-"),
      let day = takeNumber(&bytes, digits: 2), take(&bytes, "T") || take(&bytes, "t"),
      let hour = takeNumber(&bytes, digits: 2), take(&bytes, ":"),
      let minute = takeNumber(&bytes, digits: 2), take(&bytes, ":"),
      let second = takeNumber(&bytes, digits: 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var fraction = 0.0
    if take(&bytes, ".") {
      var scale = 0.1
      var sawDigit = false
      while let byte = bytes.first, (48...57).contains(byte) {
        fraction += Double(byte - 48) * scale
        scale /= 10
        sawDigit = true
        bytes.removeFirst()
      }
      guard sawDigit else { return nil }
    }
    var offsetSeconds = 0
    if take(&bytes, "Z") || take(&bytes, "z") {
    } else if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      bytes.removeFirst()
      guard let hours = takeNumber(&bytes, digits: 2) else { return nil }
      _ = take(&bytes, ":")
      guard let minutes = takeNumber(&bytes, digits: 2) else { return nil }
      offsetSeconds = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
    } else {
      return nil
    }
    guard bytes.isEmpty else { return nil }
    var parts = tm()
    parts.tm_year = Int32(year - 1900)
    parts.tm_mon = Int32(month - 1)
    parts.tm_mday = Int32(day)
    parts.tm_hour = Int32(hour)
    parts.tm_min = Int32(minute)
    parts.tm_sec = Int32(second)
    let seconds = Double(timegm(&parts)) - Double(offsetSeconds)
    return Date(timeIntervalSince1970: seconds + fraction)
  }

  private static func appendDigits(_ value: Int, width: Int, to text: inout String) {
    let digits = String(value)
    if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
    text.append(digits)
  }

  private static func takeNumber(_ bytes: inout ArraySlice<UInt8>, digits: Int) -> Int? {
    guard bytes.count >= digits else { return nil }
    var value = 0
    for _ in 0..<digits {
      let byte = bytes.removeFirst()
      guard (48...57).contains(byte) else { return nil }
      value = value * 10 + Int(byte - 48)
    }
    return value
  }

  private static func take(_ bytes: inout ArraySlice<UInt8>, _ character: Unicode.Scalar) -> Bool {
    guard bytes.first == UInt8(ascii: character) else { return false }
    bytes.removeFirst()
    return true
  }
}
