import Foundation
import Hummingbird
import PoppAPI

/// The `/v1` endpoints of the contract.
struct APIRoutes {
  let store: SandboxStore

  func register(on group: RouterGroup<SandboxContext>) {
    group.get("templates") { _, context in
      try JSONResponse.make(DataEnvelope(data: try await store.templates(organizationId: context.organizationId)))
    }
    group.get("agents") { _, context in
      try JSONResponse.make(DataEnvelope(data: try await store.agents(organizationId: context.organizationId)))
    }
    group.post("campaigns") { request, context in
      var request = request
      let body = try await request.decodeJSON(CampaignCreateRequest.self, context: context)
      return try JSONResponse.make(try await store.createCampaign(organizationId: context.organizationId, body), status: .created)
    }
    group.get("campaigns") { request, context in
      try JSONResponse.make(try await store.campaigns(organizationId: context.organizationId, query: request.queryDictionary))
    }
    group.get("campaigns/:id") { _, context in
      try JSONResponse.make(try await store.campaign(organizationId: context.organizationId, id: try context.require("id")))
    }
    group.patch("campaigns/:id") { request, context in
      var request = request
      let data = try await request.bodyData(context: context)
      let keys = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]).map { Set($0.keys) }
      guard let keys else { throw APIError.badRequest("body must be a JSON object") }
      if keys.contains("questions") { throw APIError.badRequest("questions cannot be changed after a campaign is created") }
      if keys.contains("campaignType") { throw APIError.badRequest("campaignType cannot be changed after a campaign is created") }
      let update: CampaignUpdateRequest
      do { update = try SandboxJSON.decoder.decode(CampaignUpdateRequest.self, from: data) } catch {
        throw APIError.badRequest(PoppJSON.describe(error))
      }
      return try JSONResponse.make(
        try await store.updateCampaign(organizationId: context.organizationId, id: try context.require("id"), update))
    }
    group.post("conversations") { request, context in
      var request = request
      let body = try await request.decodeJSON(ConversationCreateRequest.self, context: context)
      try await store.createConversation(organizationId: context.organizationId, body)
      return try JSONResponse.make(MessageResponse(message: "Conversation created"), status: .accepted)
    }
    group.post("conversations/bulk") { request, context in
      var request = request
      let body = try await request.decodeJSON(BulkConversationRequest.self, context: context)
      return try JSONResponse.make(try await store.createConversations(organizationId: context.organizationId, body), status: .accepted)
    }
    group.get("conversations") { request, context in
      try JSONResponse.make(try await store.conversations(organizationId: context.organizationId, query: request.queryDictionary))
    }
    group.get("conversations/:id") { _, context in
      try JSONResponse.make(try await store.conversation(organizationId: context.organizationId, id: try context.require("id")))
    }
    group.get("conversations/:id/messages") { request, context in
      try JSONResponse.make(
        try await store.messages(
          organizationId: context.organizationId, conversationId: try context.require("id"), query: request.queryDictionary))
    }
    group.post("conversations/:id/takeover") { _, context in
      try JSONResponse.make(try await store.takeOver(organizationId: context.organizationId, id: try context.require("id")))
    }
    group.post("conversations/:id/messages") { request, context in
      var request = request
      let body = try await request.decodeJSON(SendMessageRequest.self, context: context)
      return try JSONResponse.make(
        try await store.sendMessage(organizationId: context.organizationId, conversationId: try context.require("id"), body),
        status: .created)
    }
    group.post("conversations/:id/hand-to-agent") { _, context in
      try JSONResponse.make(try await store.handBack(organizationId: context.organizationId, id: try context.require("id")))
    }
  }
}
