# popp-console: build a self-contained binary and install it with its themes, man pages, shell completions and the
# hub's service files under a prefix, or pack that tree as a tarball for a box without a compiler.
# `make help` lists the targets; README.md, "Install on a jump box", says how to use them.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift

bindir := $(PREFIX)/bin
datadir := $(PREFIX)/share
themedir := $(datadir)/popp-console/themes
mandir := $(datadir)/man
docdir := $(datadir)/doc/popp-console
bashcompletiondir := $(datadir)/bash-completion/completions
zshcompletiondir := $(datadir)/zsh/site-functions
fishcompletiondir := $(datadir)/fish/vendor_completions.d
# The path the hub's systemd unit runs; the tarball's unit names /usr/local/bin, where its README unpacks it.
SERVICE_BINDIR ?= $(bindir)

# The version is set in one place, the Swift source that --version, doctor and the User-Agent read.
VERSION := $(shell sed -n 's/^ *public static let current = "\([^"]*\)".*/\1/p' Sources/PoppAPI/Client/PoppConsoleVersion.swift)
ARCH := $(shell uname -m)
DIST_NAME := popp-console-$(VERSION)-linux-$(ARCH)
DIST_DIR := dist
# Man pages and the tarball carry the date of the last commit, so packing the same commit twice gives the same pages.
RELEASE_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)

# What install copies is gathered here by the build, so that `make && sudo make install` builds as the user and
# only copies as root (a root-owned file in .build would break the user's next build).
STAGE := .build/install
STAGED_BINARY := $(STAGE)/bin/popp-console
STAGED_MAN := $(STAGE)/man1/popp-console.1
STAGED_COMPLETIONS := $(STAGE)/completions/popp-console.bash $(STAGE)/completions/_popp-console $(STAGE)/completions/popp-console.fish
SOURCES := Package.swift $(shell find Sources -type f 2>/dev/null)
# The man pages' build (below).
MAN_CONFIGURATION ?= debug
# DWARF is dropped (149 MB to 106 MB); the symbols stay, so a crash's backtrace in the log still names functions.
STRIP ?= strip --strip-debug
# The Swift runtime linked in: the binary needs no toolchain on the box it is copied to (`ldd` shows what it still
# needs: README, "System libraries").
RELEASE_FLAGS := -c release --static-swift-stdlib
# Running the binary while building must neither write a log into the builder's home nor read the builder's config.
# The man page plugin runs it under SwiftPM, whose own settings (and git's) may live in XDG_CONFIG_HOME: there only
# the log is turned off.
QUIET_RUN := env POPP_LOG_LEVEL=off XDG_CONFIG_HOME=$(CURDIR)/$(STAGE)/empty-config XDG_STATE_HOME=$(CURDIR)/$(STAGE)/state
PLUGIN_RUN := env POPP_LOG_LEVEL=off

.PHONY: all help build man completions stage install uninstall dist check-install clean-install version

all: stage

help:
	@echo "make                        the release binary (Swift runtime linked in), man pages and completions, in $(STAGE)"
	@echo "make install [PREFIX=/usr/local] [DESTDIR=]"
	@echo "                            installs them with the themes, the example config and the hub's unit"
	@echo "make uninstall [PREFIX=…]   removes what install put there"
	@echo "make dist                   $(DIST_DIR)/$(DIST_NAME).tar.gz and its .sha256"
	@echo "make check-install          installs into a temporary prefix and checks it from outside the tree"
	@echo "make version                prints the version ($(VERSION))"

version:
	@echo $(VERSION)

build: $(STAGED_BINARY)
man: $(STAGED_MAN)
completions: $(STAGED_COMPLETIONS)
stage: $(STAGED_BINARY) $(STAGED_MAN) $(STAGED_COMPLETIONS)

# Copied out of .build/release at once, so that nothing built later can change what is installed.
$(STAGED_BINARY): $(SOURCES)
	$(SWIFT) build $(RELEASE_FLAGS) --product popp-console
	install -d $(STAGE)/bin $(STAGE)/empty-config $(STAGE)/state
	install -m 755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/popp-console" $@
	$(STRIP) $@
	@version="$$($(QUIET_RUN) $@ --version)"; test "$$version" = "$(VERSION)" || \
	  { echo "the binary says $$version, the source $(VERSION)" >&2; rm -f $@; exit 1; }

# swift-argument-parser's GenerateManual plugin: a page for popp-console and one per subcommand, from the same
# definitions as --help. The plugin builds the package itself and runs its tool on what it built. A release build
# of its own would compile everything a second time (--static-swift-stdlib changes every compile command, and
# `swift package` has no such flag), so it builds in debug, which `swift build` and `swift test` leave behind.
# Blank lines in the text become .Pp, mdoc's paragraph break (groff warns on each blank line). generate-manual drops
# every character outside ASCII, so the help texts keep to ASCII (ManualPageTextTests).
$(STAGED_MAN): $(STAGED_BINARY)
	rm -rf $(STAGE)/man1 .build/plugins/GenerateManual/outputs/popp-console && install -d $(STAGE)/man1
	$(PLUGIN_RUN) $(SWIFT) package generate-manual --configuration $(MAN_CONFIGURATION) --multi-page --date $(RELEASE_DATE)
	for page in .build/plugins/GenerateManual/outputs/popp-console/*.1; do \
	  sed 's/^$$/.Pp/' "$$page" > "$(STAGE)/man1/$${page##*/}" || exit 1; \
	done
	@test -s $@

# Generated by the binary itself, so they know every subcommand and option of this version.
$(STAGED_COMPLETIONS) &: $(STAGED_BINARY)
	install -d $(STAGE)/completions
	$(QUIET_RUN) $(STAGED_BINARY) --generate-completion-script bash > $(STAGE)/completions/popp-console.bash
	$(QUIET_RUN) $(STAGED_BINARY) --generate-completion-script zsh > $(STAGE)/completions/_popp-console
	$(QUIET_RUN) $(STAGED_BINARY) --generate-completion-script fish > $(STAGE)/completions/popp-console.fish

install: stage
	install -d "$(DESTDIR)$(bindir)" "$(DESTDIR)$(themedir)" "$(DESTDIR)$(mandir)/man1" "$(DESTDIR)$(docdir)" \
	  "$(DESTDIR)$(bashcompletiondir)" "$(DESTDIR)$(zshcompletiondir)" "$(DESTDIR)$(fishcompletiondir)"
	install -m 755 $(STAGED_BINARY) "$(DESTDIR)$(bindir)/popp-console"
	install -m 644 themes/*.toml themes/README.md "$(DESTDIR)$(themedir)/"
	install -m 644 $(STAGE)/man1/*.1 "$(DESTDIR)$(mandir)/man1/"
	install -m 644 $(STAGE)/completions/popp-console.bash "$(DESTDIR)$(bashcompletiondir)/popp-console"
	install -m 644 $(STAGE)/completions/_popp-console "$(DESTDIR)$(zshcompletiondir)/_popp-console"
	install -m 644 $(STAGE)/completions/popp-console.fish "$(DESTDIR)$(fishcompletiondir)/popp-console.fish"
	install -m 644 config.example.toml README.md "$(DESTDIR)$(docdir)/"
	install -m 644 docs/hub/README.md "$(DESTDIR)$(docdir)/hub-service.md"
	install -m 644 docs/hub/popp-console-hub.tmpfiles.conf "$(DESTDIR)$(docdir)/"
	sed 's|/usr/local/bin/popp-console|$(SERVICE_BINDIR)/popp-console|g' docs/hub/popp-console-hub@.service \
	  > "$(DESTDIR)$(docdir)/popp-console-hub@.service"
	chmod 644 "$(DESTDIR)$(docdir)/popp-console-hub@.service"

# What install put there, and the folders that are popp-console's own; the shared ones (bin, man1, the completion
# folders) stay.
uninstall:
	rm -f "$(DESTDIR)$(bindir)/popp-console"
	rm -f "$(DESTDIR)$(mandir)/man1/popp-console.1" "$(DESTDIR)$(mandir)"/man1/popp-console.*.1
	rm -f "$(DESTDIR)$(bashcompletiondir)/popp-console" "$(DESTDIR)$(zshcompletiondir)/_popp-console" \
	  "$(DESTDIR)$(fishcompletiondir)/popp-console.fish"
	rm -rf "$(DESTDIR)$(themedir)" "$(DESTDIR)$(docdir)"
	rmdir "$(DESTDIR)$(datadir)/popp-console" 2>/dev/null || true

# The installed tree in a folder named for the version, owned by root whoever packs it. Unpacked with
# --strip-components=1 into /usr/local or ~/.local, or whole anywhere: the binary finds its themes from its own path.
dist: stage
	rm -rf $(STAGE)/dist && install -d $(STAGE)/dist $(DIST_DIR)
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(STAGE)/dist/$(DIST_NAME) PREFIX= SERVICE_BINDIR=/usr/local/bin
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=$(RELEASE_DATE) -C $(STAGE)/dist -cf - $(DIST_NAME) \
	  | gzip -9 -n > $(DIST_DIR)/$(DIST_NAME).tar.gz
	cd $(DIST_DIR) && sha256sum $(DIST_NAME).tar.gz > $(DIST_NAME).tar.gz.sha256
	@cat $(DIST_DIR)/$(DIST_NAME).tar.gz.sha256

check-install:
	scripts/install/check.sh

clean-install:
	rm -rf $(STAGE) $(DIST_DIR)
