import Foundation

/// When messages flagged `shouldSendDuringBusinessHours` go out: 09:00 to 17:00 on weekdays,
/// in the candidate's time zone guessed from the phone number's country code (UTC otherwise).
enum BusinessHours {
  static let openingHour = 9
  static let closingHour = 17

  /// Rough offsets from UTC, in minutes, for common country codes.
  private static let offsets: [(prefix: String, minutes: Int)] = [
    ("+971", 240), ("+966", 180), ("+91", 330), ("+86", 480), ("+81", 540), ("+82", 540),
    ("+61", 600), ("+55", -180), ("+52", -360), ("+44", 0), ("+353", 0), ("+33", 60),
    ("+34", 60), ("+39", 60), ("+49", 60), ("+31", 60), ("+48", 60), ("+20", 120),
    ("+27", 120), ("+234", 60), ("+1", -300),
  ]

  static func offsetMinutes(phoneNumber: String?) -> Int {
    guard let phone = phoneNumber else { return 0 }
    return offsets.filter { phone.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.minutes ?? 0
  }

  static func nextOpening(after time: Int64, phoneNumber: String?) -> Int64 {
    let offset = Int64(offsetMinutes(phoneNumber: phoneNumber)) * 60_000
    var local = time + offset
    let day: Int64 = 86_400_000
    for _ in 0..<8 {
      let dayStart = local - ((local % day) + day) % day
      // 1970-01-01 was a Thursday: weekday 0 = Thursday.
      let weekday = ((dayStart / day) % 7 + 7) % 7
      let isWeekend = weekday == 2 || weekday == 3
      let open = dayStart + Int64(openingHour) * 3_600_000
      let close = dayStart + Int64(closingHour) * 3_600_000
      if !isWeekend {
        if local < open { return open - offset }
        if local < close { return local - offset }
      }
      local = dayStart + day
    }
    return time
  }
}
