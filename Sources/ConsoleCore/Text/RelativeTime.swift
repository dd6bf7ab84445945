public import Foundation

/// "3 s ago", "5 min ago", "2 h ago", "4 d ago": how recruiters read activity at a glance.
public enum RelativeTime {
  public static func describe(_ date: Date?, now: Date = Date()) -> String {
    guard let date else { return "—" }
    let seconds = Int(now.timeIntervalSince(date).rounded(.down))
    if seconds < 0 { return "just now" }
    switch seconds {
    case 0..<60: return "\(seconds) s ago"
    case 60..<3600: return "\(seconds / 60) min ago"
    case 3600..<86_400: return "\(seconds / 3600) h ago"
    default: return "\(seconds / 86_400) d ago"
    }
  }
}
