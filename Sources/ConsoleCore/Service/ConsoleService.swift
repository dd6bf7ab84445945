import Foundation
public import PoppAPI

/// Carries out the state's effects against the API, away from the UI thread, and posts the
/// results to the mailbox. Loading happens once at start and on refresh; live polling builds on
/// this in the polling service.
public actor ConsoleService {
  private let client: any PoppClient
  private let mailbox: Mailbox<ServiceEvent>
  private var loading: Task<Void, Never>?

  public init(client: any PoppClient, mailbox: Mailbox<ServiceEvent>) {
    self.client = client
    self.mailbox = mailbox
  }

  /// Starts the work of `effects` without waiting for it.
  public nonisolated func start(_ effects: [Effect]) {
    for effect in effects where effect != .redraw {
      Task { await self.perform(effect) }
    }
  }

  public func perform(_ effect: Effect) async {
    switch effect {
    case .loadAll:
      // A refresh while one runs would only repeat it.
      if let loading { return await loading.value }
      let task = Task { await loadAll() }
      loading = task
      await task.value
      loading = nil
    case .loadMessages(let id):
      do {
        mailbox.post(
          .messagesLoaded(conversationId: id, messages: try await client.allMessages(conversationId: id, pageSize: 500).collect()))
      } catch {
        mailbox.post(.messagesFailed(conversationId: id, error: error.description))
      }
    case .takeOver(let id):
      await change(id, note: "Taken over: you are speaking for the company now.") { client in
        _ = try await client.takeOver(conversationId: id)
      }
    case .handBack(let id):
      await change(id, note: "Handed back: the agent is speaking again.") { client in
        _ = try await client.handBack(conversationId: id)
      }
    case .redraw:
      break
    }
  }

  private func loadAll() async {
    do {
      async let campaigns = client.allCampaigns(pageSize: 500).collect()
      async let templates = client.listTemplates()
      let conversations = try await client.allConversations(ConversationQuery(limit: 500)).collect()
      // `ServiceEvent.loaded(conversations:)` builds the index here, in the service's actor.
      mailbox.post(.loaded(campaigns: try await campaigns, conversations: conversations, templates: try await templates, at: Date()))
    } catch let error as PoppError {
      mailbox.post(.loadFailed(error.description))
    } catch {
      mailbox.post(.loadFailed("\(error)"))
    }
  }

  /// Runs one change, then re-reads the conversation so the screen shows what the server now says.
  private func change(_ id: String, note: String, _ body: @Sendable (any PoppClient) async throws -> Void) async {
    do {
      try await body(client)
      mailbox.post(.conversationChanged(try await client.conversation(id: id), note: note))
    } catch let error as PoppError {
      mailbox.post(.actionFailed(error.description))
    } catch {
      mailbox.post(.actionFailed("\(error)"))
    }
  }
}
