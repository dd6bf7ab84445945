public import PoppAPI

/// Where a console session's data comes from. It is the one seam between the console and its
/// source: everything the session builds on top (cache, pollers, outbox, service) is the same
/// whichever case this is, so another kind of source is another case here and nothing more.
public enum ConsoleConnection: Sendable {
  /// Popp's HTTP API as `configuration` says, or the built-in sandbox serving the same API on
  /// loopback (`isSandbox`: its world starts afresh each run). The session sets the retries.
  case http(ClientConfiguration, isSandbox: Bool = false, profileName: String? = nil)
  /// A team's hub, which polls and acts for the console: `info` is what the hub said it serves (with its socket).
  /// The hub link feeds the session's engine. The session's own clients reach nothing, unless the recruiter's own
  /// credentials are a `fallback` (`hub-fallback = "direct"`): then they reach Popp, for while the hub is gone.
  case hub(ConnectionInfo, fallback: ClientConfiguration? = nil)

  /// Who the console speaks as, and where.
  public var info: ConnectionInfo {
    switch self {
    case .http(let configuration, let isSandbox, let profileName):
      ConnectionInfo(
        organizationId: configuration.organizationId, baseURL: configuration.baseURL, isSandbox: isSandbox, profileName: profileName)
    case .hub(let info, _): info
    }
  }

  /// For take-over, hand-back, forms and reading a conversation back after them: a person is
  /// waiting on each, so the standard retries are worth their delay.
  func actionsClient() -> any PoppClient {
    switch self {
    case .http(var configuration, _, _):
      configuration.retryPolicy = .standard
      return HTTPPoppClient(configuration: configuration)
    case .hub(_, var fallback?):
      fallback.retryPolicy = .standard
      return HTTPPoppClient(configuration: fallback)
    case .hub: return HubAttachedClient()
    }
  }

  /// For polls and the outbox's sends: pollers back off on their own schedule, and the outbox
  /// owns its retries (it reconciles against the thread before each), so neither may retry
  /// underneath them.
  func failFastClient(requestTimeout: Double) -> any PoppClient {
    switch self {
    case .http(var configuration, _, _):
      configuration.retryPolicy = .never
      configuration.requestTimeout = requestTimeout
      return HTTPPoppClient(configuration: configuration)
    case .hub(_, var fallback?):
      fallback.retryPolicy = .never
      fallback.requestTimeout = requestTimeout
      return HTTPPoppClient(configuration: fallback)
    case .hub: return HubAttachedClient()
    }
  }

  /// Whether the console polls Popp itself while its hub is gone.
  public var fallsBackToDirect: Bool {
    if case .hub(_, _?) = self { true } else { false }
  }
}
