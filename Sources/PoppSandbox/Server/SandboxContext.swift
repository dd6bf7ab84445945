import Hummingbird

/// The per-request context: who is asking, once the auth middleware has checked.
struct SandboxContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  var organizationId = ""

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  var maxUploadSize: Int { SandboxLimits.maxBodyBytes }
}

enum SandboxLimits {
  /// 10,000 contacts with 600-character opening messages fit with room to spare.
  static let maxBodyBytes = 16 * 1024 * 1024
}
