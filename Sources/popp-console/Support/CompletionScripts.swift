import ArgumentParser

/// `popp-console --generate-completion-script bash|zsh|fish`: swift-argument-parser's script, plus what it leaves out.
/// Its scripts complete a subcommand's options only after the subcommand's name, but `popp-console` with no subcommand
/// runs `console`, so the README's `popp-console --theme gruvbox` would complete nothing after `--theme`. Each shell's
/// addition reads such a command line as `popp-console console …`: the first word after the command is an option other
/// than the root's own (`-h`, `--help`, `--version`).
enum CompletionScripts {
  /// The script asked for by `--generate-completion-script SHELL` (or `=SHELL`), nil for any other command line:
  /// those, and a request naming no shell, go to swift-argument-parser as before.
  static func requested(by arguments: [String]) -> String? {
    let flag = "--generate-completion-script"
    let name: String?
    if arguments.count == 2, arguments[0] == flag {
      name = arguments[1]
    } else if arguments.count == 1, arguments[0].hasPrefix(flag + "=") {
      name = String(arguments[0].dropFirst(flag.count + 1))
    } else {
      name = nil
    }
    guard let name, let shell = CompletionShell(rawValue: name) else { return nil }
    return script(for: shell)
  }

  static func script(for shell: CompletionShell) -> String {
    let generated = PoppConsole.completionScript(for: shell)
    switch shell {
    case .bash: return generated + bashDefaultCommand
    case .zsh: return zshWithDefaultCommand(generated)
    case .fish: return generated + fishDefaultCommand
    default: return generated
    }
  }

  /// Registered after the generated `complete` line, so it replaces it; the generated function then sees the words
  /// it would see after `popp-console console`.
  static let bashDefaultCommand = #"""

    # popp-console with no subcommand runs `console`: `popp-console --theme <Tab>` completes as
    # `popp-console console --theme <Tab>` does (added by popp-console to swift-argument-parser's script).
    _popp-console_default_command() {
        if [[ "${COMP_CWORD}" -ge 1 ]]; then
            case "${COMP_WORDS[1]}" in
            -h|--help|--version) ;;
            -*)
                local -r typed_command="${COMP_WORDS[0]}"
                local -r before_command="${COMP_LINE%%"${typed_command}"*}"
                COMP_WORDS=("${typed_command}" console "${COMP_WORDS[@]:1}")
                ((COMP_CWORD++))
                COMP_LINE="${before_command}${typed_command} console${COMP_LINE#"${before_command}${typed_command}"}"
                ((COMP_POINT += 8))
                ;;
            esac
        fi
        _popp-console "${1}" "${2}" "${COMP_WORDS[COMP_CWORD-1]}"
    }

    complete -o filenames -F _popp-console_default_command popp-console

    """#

  /// zsh autoloads the file as `_popp-console` and runs it once, which defines the generated functions and ends with
  /// a block that completes (or registers with compdef); that block is given the wrapper instead. If
  /// swift-argument-parser ever writes the block otherwise, the script is returned as generated.
  static func zshWithDefaultCommand(_ generated: String) -> String {
    let block = #"""
      if [[ "${funcstack[1]}" = _popp-console ]]; then
          _popp-console "${@}"
      else
          compdef _popp-console popp-console
      fi
      """#
    guard let range = generated.range(of: block) else { return generated }
    let wrapped = #"""
      # popp-console with no subcommand runs `console`: `popp-console --theme <Tab>` completes as
      # `popp-console console --theme <Tab>` does (added by popp-console to swift-argument-parser's script).
      _popp-console_default_command() {
          emulate -L zsh
          if (( ${#words} >= 2 )) && [[ "${words[2]}" = -* && "${words[2]}" != (-h|--help|--version) ]]; then
              words=("${words[1]}" console "${(@)words[2,-1]}")
              (( CURRENT++ ))
          fi
          _popp-console "${@}"
      }

      compdef _popp-console_default_command popp-console
      if [[ "${funcstack[1]}" = _popp-console ]]; then
          _popp-console_default_command "${@}"
      fi
      """#
    return generated.replacingCharacters(in: range, with: wrapped)
  }

  /// The generated functions read the command line through `__popp-console_tokens`; this one hands them the tokens
  /// with `console` put in.
  static let fishDefaultCommand = #"""

    # popp-console with no subcommand runs `console`: `popp-console --theme <Tab>` completes as
    # `popp-console console --theme <Tab>` does (added by popp-console to swift-argument-parser's script).
    functions -q __popp-console_tokens_as_typed; or functions -c __popp-console_tokens __popp-console_tokens_as_typed
    function __popp-console_tokens
        set -l tokens (__popp-console_tokens_as_typed $argv)
        if string match -q -- '-*p*' $argv[1]
            set -l first_argument $tokens[2]
            if test (count $tokens) -lt 2
                set first_argument (commandline -ct)
            end
            if string match -q -- '-*' $first_argument; and not contains -- $first_argument -h --help --version
                set tokens $tokens[1] console $tokens[2..]
            end
        end
        printf '%s\n' $tokens
    end

    """#
}
