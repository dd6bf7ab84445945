import Synchronization

/// Request counters of the `/v1` API, read and reset through the control surface. Tests and
/// benchmarks use them to prove how often a client polls.
final class RequestStats: Sendable {
  struct Snapshot: Codable, Sendable {
    var totalRequests: Int
    var bytesSent: Int
    var requests: [String: Int]
  }

  private let counters = Mutex(Snapshot(totalRequests: 0, bytesSent: 0, requests: [:]))

  func record(_ key: String, bytes: Int) {
    counters.withLock { snapshot in
      snapshot.totalRequests += 1
      snapshot.bytesSent += bytes
      snapshot.requests[key, default: 0] += 1
    }
  }

  var snapshot: Snapshot { counters.withLock { $0 } }

  func reset() { counters.withLock { $0 = Snapshot(totalRequests: 0, bytesSent: 0, requests: [:]) } }

  /// `/v1/conversations/3f2c…/messages` → `/v1/conversations/{id}/messages`.
  static func routePattern(_ path: String) -> String {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var pattern: [String] = []
    for (index, part) in parts.enumerated() {
      let previous = index > 0 ? parts[index - 1] : ""
      if (previous == "campaigns" || previous == "conversations") && part != "bulk" {
        pattern.append("{id}")
      } else {
        pattern.append(part)
      }
    }
    return "/" + pattern.joined(separator: "/")
  }
}
