import Foundation

/// Where the hub's socket is when nobody says: `$XDG_RUNTIME_DIR/popp-console/hub.sock`, the runtime folder that
/// systemd gives each user (and, with `RuntimeDirectory=popp-console`, a service its `/run/popp-console`). Without
/// one, a folder of this user's own under /tmp.
public enum HubSocketPath {
  public static func standard(environment: [String: String]) -> String {
    if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
      return URL(fileURLWithPath: runtime).appendingPathComponent("popp-console/hub.sock").path
    }
    return "/tmp/popp-console-\(getuid())/hub.sock"
  }
}
