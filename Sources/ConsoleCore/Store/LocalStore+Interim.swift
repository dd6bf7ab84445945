public import Foundation
public import PoppAPI

// Interim: the cache's snapshot, meta and unread API, until the columnar cache lands.
public struct CacheSnapshot: Sendable {
  public var campaigns: [Campaign]
  public var templates: [Template]
  public var conversations: [Conversation]
  public var unread: Set<String>
  public var syncedAt: Date?
  public var isEmpty: Bool { campaigns.isEmpty && conversations.isEmpty }
}

extension LocalStore {
  public func snapshot() throws -> CacheSnapshot {
    CacheSnapshot(campaigns: try campaigns(), templates: [], conversations: try conversations(), unread: [], syncedAt: nil)
  }
  public func replaceTemplates(_ templates: [Template]) throws {}
  public func templates() throws -> [Template] { [] }
  public func markSynced(at date: Date) throws {}
  public func value(forKey key: String) throws -> String? { nil }
  public func setValue(_ value: String?, forKey key: String) throws {}
  public func markUnread(_ ids: [String]) throws {}
  public func markRead(_ id: String) throws {}
}
