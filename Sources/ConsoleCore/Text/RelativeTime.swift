public import Foundation

/// "3 s ago", "5 min ago", "2 h ago", "4 d ago": how recruiters read activity at a glance.
public enum RelativeTime {
  /// "3 min ago", "just now" (a date ahead of the clock), "—" for none.
  public static func describe(_ date: Date?, now: Date = Date()) -> String {
    guard let date else { return "—" }
    guard let age = age(date, now: now) else { return "just now" }
    return age + " ago"
  }

  /// The age alone, as a list column shows it: "3 min", "2 d"; "—" for none, "just now" ahead of the clock.
  public static func shortDescribe(_ date: Date?, now: Date = Date()) -> String {
    guard let date else { return "—" }
    return age(date, now: now) ?? "just now"
  }

  private static func age(_ date: Date, now: Date) -> String? {
    let seconds = Int(now.timeIntervalSince(date).rounded(.down))
    if seconds < 0 { return nil }
    switch seconds {
    case 0..<60: return "\(seconds) s"
    case 60..<3600: return "\(seconds / 60) min"
    case 3600..<86_400: return "\(seconds / 3600) h"
    default: return "\(seconds / 86_400) d"
    }
  }
}
