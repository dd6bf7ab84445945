import Foundation
import PoppAPI
import Testing

@Suite struct RetryPolicyTests {
  let policy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 3, maxRetryAfter: 10)

  @Test func readsAreRetriedOnServerAndNetworkFailures() {
    #expect(policy.delay(after: .server(status: 503, message: ""), attempt: 1, idempotent: true, randomUnit: 0) != nil)
    #expect(policy.delay(after: .transport(.connectionLost("x")), attempt: 1, idempotent: true, randomUnit: 0) != nil)
    #expect(policy.delay(after: .invalidResponse("x"), attempt: 1, idempotent: true, randomUnit: 0) != nil)
  }

  @Test func writesAreNeverRetriedBlindly() {
    #expect(policy.delay(after: .server(status: 500, message: ""), attempt: 1, idempotent: false, randomUnit: 0) == nil)
    #expect(policy.delay(after: .transport(.connectionLost("x")), attempt: 1, idempotent: false, randomUnit: 0) == nil)
    #expect(policy.delay(after: .transport(.timedOut("x")), attempt: 1, idempotent: false, randomUnit: 0) == nil)
    #expect(policy.delay(after: .invalidResponse("x"), attempt: 1, idempotent: false, randomUnit: 0) == nil)
  }

  @Test func writesAreRetriedWhenTheServerCertainlyDidNotAct() {
    #expect(policy.delay(after: .transport(.cannotConnect("refused")), attempt: 1, idempotent: false, randomUnit: 0) != nil)
    #expect(policy.delay(after: .rateLimited(retryAfter: 2, message: ""), attempt: 1, idempotent: false, randomUnit: 0) == 2)
  }

  @Test func clientErrorsAreNotRetried() {
    for error in [PoppError.badRequest(""), .unauthorized(""), .notFound(""), .conflict(""), .payloadTooLarge("")] {
      #expect(policy.delay(after: error, attempt: 1, idempotent: true, randomUnit: 0) == nil)
    }
  }

  @Test func retryAfterBeyondTheCapIsLeftToTheCaller() {
    #expect(policy.delay(after: .rateLimited(retryAfter: 30, message: ""), attempt: 1, idempotent: true, randomUnit: 0) == nil)
  }

  @Test func backoffDoublesWithJitterAndIsCapped() {
    #expect(policy.backoff(attempt: 1, randomUnit: 0) == 0.5)
    #expect(policy.backoff(attempt: 1, randomUnit: 0.999) < 1)
    #expect(policy.backoff(attempt: 2, randomUnit: 0) == 1)
    #expect(policy.backoff(attempt: 3, randomUnit: 0) == 1.5, "capped at maxDelay 3")
    #expect(
      policy.delay(after: .server(status: 500, message: ""), attempt: 4, idempotent: true, randomUnit: 0) == nil, "attempts are bounded")
  }
}

@Suite struct ClientConfigurationTests {
  @Test(arguments: ["http://127.0.0.1:8080/v1", "http://localhost:9/v1", "http://[::1]:8080/v1", "https://api.joinpopp.com/v1"])
  func acceptsHttpsAndLoopback(_ url: String) throws {
    _ = try ClientConfiguration(baseURL: URL(string: url)!, organizationId: "o", apiKey: "k")
  }

  @Test(arguments: ["http://api.joinpopp.com/v1", "http://10.0.0.5/v1", "ftp://127.0.0.1/v1", "http://127.0.0.1.evil.com/v1"])
  func refusesPlainHttpToRemoteHosts(_ url: String) {
    #expect(throws: PoppError.self) { try ClientConfiguration(baseURL: URL(string: url)!, organizationId: "o", apiKey: "k") }
  }

  @Test func errorsNeverCarryTheKey() throws {
    do {
      _ = try ClientConfiguration(baseURL: URL(string: "http://example.com/v1")!, organizationId: "o", apiKey: "secret-key-123")
      Issue.record("expected a refusal")
    } catch {
      #expect(!"\(error)".contains("secret-key-123"))
    }
  }
}
