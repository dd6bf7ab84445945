import Foundation
import Synchronization

/// The sandbox's notion of now, in milliseconds since 1970.
///
/// It runs `speed` times faster than the wall clock; at speed 0 it stands still and only
/// `advance(by:)` (the control surface) moves it, which is what makes tests deterministic.
final class SimulationClock: Sendable {
  private struct Anchor {
    var simulated: Int64
    var real: Double
  }

  let speed: Double
  private let anchor: Mutex<Anchor>

  init(speed: Double, start: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) {
    self.speed = speed
    self.anchor = Mutex(Anchor(simulated: start, real: ProcessInfo.processInfo.systemUptime))
  }

  var nowMilliseconds: Int64 {
    anchor.withLock { anchor in
      anchor.simulated + Int64((ProcessInfo.processInfo.systemUptime - anchor.real) * speed * 1000)
    }
  }

  var now: Date { Date(milliseconds: nowMilliseconds) }

  @discardableResult
  func advance(by seconds: Double) -> Int64 {
    anchor.withLock { anchor in
      anchor.simulated += Int64(seconds * 1000)
      return anchor.simulated + Int64((ProcessInfo.processInfo.systemUptime - anchor.real) * speed * 1000)
    }
  }

  /// Moves the clock forward to `milliseconds` if it is behind (a restored database may have
  /// run ahead of the wall clock at a high speed).
  func catchUp(to milliseconds: Int64) {
    let now = nowMilliseconds
    if milliseconds > now { advance(by: Double(milliseconds - now) / 1000) }
  }
}

extension Date {
  init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
  var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
}
