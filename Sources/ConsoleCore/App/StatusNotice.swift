public import Foundation

/// One message the status bar showed (a flag's name, a sent reply, a refusal): shown for `lifetime` unless a key
/// clears it first, never over the freshness banner, and kept for `:messages`.
public struct StatusNotice: Sendable, Hashable {
  public var text: String
  public var at: Date

  public init(text: String, at: Date) {
    self.text = text
    self.at = at
  }

  /// Long enough to read a sentence, short enough that an old notice never stands in for what is true now.
  public static let lifetime: TimeInterval = 5
  /// How many `:messages` keeps, oldest dropped first.
  public static let historyLimit = 100

  public func isShown(at now: Date) -> Bool { now.timeIntervalSince(at) < Self.lifetime }
}
