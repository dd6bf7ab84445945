extension KeyedDecodingContainer {
  /// Decodes a field the server should always send, falling back when it does not:
  /// an absent or null field must not make a whole resource disappear from the console.
  func decode<Value: Decodable>(_ key: Key, default fallback: Value) throws -> Value {
    try decodeIfPresent(Value.self, forKey: key) ?? fallback
  }
}
