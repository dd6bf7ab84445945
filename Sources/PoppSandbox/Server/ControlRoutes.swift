import Foundation
import Hummingbird
import PoppAPI

/// `/sandbox/...`: the control surface for tests, benchmarks and trainers. Not Popp's API.
struct ControlRoutes {
  let store: SandboxStore
  let faults: FaultState
  let stats: RequestStats

  struct CandidateMessageBody: Codable { var body: String? }
  struct FlagBody: Codable { var reason: String? }
  struct AdvanceBody: Codable { var seconds: Double? }
  struct Now: Codable { var now: Date }

  func register(on group: RouterGroup<SandboxContext>) {
    group.post("conversations/:id/candidate-messages") { request, context in
      var request = request
      let body = try await request.decodeJSON(CandidateMessageBody.self, context: context)
      guard let text = body.body, !text.isEmpty else { throw APIError.badRequest("body is required") }
      let message = try await store.injectCandidateMessage(
        organizationId: context.organizationId, conversationId: try context.require("id"), body: text)
      return try JSONResponse.make(message, status: .created)
    }
    group.post("conversations/:id/flag") { request, context in
      var request = request
      let body = try await request.decodeJSON(FlagBody.self, context: context)
      guard let reason = body.reason, !reason.isEmpty else { throw APIError.badRequest("reason is required") }
      return try JSONResponse.make(
        try await store.flag(organizationId: context.organizationId, conversationId: try context.require("id"), reason: reason))
    }
    group.post("clock/advance") { request, context in
      var request = request
      let body = try await request.decodeJSON(AdvanceBody.self, context: context)
      guard let seconds = body.seconds, seconds >= 0, seconds <= 366 * 86_400 else {
        throw APIError.badRequest("seconds must be a number from 0 to 31622400")
      }
      return try JSONResponse.make(Now(now: try await store.advanceClock(seconds: seconds)))
    }
    group.put("faults") { request, context in
      var request = request
      let settings = try await request.decodeJSON(FaultSettings.self, context: context)
      if let problem = settings.validationError() { throw APIError.badRequest(problem) }
      faults.set(settings)
      return try JSONResponse.make(settings)
    }
    group.get("faults") { _, _ in try JSONResponse.make(faults.settings) }
    group.delete("faults") { _, _ in
      faults.set(.none)
      return Response(status: .noContent)
    }
    group.get("stats") { _, _ in try JSONResponse.make(stats.snapshot) }
    group.delete("stats") { _, _ in
      stats.reset()
      return Response(status: .noContent)
    }
  }
}
