import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Plain HTTP to a sandbox process (its API under `/v1` and its control surface under
/// `/sandbox`), synchronous so that tests can call it between tmux steps. Bodies are raw bytes:
/// the hostile corpus holds JSON that Swift's own encoder would never write (lone surrogates).
struct SandboxHTTP {
  struct Answer {
    var status: Int
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
  }

  let root: URL
  let apiKey: String
  let organization: String

  init(_ sandbox: SandboxProcess) {
    root = URL(string: sandbox.environment["POPP_BASE_URL"]!)!.deletingLastPathComponent()
    apiKey = sandbox.environment["POPP_API_KEY"]!
    organization = sandbox.environment["POPP_ORGANIZATION_ID"]!
  }

  /// `path` is relative to the root: `v1/conversations`, `sandbox/faults`.
  @discardableResult
  func call(_ method: String, _ path: String, body: Data? = nil, timeout: Double = 30) -> Answer {
    var request = URLRequest(url: URL(string: path, relativeTo: root)!)
    request.httpMethod = method
    request.timeoutInterval = timeout
    request.setValue(apiKey, forHTTPHeaderField: "x-api-key")
    request.setValue(organization, forHTTPHeaderField: "x-organization-id")
    if let body {
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "content-type")
    }
    // A completion handler and a semaphore rather than async: the handler runs on URLSession's
    // own queue, so this works even while every thread of the concurrency pool is blocked.
    final class Box: @unchecked Sendable { var answer = Answer(status: 0, body: Data()) }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: request) { data, response, _ in
      box.answer = Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data ?? Data())
      done.signal()
    }.resume()
    done.wait()
    return box.answer
  }

  @discardableResult
  func call(_ method: String, _ path: String, json: String) -> Answer {
    call(method, path, body: Data(json.utf8))
  }
}

/// The hostile candidate messages of `Tests/Fixtures/hostile-messages.jsonl` (written by
/// `scripts/hardening/hostile-corpus.py`): each line is the exact body to POST, with a `name`
/// the sandbox ignores; each message starts with a marker `[[hNN]]`.
struct HostileCorpus {
  struct Entry {
    var name: String
    var marker: String
    /// The request body, byte for byte.
    var json: Data
    /// The text, when Foundation can read it (not for the lone surrogates).
    var body: String?
    /// Lone surrogates are not Unicode: a server may refuse them (the sandbox answers 400).
    var mayBeRefused: Bool { name.hasPrefix("lone-surrogate") }
  }

  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/hostile-messages.jsonl")

  static func load() throws -> [Entry] {
    let data = try Data(contentsOf: file)
    return data.split(separator: UInt8(ascii: "\n")).map { line in
      let text = String(decoding: line, as: UTF8.self)
      let name = text.firstMatch(of: /"name": "([^"]+)"/).map { String($0.1) } ?? "?"
      let marker = text.firstMatch(of: /\[\[h[0-9]+\]\]/).map { String($0.0) } ?? "?"
      let body = (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: String])?["body"]
      return Entry(name: name, marker: marker, json: Data(line), body: body)
    }
  }
}

/// Display columns as the terminal counts them (glibc's `wcwidth`, which Swift's Glibc module
/// does not declare), so a test can find what sits in a given column of a captured row.
enum DisplayColumns {
  private static let wcwidth: @convention(c) (Int32) -> Int32 = {
    _ = setlocale(LC_CTYPE, "C.UTF-8")
    let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth")!
    return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
  }()

  static func width(_ scalar: Unicode.Scalar) -> Int { max(Int(wcwidth(Int32(bitPattern: scalar.value))), 0) }

  static func width(_ text: some StringProtocol) -> Int { text.unicodeScalars.reduce(0) { $0 + width($1) } }

  /// The columns at which `character` is found in a captured row.
  static func columns(of character: Character, in row: String) -> [Int] {
    var column = 0
    var found: [Int] = []
    for scalar in row.unicodeScalars {
      if Character(scalar) == character { found.append(column) }
      column += width(scalar)
    }
    return found
  }

  /// The row from `column` on (a pane's cells, when `column` is the pane's left edge).
  static func suffix(of row: String, from column: Int) -> String {
    var at = 0
    var scalars = row.unicodeScalars.makeIterator()
    var rest = String.UnicodeScalarView()
    while let scalar = scalars.next() {
      if at >= column { rest.append(scalar) } else { at += width(scalar) }
    }
    return String(rest)
  }
}

extension TmuxSession {
  /// The pane's modes, as tmux tracks them: what a hostile byte stream would change.
  static let modeFormats = [
    "alternate_on", "cursor_flag", "insert_flag", "keypad_cursor_flag", "keypad_flag", "mouse_any_flag", "mouse_all_flag",
    "mouse_button_flag", "mouse_standard_flag", "mouse_sgr_flag", "mouse_utf8_flag", "origin_flag", "wrap_flag",
    "scroll_region_upper", "scroll_region_lower", "pane_mode", "window_bell_flag",
  ]

  func modes() throws -> [String: String] {
    let values = try value(Self.modeFormats.map { "#{\($0)}" }.joined(separator: "|")).split(
      separator: "|", omittingEmptySubsequences: false)
    return Dictionary(uniqueKeysWithValues: zip(Self.modeFormats, values.map(String.init)))
  }

  /// tmux paste buffers: with `set-clipboard on`, an OSC 52 that reached the terminal makes one.
  func pasteBuffers() throws -> String {
    try tmux(["list-buffers", "-F", "#{buffer_name}: #{buffer_sample}"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `stty -a` of the pane's terminal, read from outside.
  func terminalSettings() throws -> String {
    try Spawn.run(["/bin/stty", "-a", "-F", try value("#{pane_tty}")], capture: true)
  }

  /// The screen's rows (capture-pane trims trailing blanks; rows are kept, even empty ones).
  func rows() throws -> [String] {
    Array(
      try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init).prefix(Int(try value("#{pane_height}")) ?? 0))
  }
}

/// Knobs of the long runs (set by scripts/hardening/*.sh) and the figures they report.
enum Hardening {
  static func number(_ name: String) -> Double? {
    ProcessInfo.processInfo.environment[name].flatMap(Double.init)
  }

  /// `$HARDENING_SEED` to replay a run, else a fresh one (each run reports its seed).
  static func seed() -> UInt64 {
    ProcessInfo.processInfo.environment["HARDENING_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64(UInt32.max))
  }

  /// Appends a line to `$HARDENING_REPORT` (the scripts print it at the end) and prints it.
  static func report(_ line: String) {
    print("hardening: \(line)")
    guard let path = ProcessInfo.processInfo.environment["HARDENING_REPORT"] else { return }
    if let handle = FileHandle(forWritingAtPath: path) {
      handle.seekToEndOfFile()
      handle.write(Data((line + "\n").utf8))
      try? handle.close()
    } else {
      FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8))
    }
  }
}
