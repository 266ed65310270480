# bash completion for astra shell (bash 3.2 and later). Install one of:
#   source <(astra completion bash)        in ~/.bashrc
#   astra completion bash > ~/.local/share/bash-completion/completions/astra
# Commands and options are those of the astra that wrote this script. Server values (emails, role
# names, client ids) come from the cache astra keeps in ${ASTRA_HOME:-~/.astra}/completion (the
# prompt fills it, and so does 'astra refresh'): no JVM starts on a Tab.
# Written for bash 3.2 (macOS) too: no ${x,,}, no associative arrays, no mapfile, compopt guarded.

# The line up to the cursor split as the command will get it (quotes and backslashes taken off;
# COMP_WORDS cannot serve, bash splits it at @ : = too). Sets the caller's words, quote (the quote
# left open in the last word) and raw (the last word as typed).
_astra_split() {
  local line="$1" i=0 n=${#1} c w="" start=-1
  words=()
  quote=""
  while ((i < n)); do
    c="${line:i:1}"
    if [[ -n "$quote" ]]; then
      if [[ "$c" == "$quote" ]]; then
        quote=""
      elif [[ "$quote$c" == \"\\ ]] && ((i + 1 < n)); then
        i=$((i + 1))
        c="${line:i:1}"
        case "$c" in
          '"' | \\ | '$' | '`') w="$w$c" ;;
          *) w="$w\\$c" ;;
        esac
      else
        w="$w$c"
      fi
    else
      case "$c" in
        ' ' | $'\t' | $'\n')
          if ((start >= 0)); then
            words[${#words[@]}]="$w"
            w=""
            start=-1
          fi
          ;;
        ';' | '&' | '|' | '(' | ')')
          words=()
          w=""
          start=-1
          ;;
        *)
          if ((start < 0)); then
            start=$i
          fi
          case "$c" in
            "'" | '"') quote="$c" ;;
            \\)
              i=$((i + 1))
              w="$w${line:i:1}"
              ;;
            *) w="$w$c" ;;
          esac
          ;;
      esac
    fi
    i=$((i + 1))
  done
  words[${#words[@]}]="$w"
  raw=""
  if ((start >= 0)); then
    raw="${line:start}"
  fi
}

# $1 escaped for the inside of the open quote ($quote), into the caller's w.
_astra_escape() {
  local s="$1" r="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    if [[ "$quote" == "'" ]]; then
      case "$c" in
        "'") r="$r'\\''" ;;
        *) r="$r$c" ;;
      esac
    else
      case "$c" in
        '"' | \\ | '$' | '`') r="$r\\$c" ;;
        *) r="$r$c" ;;
      esac
    fi
  done
  w="$r"
}

# COMPREPLY: the candidates of $1 (one a line) that start with $cur, case ignored, each written as
# the line needs it (escaped, or inside the quote the word opened) less the part of the word that
# readline keeps ($drop characters: the opening quote, or what stands before a @ : or =).
_astra_reply() {
  local w nocase=0
  COMPREPLY=()
  if shopt -q nocasematch; then
    nocase=1
  fi
  shopt -s nocasematch
  while IFS= read -r w; do
    if [[ -n "$w" && "$w" == "$cur"* ]]; then
      w="$pre$w"
      if [[ -z "$quote" ]]; then
        printf -v w '%q' "$w"
      else
        case "$w" in
          *"$quote"* | *\\* | *'$'* | *'`'*) _astra_escape "$w" ;;
        esac
        w="$quote$w"
        case "$w" in
          # readline takes a match that ends with the quote character for one that closes the quote
          ?*"$quote") w="$w$quote" ;;
        esac
      fi
      COMPREPLY[${#COMPREPLY[@]}]="${w:drop}"
    fi
  done <<<"$1"
  if ((nocase == 0)); then
    shopt -u nocasematch
  fi
}

# The cached values of a server kind (USER, ROLE...) for the line's profile, one a line
# (where and how the store keeps them: _astra_store_file and _astra_store_values, in the tables).
_astra_cached() {
  local home="${ASTRA_HOME:-${HOME:-}/.astra}" e f
  for e in $(_astra_environment "$env"); do
    _astra_store_file "$home" "$1" "$profile" "$e" || return 0
    if [[ -f "$f" ]]; then
      _astra_store_values "$f"
    fi
  done
}

# The profiles (sections) of the configuration file; a name with a control or bidirectional
# character (a hand-edited file) is left out, as at the prompt.
_astra_profiles() {
  local rc="${rcfile:-${ASTRARC:-${HOME:-}/.astrarc}}"
  # shellcheck disable=SC2088 # a ~ typed in a quoted --config-file value
  case "$rc" in
    '~/'*) rc="${HOME:-}/${rc#'~/'}" ;;
  esac
  if [[ -f "$rc" ]]; then
    sed -n 's/^[[:space:]]*\[\(.*\)\][[:space:]]*$/\1/p' "$rc" | _astra_safe -e $'\t'
  fi
}

# Completes a value of a kind, from where the tables say its values come from (_astra_source).
_astra_complete() {
  local reply="" w source=""
  _astra_source "$1"
  case "$source" in
    cached) reply="$(_astra_cached "$1")" ;;
    profiles) reply="$(_astra_profiles)" ;;
    commands) _astra_next "$argline" ;;
    files)
      if type compopt >/dev/null 2>&1 && [[ -z "$pre" ]]; then
        # bash 4 and later: readline quotes the names and marks the folders
        compopt -o filenames
        COMPREPLY=()
        while IFS= read -r w; do
          COMPREPLY[${#COMPREPLY[@]}]="$w"
        done < <(compgen -f -- "$cur")
        return
      fi
      reply="$(compgen -f -- "$cur")"
      ;;
    choices) _astra_list "$1" ;;
    none | "") ;;
  esac
  _astra_reply "$reply"
}

_astra() {
  local words quote raw cur pre="" drop w i n kind="" reply=""
  local profile=default env="" rcfile="" cmd="" expect="" end=0 args=0 argline=""
  _astra_split "${COMP_LINE:0:COMP_POINT}"
  # variable assignments before the command
  while ((${#words[@]} > 1)) && [[ "${words[0]}" == [A-Za-z_]*=* ]]; do
    words=("${words[@]:1}")
  done
  n=${#words[@]}
  cur="${words[n - 1]}"
  # $2, from complete -F: the part of the word readline replaces (after a quote, @, : or =)
  local word="${2-$raw}"
  drop=$((${#raw} - ${#word}))
  if ((drop < 0)); then
    drop=0
  fi
  for ((i = 1; i < n - 1; i++)); do
    w="${words[i]}"
    if [[ -n "$expect" ]]; then
      _astra_scope "$expect" "$w"
      expect=""
      continue
    fi
    if ((end == 0)); then
      case "$w" in
        --)
          end=1
          continue
          ;;
        -?*=*) _astra_scope "${w%%=*}" "${w#*=}" ;;
        -?*) _astra_option_kind "$w" && expect="$w" ;;
      esac
      case "$w" in
        -?*) continue ;;
      esac
    fi
    if ((args == 0)) && _astra_is_command "${cmd:+$cmd }$w"; then
      cmd="${cmd:+$cmd }$w"
    else
      args=$((args + 1))
      argline="${argline:+$argline }$w"
    fi
  done
  if [[ -z "$expect" && $end -eq 0 && "$cur" == -?*=* ]]; then
    expect="${cur%%=*}"
    pre="$expect="
    cur="${cur#*=}"
  fi
  if [[ -n "$expect" ]]; then
    if _astra_option_kind "$expect"; then
      _astra_complete "$kind"
    else
      COMPREPLY=()
    fi
    return 0
  fi
  if ((end == 0)) && [[ "$cur" == -* ]]; then
    _astra_options "$cmd"
    _astra_reply "$reply"
    return 0
  fi
  _astra_next "$cmd"
  if [[ -n "$reply" ]] && ((args == 0)); then
    _astra_reply "$reply"
    return 0
  fi
  _astra_argument "$cmd" "$args"
  _astra_complete "$kind"
  return 0
}

@TABLES@
complete -F _astra astra
