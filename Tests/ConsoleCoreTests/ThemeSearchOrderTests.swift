import ConsoleCore
import Foundation
import Testing

/// Where the console finds its themes, on real folders laid out as an installed prefix, a source checkout and a
/// user's config: the user's own first, then the prefix the binary is installed in, and the checkout only for a
/// binary that has no prefix of its own.
@Suite struct ThemeSearchOrderTests {
  /// A scratch tree: `home/.config/popp-console/themes`, and whatever prefix or checkout a test makes beside it.
  struct Layout {
    let root: URL
    var paths: ConsolePaths { ConsolePaths(environment: ["HOME": root.appendingPathComponent("home").path]) }

    init() throws {
      // Resolved, as the search resolves the binary's path (a temporary folder may sit behind a symlink).
      root = try ThemeTestSupport.temporaryFolder().resolvingSymlinksInPath()
    }

    /// A file with `text` at `relative` (folders made as needed).
    func write(_ relative: String, _ text: String = "") throws {
      let url = root.appendingPathComponent(relative)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }

    /// A theme whose name says where it lies, so a test can tell which folder won.
    func theme(_ relative: String, named name: String) throws {
      try write(relative, "name = \"\(name)\"\ndescription = \"test\"\n")
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  @Test func anInstalledBinaryReadsTheUsersThemesThenItsPrefix() throws {
    let layout = try Layout()
    defer { layout.remove() }
    try layout.write("prefix/bin/popp-console")
    try layout.theme("prefix/share/popp-console/themes/gruvbox.toml", named: "prefix gruvbox")
    try layout.theme("prefix/share/popp-console/themes/light.toml", named: "prefix light")
    try layout.theme("home/.config/popp-console/themes/light.toml", named: "user light")

    let directories = layout.paths.themeDirectories(executable: layout.url("prefix/bin/popp-console"))

    #expect(
      directories.map(\.path) == [layout.url("home/.config/popp-console/themes").path, layout.url("prefix/share/popp-console/themes").path])
    #expect(ThemeLoader.load(named: "light", searchDirectories: directories).theme.name == "user light")
    #expect(ThemeLoader.load(named: "gruvbox", searchDirectories: directories).theme.name == "prefix gruvbox")
    #expect(ThemeLoader.available(in: directories) == ["gruvbox", "light"])
  }

  /// `make install PREFIX=…` into a folder inside a checkout (a build tree, say): the prefix's themes, never the
  /// checkout's, which may be another version's.
  @Test func anInstalledBinaryInsideACheckoutNeverReadsTheCheckout() throws {
    let layout = try Layout()
    defer { layout.remove() }
    try layout.write("checkout/Package.swift")
    try layout.theme("checkout/themes/default-dark.toml", named: "checkout default")
    try layout.theme("checkout/themes/only-in-checkout.toml", named: "checkout only")
    try layout.write("checkout/.build/prefix/bin/popp-console")
    try layout.theme("checkout/.build/prefix/share/popp-console/themes/default-dark.toml", named: "prefix default")

    let directories = layout.paths.themeDirectories(executable: layout.url("checkout/.build/prefix/bin/popp-console"))

    #expect(directories.map(\.path).last == layout.url("checkout/.build/prefix/share/popp-console/themes").path)
    #expect(!directories.contains { $0.path.hasPrefix(layout.url("checkout/themes").path) })
    #expect(ThemeLoader.load(named: "default-dark", searchDirectories: directories).theme.name == "prefix default")
    #expect(ThemeLoader.load(named: "only-in-checkout", searchDirectories: directories).error != nil)
  }

  /// `swift run` and the tests: a binary in `.build/<triple>/<configuration>/` has no prefix and reads its checkout's
  /// `themes/`, after the user's own.
  @Test func aDevelopmentBuildFallsBackToItsCheckout() throws {
    let layout = try Layout()
    defer { layout.remove() }
    try layout.write("checkout/Package.swift")
    try layout.theme("checkout/themes/default-dark.toml", named: "checkout default")
    try layout.theme("checkout/themes/gruvbox.toml", named: "checkout gruvbox")
    try layout.theme("home/.config/popp-console/themes/gruvbox.toml", named: "user gruvbox")
    try layout.write("checkout/.build/x86_64-unknown-linux-gnu/debug/popp-console")

    let directories = layout.paths.themeDirectories(
      executable: layout.url("checkout/.build/x86_64-unknown-linux-gnu/debug/popp-console"))

    #expect(directories.map(\.path) == [layout.url("home/.config/popp-console/themes").path, layout.url("checkout/themes").path])
    #expect(ThemeLoader.load(named: "gruvbox", searchDirectories: directories).theme.name == "user gruvbox")
    #expect(ThemeLoader.load(named: "default-dark", searchDirectories: directories).theme.name == "checkout default")
  }

  /// A symlink to the binary (`ln -s /opt/popp-console-0.9.0/bin/popp-console /usr/local/bin/`) finds the themes
  /// of the tree it points into, not of the folder the link is in.
  @Test func aSymlinkedBinaryFindsThePrefixItPointsInto() throws {
    let layout = try Layout()
    defer { layout.remove() }
    try layout.write("opt/popp-console-0.9.0/bin/popp-console")
    try layout.theme("opt/popp-console-0.9.0/share/popp-console/themes/gruvbox.toml", named: "0.9.0 gruvbox")
    try FileManager.default.createDirectory(at: layout.url("usr/local/bin"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: layout.url("usr/local/bin/popp-console"), withDestinationURL: layout.url("opt/popp-console-0.9.0/bin/popp-console"))

    let directories = layout.paths.themeDirectories(executable: layout.url("usr/local/bin/popp-console"))

    #expect(ThemeLoader.load(named: "gruvbox", searchDirectories: directories).theme.name == "0.9.0 gruvbox")
  }

  /// A binary copied somewhere with neither a prefix nor a checkout still has the user's folder (and the built-in
  /// default theme, which needs no folder).
  @Test func aLoneBinaryHasTheUsersFolderOnly() throws {
    let layout = try Layout()
    defer { layout.remove() }
    try layout.write("somewhere/popp-console")

    let directories = layout.paths.themeDirectories(executable: layout.url("somewhere/popp-console"))

    #expect(directories.map(\.path) == [layout.url("home/.config/popp-console/themes").path])
    #expect(layout.paths.themeDirectories(executable: nil).map(\.path) == [layout.url("home/.config/popp-console/themes").path])
  }

  /// The running binary (here the test runner) is named as the kernel knows it: absolute, without symlinks.
  @Test func theRunningExecutableIsTheKernelsName() throws {
    let executable = try #require(ConsolePaths.runningExecutable)
    #expect(executable.path.hasPrefix("/"))
    #expect(executable.resolvingSymlinksInPath().path == executable.path)
    #expect(FileManager.default.isExecutableFile(atPath: executable.path))
  }
}
