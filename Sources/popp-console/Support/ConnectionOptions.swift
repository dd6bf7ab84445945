import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI

/// Options every API command shares.
struct APIOptions: ParsableArguments {
  @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
  var json = false

  func makeClient(retryPolicy: RetryPolicy = .standard) throws -> HTTPPoppClient {
    let settings = try ConnectionSettings.fromEnvironment()
    return HTTPPoppClient(configuration: try settings.clientConfiguration(retryPolicy: retryPolicy))
  }

  /// Take-over, hand-back and sends as the console performs them: audited, and sends through
  /// the organization's durable outbox (shared with the console).
  func makeWorkflow() throws -> (actions: ConversationActions, outbox: Outbox, client: HTTPPoppClient) {
    let environment = ProcessInfo.processInfo.environment
    let settings = try ConnectionSettings.fromEnvironment(environment)
    let configuration = try settings.clientConfiguration()
    let client = HTTPPoppClient(configuration: configuration)
    var sendConfiguration = configuration
    sendConfiguration.retryPolicy = .never
    let paths = ConsolePaths(environment: environment)
    let key = ConnectionInfo(organizationId: configuration.organizationId, baseURL: configuration.baseURL, isSandbox: false).cacheKey
    let store = try WorkflowStore(path: WorkflowStore.path(for: key, in: paths))
    let audit = AuditLog(path: AuditLog.path(in: paths))
    let outbox = Outbox(
      client: HTTPPoppClient(configuration: sendConfiguration), store: store, organizationId: configuration.organizationId, audit: audit)
    return (ConversationActions(client: client, organizationId: configuration.organizationId, audit: audit), outbox, client)
  }
}
