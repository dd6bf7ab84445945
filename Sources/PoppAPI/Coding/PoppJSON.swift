public import Foundation

/// The JSON coders every side of the contract shares: the client, the sandbox and the CLI.
public enum PoppJSON {
  public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(Timestamp.format(date))
    }
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
    return encoder
  }

  public static func makeDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = Timestamp.parse(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "expected an ISO 8601 timestamp, got \"\(text)\"")
      }
      return date
    }
    return decoder
  }

  /// Decodes an answer of the API, reading a lone surrogate escape as U+FFFD rather than
  /// refusing the whole body (see `LoneSurrogates`).
  public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
    let decoder = makeDecoder()
    do {
      return try decoder.decode(type, from: data)
    } catch DecodingError.dataCorrupted(let context) {
      guard let repaired = LoneSurrogates.repaired(data) else { throw DecodingError.dataCorrupted(context) }
      return try decoder.decode(type, from: repaired)
    }
  }

  /// A human-readable account of why decoding failed, naming the field path.
  public static func describe(_ error: any Error) -> String {
    guard let decodingError = error as? DecodingError else { return "\(error)" }
    func path(_ codingPath: [any CodingKey]) -> String {
      let names = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
      return names.reduce(into: "") { result, name in
        result += (name.hasPrefix("[") || result.isEmpty) ? name : "." + name
      }
    }
    switch decodingError {
    case .typeMismatch(let type, let context):
      let field = path(context.codingPath)
      return "\(field.isEmpty ? "body" : field) has the wrong type (expected \(describe(type)))"
    case .valueNotFound(let type, let context):
      let field = path(context.codingPath)
      return "\(field.isEmpty ? "body" : field) is null (expected \(describe(type)))"
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath + [key])) is required"
    case .dataCorrupted(let context):
      let field = path(context.codingPath)
      return field.isEmpty ? "body is not valid JSON" : "\(field): \(context.debugDescription)"
    @unknown default:
      return "\(decodingError)"
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Int.Type, is Double.Type: "a number"
    default:
      String(describing: type).hasPrefix("Array") ? "an array" : "an object"
    }
  }
}
