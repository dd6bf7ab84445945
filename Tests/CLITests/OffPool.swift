import Foundation

/// Runs a test's blocking work (child processes, tmux, waits for the screen) on a thread of
/// its own. Swift Testing runs tests on the concurrency pool, which has as many threads as
/// cores (two here): a test blocked for seconds in `waitUntilExit` or `Thread.sleep` held one
/// of them, and async tests elsewhere in the run (pollers, timers) starved for as long.
func offPool(_ body: @escaping @Sendable () throws -> Void) async throws {
  try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
    let thread = Thread {
      do {
        try body()
        continuation.resume()
      } catch {
        continuation.resume(throwing: error)
      }
    }
    thread.stackSize = 4 << 20
    thread.start()
  }
}
