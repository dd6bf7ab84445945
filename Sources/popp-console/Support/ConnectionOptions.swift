import ArgumentParser
import ConsoleCore
import PoppAPI

/// Options every API command shares.
struct APIOptions: ParsableArguments {
  @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
  var json = false

  func makeClient() throws -> HTTPPoppClient {
    let settings = try ConnectionSettings.fromEnvironment()
    return HTTPPoppClient(configuration: try settings.clientConfiguration())
  }
}
