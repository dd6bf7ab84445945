import HTTPTypes
import Hummingbird
import Synchronization

/// One route the sandbox serves: a method and a path in OpenAPI's spelling
/// (`GET /v1/campaigns/{id}`).
public struct SandboxRoute: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var method: String
  public var path: String

  public init(method: String, path: String) {
    self.method = method.uppercased()
    self.path = path
  }

  public var description: String { "\(method) \(path)" }

  public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }

  /// Whether a request path (`/v1/campaigns/3f2c…`) falls on this route's path: `{name}`
  /// stands for any one segment. Empty segments are ignored, as the router does.
  func matches(path requestPath: String) -> Bool {
    let wanted = path.split(separator: "/")
    let given = requestPath.split(separator: "/")
    guard wanted.count == given.count else { return false }
    return zip(wanted, given).allSatisfy { pattern, segment in
      (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
    }
  }
}

/// Registers routes on a router and keeps the list of what it registered: the one list of
/// the sandbox's routes, which the OpenAPI route agreement test compares with the document
/// and which answers 405 for a method a path does not serve. Every route of the sandbox is
/// added through one of these (groups made from it report here too).
final class RouteRecorder<Context: RequestContext>: RouterMethods {
  let router: Router<Context>
  private(set) var routes: [SandboxRoute] = []

  init(router: Router<Context>) {
    self.router = router
  }

  @discardableResult func on<Responder: HTTPResponder>(
    _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
  ) -> Self where Responder.Context == Context {
    routes.append(SandboxRoute(method: method.rawValue, path: path.description))
    router.on(path, method: method, responder: responder)
    return self
  }

  @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
    router.add(middleware: middleware)
    return self
  }
}

/// The routes once registered, shared with the error middleware (which is added before
/// them, so that it wraps every route).
final class RouteTable: Sendable {
  private let routes = Mutex<[SandboxRoute]>([])

  func set(_ routes: [SandboxRoute]) { self.routes.withLock { $0 = routes } }

  /// The methods served on the route path a request path resolves to, sorted; empty when no
  /// route has that path. Like the router, a literal segment wins over a `{capture}`:
  /// `/v1/conversations/bulk` is the bulk path, not a conversation's.
  func methods(servingPath path: String) -> [String] {
    routes.withLock { routes in
      let candidates = Set(routes.filter { $0.matches(path: path) }.map(\.path))
      func captures(_ path: String) -> [Bool] { path.split(separator: "/").map { $0.hasPrefix("{") } }
      guard let resolved = candidates.min(by: { captures($0).lexicographicallyPrecedes(captures($1)) { !$0 && $1 } }) else {
        return []
      }
      return Set(routes.filter { $0.path == resolved }.map(\.method)).sorted()
    }
  }
}
