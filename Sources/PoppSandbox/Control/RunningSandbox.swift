public import Foundation
public import PoppAPI

/// A sandbox served in this process on a loopback port: what the console starts when it has
/// no credentials, and what every integration test talks to.
public final class RunningSandbox: Sendable {
  public let server: SandboxServer
  /// The `/v1` base URL, e.g. `http://127.0.0.1:41234/v1`.
  public let baseURL: URL
  private let serving: Task<Void, any Error>

  private init(server: SandboxServer, baseURL: URL, serving: Task<Void, any Error>) {
    self.server = server
    self.baseURL = baseURL
    self.serving = serving
  }

  /// Opens the database, seeds it, binds the port and returns once requests are accepted.
  public static func start(_ configuration: SandboxConfiguration) async throws -> RunningSandbox {
    let server = try SandboxServer(configuration: configuration)
    let (urls, continuation) = AsyncStream.makeStream(of: URL.self)
    let serving = Task {
      defer { continuation.finish() }
      try await server.run { url in continuation.yield(url) }
    }
    guard let url = await urls.first(where: { _ in true }) else {
      _ = try await serving.value
      throw SandboxStartError.stoppedBeforeListening
    }
    return RunningSandbox(server: server, baseURL: url, serving: serving)
  }

  /// Stops serving and waits until the port is released.
  public func stop() async {
    serving.cancel()
    _ = try? await serving.value
  }

  public var organization: SandboxConfiguration.Organization { server.configuration.organizations[0] }

  public func client(
    organization: SandboxConfiguration.Organization? = nil, retryPolicy: RetryPolicy = .standard, requestTimeout: Double = 30
  ) throws -> HTTPPoppClient {
    HTTPPoppClient(
      configuration: try clientConfiguration(organization: organization, retryPolicy: retryPolicy, requestTimeout: requestTimeout))
  }

  /// What `client` is built from, for whoever builds its clients itself (a console session).
  public func clientConfiguration(
    organization: SandboxConfiguration.Organization? = nil, retryPolicy: RetryPolicy = .standard, requestTimeout: Double = 30
  ) throws -> ClientConfiguration {
    let organization = organization ?? self.organization
    return try ClientConfiguration(
      baseURL: baseURL, organizationId: organization.id, apiKey: organization.apiKey, requestTimeout: requestTimeout,
      retryPolicy: retryPolicy)
  }

  public func control(organization: SandboxConfiguration.Organization? = nil) -> SandboxControlClient {
    let organization = organization ?? self.organization
    return SandboxControlClient(apiBaseURL: baseURL, organizationId: organization.id, apiKey: organization.apiKey)
  }
}

public enum SandboxStartError: Error, CustomStringConvertible {
  case stoppedBeforeListening

  public var description: String { "the sandbox stopped before it was listening" }
}
