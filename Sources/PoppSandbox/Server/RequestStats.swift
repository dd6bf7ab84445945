import Synchronization

/// Request counters of the `/v1` API, read and reset through the control surface. Tests and
/// benchmarks use them to prove how often a client polls.
final class RequestStats: Sendable {
  struct Snapshot: Codable, Sendable {
    var totalRequests: Int
    var bytesSent: Int
    var requests: [String: Int]
    /// The most requests of each route in progress at once (ours: proves a client never
    /// overlaps its polls).
    var peakInFlight: [String: Int]
  }

  private struct Counters {
    var snapshot = Snapshot(totalRequests: 0, bytesSent: 0, requests: [:], peakInFlight: [:])
    var inFlight: [String: Int] = [:]
  }

  private let counters = Mutex(Counters())

  func begin(_ key: String) {
    counters.withLock { counters in
      counters.inFlight[key, default: 0] += 1
      counters.snapshot.peakInFlight[key] = max(counters.snapshot.peakInFlight[key] ?? 0, counters.inFlight[key]!)
    }
  }

  func record(_ key: String, bytes: Int) {
    counters.withLock { counters in
      counters.inFlight[key, default: 1] -= 1
      counters.snapshot.totalRequests += 1
      counters.snapshot.bytesSent += bytes
      counters.snapshot.requests[key, default: 0] += 1
    }
  }

  var snapshot: Snapshot { counters.withLock { $0.snapshot } }

  /// Counters start again from zero; requests in progress still count as in flight.
  func reset() {
    counters.withLock { counters in
      counters.snapshot = Snapshot(totalRequests: 0, bytesSent: 0, requests: [:], peakInFlight: counters.inFlight.filter { $0.value > 0 })
    }
  }

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
