#!/usr/bin/env bash
# The install as a jump-box admin gets it (TESTING.md, "The install"): `make install` into a temporary prefix and
# `make dist`, then, from / with no toolchain on PATH, each promise of the install checked on what was installed:
# the version, the man pages through man, each completion script through its shell's syntax check and its domain
# completions, `doctor --json`, no Swift runtime in `ldd`, and the console in tmux drawn in a non-default theme
# found in the prefix. Prints one line per check and exits 1 if any failed.
#
#   scripts/install/check.sh                # build (or reuse .build/install), install, check
#   scripts/install/check.sh --keep         # leave the temporary prefix for a look afterwards
#
# Needs: make, tmux, man (man-db), zsh, fish, python3, and a direct-colour terminfo (Debian's ncurses-term).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
export PATH="/opt/swift/usr/bin:$PATH"
export LANG="${LANG:-C.UTF-8}"

keep=false
for argument in "$@"; do
  case "$argument" in
    --keep) keep=true ;;
    *) echo "usage: $0 [--keep]" >&2; exit 2 ;;
  esac
done

for tool in make tmux man zsh fish python3 infocmp; do
  command -v "$tool" >/dev/null || { echo "install-check: $tool is missing (see TESTING.md, \"The install\")" >&2; exit 2; }
done
# The theme is checked by its exact RGB values, which need a terminal description with direct colour.
infocmp tmux-direct >/dev/null 2>&1 || { echo "install-check: no tmux-direct terminfo: apt-get install ncurses-term" >&2; exit 2; }

started=$(date +%s)
work="$(mktemp -d -t popp-install-check.XXXXXX)"
prefix="$work/prefix"
unpacked="$work/unpacked"
home="$work/home"
tmux_server="popp-install-$$"
cleanup() {
  tmux -L "$tmux_server" kill-server >/dev/null 2>&1 || true
  tmux -L "popp-install-tab-$$" kill-server >/dev/null 2>&1 || true
  if $keep; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

failures=0
pass() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: runs it, passes when it succeeds; its output is shown when it fails.
check() {
  local what="$1" output
  shift
  if output="$("$@" 2>&1)"; then pass "$what"; else fail "$what"; printf '%s\n' "$output" | tail -20 | sed 's/^/       /'; fi
}

version="$(make --no-print-directory version)"
echo "popp-console $version: installing into $prefix"
make --no-print-directory install PREFIX="$prefix" >"$work/install.log" 2>&1 || {
  tail -40 "$work/install.log" >&2
  echo "install-check: make install failed (log above)" >&2
  exit 1
}
make --no-print-directory dist >"$work/dist.log" 2>&1 || { tail -40 "$work/dist.log" >&2; echo "install-check: make dist failed" >&2; exit 1; }
tarball="dist/popp-console-$version-linux-$(uname -m).tar.gz"

# From here on: outside the source tree, with a home of its own and no Swift toolchain on PATH.
mkdir -p "$home/config" "$home/state" "$unpacked"
cd /
run_env=(env -i "HOME=$home" "XDG_CONFIG_HOME=$home/config" "XDG_STATE_HOME=$home/state" "PATH=$prefix/bin:/usr/bin:/bin"
  "LANG=C.UTF-8" "TERM=xterm-256color")
in_prefix() { "${run_env[@]}" "$@"; }

# The files, where a jump box's shells and man look for them.
missing_files=()
for file in bin/popp-console share/popp-console/themes/gruvbox.toml share/man/man1/popp-console.1 \
  share/bash-completion/completions/popp-console share/zsh/site-functions/_popp-console \
  share/fish/vendor_completions.d/popp-console.fish share/doc/popp-console/config.example.toml \
  share/doc/popp-console/popp-console-hub@.service share/doc/popp-console/popp-console-hub.tmpfiles.conf; do
  [ -s "$prefix/$file" ] || missing_files+=("$file")
done
if [ ${#missing_files[@]} -eq 0 ]; then
  pass "installed: binary, themes, man pages, completions, docs and the hub's unit"
else
  fail "not installed: ${missing_files[*]}"
fi
check "the hub's unit runs the installed binary" grep -q "^ExecStart=$prefix/bin/popp-console hub " \
  "$prefix/share/doc/popp-console/popp-console-hub@.service"

# --version: the source's version, from the binary found on PATH.
reported="$(in_prefix popp-console --version 2>&1 || true)"
if [ "$reported" = "$version" ]; then pass "popp-console --version is $version"; else fail "popp-console --version said '$reported', not '$version'"; fi

# ldd: the Swift runtime is inside the binary; what it still needs is the system's (README, "System libraries").
libraries="$(ldd "$prefix/bin/popp-console")"
if grep -Eiq 'swift|libFoundation|libdispatch|BlocksRuntime|_FoundationICU' <<<"$libraries"; then
  fail "ldd lists a Swift runtime library:"
  grep -Ei 'swift|libFoundation|libdispatch|BlocksRuntime|_FoundationICU' <<<"$libraries" | sed 's/^/       /'
else
  pass "ldd lists no Swift runtime library ($(grep -c '=>' <<<"$libraries") libraries, all the system's)"
fi
if grep -q "not found" <<<"$libraries"; then fail "ldd: a library is missing: $(grep 'not found' <<<"$libraries")"; fi

# man: every page renders through man itself, without a warning from groff, and man finds the main one by name.
pages=("$prefix"/share/man/man1/popp-console*.1)
bad_pages=()
for page in "${pages[@]}"; do
  rendered="$(in_prefix MANWIDTH=100 man --warnings -l -P cat "$page" 2>"$work/man.err")" || bad_pages+=("$(basename "$page"): man failed")
  [ -s "$work/man.err" ] && bad_pages+=("$(basename "$page"): $(head -3 "$work/man.err")")
  grep -q "popp-console" <<<"$rendered" || bad_pages+=("$(basename "$page"): no popp-console in it")
done
if [ ${#bad_pages[@]} -eq 0 ]; then pass "man -l renders all ${#pages[@]} pages without warnings"; else fail "man pages: ${bad_pages[*]}"; fi
main_page="$(in_prefix MANWIDTH=100 man -l -P cat "$prefix/share/man/man1/popp-console.1" 2>/dev/null || true)"
if grep -q "SYNOPSIS" <<<"$main_page" && grep -q -- "--version" <<<"$main_page"; then
  pass "popp-console(1) has its synopsis and options"
else
  fail "popp-console(1) lacks SYNOPSIS or --version"
fi
# man-db looks beside each bin/ on PATH, so `man popp-console` works for a personal install with no MANPATH.
found_page="$(in_prefix man -w popp-console 2>&1 || true)"
if [ "$found_page" = "$prefix/share/man/man1/popp-console.1" ]; then
  pass "man popp-console finds the page from PATH alone"
else
  fail "man -w popp-console: '$found_page'"
fi

# The completion scripts: each through its own shell's syntax check.
check "bash -n on the bash completion" bash -n "$prefix/share/bash-completion/completions/popp-console"
check "zsh -n on the zsh completion" zsh -n "$prefix/share/zsh/site-functions/_popp-console"
check "fish --no-execute on the fish completion" fish --no-execute "$prefix/share/fish/vendor_completions.d/popp-console.fish"

# The domain's completions as each shell offers them on Tab: theme names from the prefix and the user's own, profile
# names from the user's config, the statuses the CLI accepts, CSV files for --csv; after a bare `popp-console` too,
# which is the console. bash: its completion function called as Tab calls it, every candidate compared.
mkdir -p "$home/config/popp-console/themes" "$home/csv"
printf 'name = "Mine"\n' >"$home/config/popp-console/themes/my-own.toml"
printf '[profiles.acme-test]\norganization-id = "acme"\n\n[profiles.agency-b]\norganization-id = "b"\n' \
  >"$home/config/popp-console/config.toml"
touch "$home/csv/applicants.csv" "$home/csv/notes.md"
# bash_offers WORDS...: what bash's completion of popp-console offers for the last word.
bash_offers() {
  in_prefix bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    function=$(complete -p popp-console | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
    "$function" popp-console "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' bash "$prefix/share/bash-completion/completions/popp-console" "$@" 2>&1
}
expect_bash() {
  local what="$1" wanted="$2" offered
  shift 2
  offered="$(cd "$home/csv" && bash_offers "$@" | sort | tr '\n' ' ')"
  if [ "$offered" = "$wanted " ]; then pass "bash completion: $what"; else fail "bash completion: $what: offered '$offered', wanted '$wanted'"; fi
}
expect_bash "--theme offers the installed themes and the user's" \
  "default-dark gruvbox high-contrast light monochrome my-own solarized-dark" popp-console --theme ""
expect_bash "console --theme completes a prefix" "gruvbox" popp-console console --theme gr
expect_bash "--profile offers the config's profiles" "acme-test agency-b" popp-console doctor --profile ""
expect_bash "--status offers the conversation statuses" \
  "COMPLETED_AWAITING_CALL COMPLETED_CUSTOM_REQUEST COMPLETED_MEETING_REQUESTED COMPLETED_SCREENING_FAILED COMPLETED_SCREENING_PASSED" \
  popp-console conversations list --status COMPLETED_
expect_bash "campaigns --status offers the campaign statuses" "ARCHIVED DRAFT LIVE" popp-console campaigns list --status ""
expect_bash "--csv offers CSV files" "applicants.csv" popp-console conversations bulk --csv ""

# zsh and fish: an interactive shell in tmux, loading the completion from where the prefix put it (zsh through
# fpath as ~/.zshrc would set it, fish through XDG_DATA_DIRS), a line typed and Tab pressed: a single candidate is
# written into the line.
tab_server="popp-install-tab-$$"
# tab_completes SHELL TYPED EXPECTED: after TYPED and Tab, the prompt line reads EXPECTED.
tab_completes() {
  local shell="$1" typed="$2" expected="$3" line=""
  tmux -L "$tab_server" send-keys -t "$shell" C-u
  tmux -L "$tab_server" send-keys -t "$shell" -l "$typed"
  tmux -L "$tab_server" send-keys -t "$shell" Tab
  for _ in $(seq 1 100); do
    line="$(tmux -L "$tab_server" capture-pane -p -t "$shell" | grep "^$shell\\$ " | tail -1)"
    [ "${line%% }" = "$shell\$ $expected" ] && break
    sleep 0.1
  done
  if [ "${line%% }" = "$shell\$ $expected" ]; then pass "$shell completion: '$typed' → '$expected'"; else fail "$shell completion: '$typed' gave '$line', wanted '$expected'"; fi
}
# start_shell NAME COMMAND...: a session NAME running the shell with the install's environment.
start_shell() {
  local name="$1"
  shift
  { printf '%q ' "${run_env[@]}" "$@"; printf '\n'; } >"$work/$name.sh"
  tmux -L "$tab_server" -f /dev/null new-session -d -s "$name" -x 160 -y 20 -c "$home/csv" "sh $work/$name.sh"
}
printf "fpath=(%q \$fpath)\nautoload -U compinit && compinit -u -d %q\nPS1='zsh\$ '\n" \
  "$prefix/share/zsh/site-functions" "$home/zcompdump" >"$home/.zshrc"
start_shell zsh ZDOTDIR="$home" zsh -i
# Not --no-config: fish's own config.fish is what puts the vendor folders of XDG_DATA_DIRS on its completion path.
start_shell fish XDG_DATA_DIRS="$prefix/share:/usr/share" fish --init-command "function fish_prompt; echo -n 'fish\$ '; end"
for shell in zsh fish; do
  for _ in $(seq 1 100); do
    tmux -L "$tab_server" capture-pane -p -t "$shell" 2>/dev/null | grep -q "^$shell\\$" && break
    sleep 0.1
  done
  tab_completes "$shell" "popp-console --theme gr" "popp-console --theme gruvbox"
  tab_completes "$shell" "popp-console console --theme my" "popp-console console --theme my-own"
  tab_completes "$shell" "popp-console doctor --profile agency" "popp-console doctor --profile agency-b"
  tab_completes "$shell" "popp-console conversations list --status COMPLETED_A" \
    "popp-console conversations list --status COMPLETED_AWAITING_CALL"
  tab_completes "$shell" "popp-console conversations bulk --csv app" "popp-console conversations bulk --csv applicants.csv"
done
tmux -L "$tab_server" kill-server >/dev/null 2>&1 || true

# doctor --json: one document naming the version and the prefix's themes, never the source tree.
doctor="$(in_prefix popp-console doctor --json 2>/dev/null || true)"
doctor_problem="$(DOCTOR="$doctor" PREFIX="$prefix" REPO="$repo" VERSION="$version" python3 -c '
import json, os
try:
    document = json.loads(os.environ["DOCTOR"])
except ValueError as error:
    print("not JSON: %s" % error); raise SystemExit
texts = [check.get("text", "") for check in document.get("checks", [])]
themes = [text for text in texts if text.startswith("themes: ")]
if document.get("version") != os.environ["VERSION"]:
    print("version %r" % document.get("version"))
elif not any(text == "binary " + os.environ["PREFIX"] + "/bin/popp-console" for text in texts):
    print("no check names the installed binary: %r" % texts[:4])
elif not themes or os.environ["PREFIX"] + "/share/popp-console/themes" not in themes[0] or "gruvbox" not in themes[0]:
    print("the themes are not the prefix'"'"'s: %r" % themes)
elif os.environ["REPO"] in json.dumps(document):
    print("the source tree is named: %r" % [text for text in texts if os.environ["REPO"] in text])
')"
if [ -z "$doctor_problem" ]; then pass "doctor --json names $version, the binary and the prefix's themes"; else fail "doctor --json: $doctor_problem"; fi

# The console in tmux, in gruvbox, found in the prefix: gruvbox paints the screen its own #282828 and writes in
# #ebdbb2, which default-dark (the terminal's own colours) never does. tmux keeps the RGB of each cell, and a
# direct-colour terminfo lets the console send them.
printf 'theme = "gruvbox"\n' >"$home/config/popp-console/config.toml"
{
  printf '%q ' "${run_env[@]/TERM=xterm-256color/TERM=tmux-direct}" popp-console --demo-size 20
  printf '\necho console-exited-$?\nexec sleep 600\n'
} >"$work/console.sh"
tmux -L "$tmux_server" -f /dev/null new-session -d -s install -x 120 -y 36 "sh $work/console.sh"
screen=""
for _ in $(seq 1 200); do
  screen="$(tmux -L "$tmux_server" capture-pane -p -t install 2>/dev/null || true)"
  grep -q "SANDBOX" <<<"$screen" && grep -q "conversations" <<<"$screen" && break
  sleep 0.1
done
sleep 0.5
styled="$(tmux -L "$tmux_server" capture-pane -p -e -t install)"
if grep -q "SANDBOX" <<<"$screen"; then pass "the console opens in tmux from the prefix"; else fail "the console did not open: $(head -5 <<<"$screen")"; fi
if grep -Eq $'\e\\[([0-9;:]*;)?48[;:]2[;:]+40[;:]40[;:]40[m;]' <<<"$styled" &&
  grep -Eq $'\e\\[([0-9;:]*;)?38[;:]2[;:]+235[;:]219[;:]178[m;]' <<<"$styled"; then
  pass "gruvbox's colours are on screen (background #282828, text #ebdbb2)"
else
  fail "gruvbox's colours are not on screen; the escapes seen: $(grep -o $'\e\\[[0-9;:]*m' <<<"$styled" | sort -u | head -12 | tr '\n' ' ' | cat -v)"
fi
tmux -L "$tmux_server" send-keys -t install q
for _ in $(seq 1 50); do
  grep -q "console-exited-0" <<<"$(tmux -L "$tmux_server" capture-pane -p -t install)" && break
  sleep 0.1
done
check "q ends the console with status 0" grep -q "console-exited-0" <<<"$(tmux -L "$tmux_server" capture-pane -p -t install)"
tmux -L "$tmux_server" kill-server >/dev/null 2>&1 || true

# make dist: the tarball matches its checksum, and unpacked anywhere it runs and finds its own themes.
check "the tarball matches its .sha256" sh -c "cd '$repo/dist' && sha256sum -c '$(basename "$tarball").sha256'"
tar -xzf "$repo/$tarball" -C "$unpacked"
unpacked_prefix="$unpacked/popp-console-$version-linux-$(uname -m)"
owners="$(tar --numeric-owner -tvzf "$repo/$tarball" | awk '{print $2}' | sort -u | tr '\n' ' ')"
if [ "$owners" = "0/0 " ]; then pass "the tarball's files are root's (0/0)"; else fail "the tarball's owners: $owners"; fi
check "the tarball's unit runs /usr/local/bin/popp-console" grep -q "^ExecStart=/usr/local/bin/popp-console hub " \
  "$unpacked_prefix/share/doc/popp-console/popp-console-hub@.service"
unpacked_doctor="$(env -i "HOME=$home" "XDG_CONFIG_HOME=$home/config" "XDG_STATE_HOME=$home/state" LANG=C.UTF-8 TERM=xterm-256color \
  "$unpacked_prefix/bin/popp-console" doctor 2>/dev/null || true)"
if grep -q "$unpacked_prefix/share/popp-console/themes" <<<"$unpacked_doctor"; then
  pass "the unpacked tarball finds its own themes"
else
  fail "the unpacked tarball's doctor: $(grep themes <<<"$unpacked_doctor")"
fi

# make uninstall leaves nothing of popp-console in the prefix.
cd "$repo"
make --no-print-directory uninstall PREFIX="$prefix" >"$work/uninstall.log" 2>&1 || fail "make uninstall: $(tail -3 "$work/uninstall.log")"
left="$(find "$prefix" -name '*popp-console*' | sed "s|^$prefix/||")"
if [ -z "$left" ]; then pass "make uninstall removes every file"; else fail "make uninstall left: $left"; fi

echo "install check: $failures failed, $(($(date +%s) - started)) s"
[ "$failures" -eq 0 ]
