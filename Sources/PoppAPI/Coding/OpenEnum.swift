/// A wire enum that survives values this build has never heard of.
///
/// Popp may add statuses at any time; a console that crashed or hid a conversation
/// because of a new status would fail recruiters at the worst moment. Every enum of the
/// contract therefore keeps an `unknown(String)` case that round-trips the raw value.
public protocol OpenEnum: Codable, Hashable, Sendable, CustomStringConvertible {
  /// The value as written on the wire.
  var rawValue: String { get }
  /// Every value this build knows, in the contract's order.
  static var knownCases: [Self] { get }
  static func unknown(_ raw: String) -> Self
}

extension OpenEnum {
  /// Inlinable so that each enum gets its own copy, without the generic dispatch per case
  /// compared: the sandbox's simulation reads a status this way several times a turn.
  @inlinable
  public init(rawValue: String) {
    self = Self.knownCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
  }

  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public var isKnown: Bool { Self.knownCases.contains(self) }

  public var description: String { rawValue }

  /// The known values joined for an error message, e.g. "WHATSAPP, SMS or EMAIL".
  public static var knownValuesList: String {
    let names = knownCases.map(\.rawValue)
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}
