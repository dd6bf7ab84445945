public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A config file holding an API key must be readable by its owner only: on a shared jump box
/// anyone else could read the key otherwise.
public enum ConfigFileSecurity {
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var mode: mode_t

    public var description: String {
      "\(path) holds an API key and can be read by \(Self.readers(mode)) (mode \(String(mode & 0o777, radix: 8))): run `chmod 600 \(path)`, or move the key to api-key-command"
    }

    static func readers(_ mode: mode_t) -> String {
      switch (mode & 0o040 != 0, mode & 0o004 != 0) {
      case (true, true): "its group and every other user"
      case (true, false): "its group"
      default: "every other user"
      }
    }
  }

  /// The file's permission bits, or nil when it cannot be read.
  public static func mode(of path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode
  }

  /// Refuses a file that holds a key and is group- or world-readable.
  public static func check(_ path: String, holdsAPIKey: Bool) throws(Refusal) {
    guard holdsAPIKey, let mode = mode(of: path), mode & 0o044 != 0 else { return }
    throw Refusal(path: path, mode: mode)
  }
}
