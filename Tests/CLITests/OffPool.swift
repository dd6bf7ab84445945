import Foundation

/// Runs a test's blocking work (child processes, tmux, waits for the screen) on a thread of
/// its own. Swift Testing runs tests on the concurrency pool, which has as many threads as
/// cores (two here): a test blocked for seconds in `waitUntilExit` or `Thread.sleep` held one
/// of them, and async tests elsewhere in the run (pollers, timers) starved for as long.
///
/// The work stays in the test's own task (through a task executor preference), so that
/// `#expect` and `#require` still know which test they belong to.
func offPool(_ body: () throws -> Void) async throws {
  let executor = DedicatedThreadExecutor()
  defer { executor.shutdown() }
  try await withTaskExecutorPreference(executor) { try body() }
}

/// `offPool` for a body that also awaits: its blocking calls run on the dedicated thread too.
func offPoolAwaiting(_ body: () async throws -> Void) async throws {
  let executor = DedicatedThreadExecutor()
  defer { executor.shutdown() }
  try await withTaskExecutorPreference(executor) { try await body() }
}

/// A task executor with one thread of its own, alive until `shutdown`.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var finished = false

  init() {
    let thread = Thread { [self] in loop() }
    thread.name = "test-blocking-work"
    thread.stackSize = 4 << 20
    thread.start()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  func shutdown() {
    condition.lock()
    finished = true
    condition.signal()
    condition.unlock()
  }

  private func loop() {
    while true {
      condition.lock()
      while jobs.isEmpty && !finished { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}
