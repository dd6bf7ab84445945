# The Python venv the scripts share, .build/fuzz-venv, with packages pinned from PyPI.
# Sourced from the repository's root:
#
#   . scripts/venv.sh
#   venv_require "phonenumbers==9.0.43"        # installs what is missing or at another version
#   "$venv/bin/python" ...

venv=.build/fuzz-venv

venv_require() {
  local pin missing=()
  for pin in "$@"; do
    # Not grep -q: pip would die on the closed pipe, and under pipefail that reads as missing.
    "$venv/bin/pip" show "${pin%%==*}" 2>/dev/null | grep -x "Version: ${pin##*==}" >/dev/null || missing+=("$pin")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} into $venv"
  [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}"
}
