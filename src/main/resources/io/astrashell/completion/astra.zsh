#compdef astra
# zsh completion for astra shell. Install one of:
#   source <(astra completion zsh)           in ~/.zshrc, after compinit
#   astra completion zsh > ~/.zfunc/_astra   with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc
# Commands and options are those of the astra that wrote this script. Server values (emails, role
# names, client ids) come from the cache astra keeps in ${ASTRA_HOME:-~/.astra}/completion (the
# prompt fills it, and so does 'astra refresh'): no JVM starts on a Tab.

# No emulate -L zsh here: compsys has set the options it needs (_comp_options), and _describe
# fails under zsh's defaults.
_astra() {
  local profile=default env= rcfile= cmd= w expect= kind= end= argline= expl
  local -i i args=0
  local -a candidates
  local match_case='m:{[:lower:][:upper:]}={[:upper:][:lower:]}'
  for (( i = 2; i < CURRENT; i++ )); do
    w=${(Q)words[i]}
    if [[ -n $expect ]]; then
      _astra_scope "$expect" "$w"
      expect=
      continue
    fi
    if [[ -z $end ]]; then
      case $w in
        (--) end=1; continue ;;
        (-?*=*) _astra_scope "${w%%=*}" "${w#*=}" ;;
        (-?*) _astra_option_kind $w && expect=$w ;;
      esac
      [[ $w == -?* ]] && continue
    fi
    if (( args == 0 )) && _astra_is_command "${cmd:+$cmd }$w"; then
      cmd="${cmd:+$cmd }$w"
    else
      (( args++ ))
      argline="${argline:+$argline }$w"
    fi
  done
  if [[ -z $expect && -z $end && $PREFIX == -?*=* ]]; then
    expect=${PREFIX%%=*}
    compset -P '*='
  fi
  if [[ -n $expect ]]; then
    _astra_option_kind $expect && _astra_complete $kind
    return
  fi
  if [[ -z $end && $PREFIX == -* ]]; then
    _astra_options $cmd
    _describe -t options 'option' candidates -M $match_case
    return
  fi
  _astra_next $cmd
  if (( $#candidates && args == 0 )); then
    _describe -t commands 'command' candidates -M $match_case
    return
  fi
  _astra_argument $cmd $args && _astra_complete $kind
}

# Completes a value of a kind, from where the tables say its values come from (_astra_source).
_astra_complete() {
  local source= label=
  _astra_source $1
  case $source in
    (cached) _astra_cached $1 && _describe -t ${label// /-} $label candidates -M $match_case ;;
    (profiles) _astra_profiles && _wanted profiles expl $label compadd -M $match_case -a candidates ;;
    (commands) _astra_next "$argline" && _describe -t commands $label candidates -M $match_case ;;
    (files) _files ;;
    (choices) _astra_list $1 && _wanted values expl $label compadd -M $match_case -a candidates ;;
    (none|'') ;;
  esac
}

# candidates: the cached values of a server kind (USER, ROLE...) of the line's profile, as
# value:description (the value's \ and : escaped for _describe); where the store keeps them:
# _astra_store_file, in the tables.
_astra_cached() {
  local home=${ASTRA_HOME:-$HOME/.astra} e f text line
  local -a lines
  candidates=()
  for e in $(_astra_environment $env); do
    _astra_store_file "$home" "$1" "$profile" "$e" || return 1
    [[ -f $f && -r $f ]] || continue
    text=$(_astra_safe $f)
    lines=(${(f)text})
    if [[ $text == *[:\\]* ]]; then
      for line in $lines; do
        [[ $line == ?*$'\t'* ]] && candidates+=("${${${line%%$'\t'*}//\\/\\\\}//:/\\:}:${line#*$'\t'}")
      done
    else
      # nothing to escape: the quick way (10,000 lines in some 20 ms)
      candidates+=(${${(M)lines:#?*$'\t'*}/$'\t'/:})
    fi
  done
  (( $#candidates ))
}

# candidates: the profiles (sections) of the configuration file; a name with a control or
# bidirectional character (a hand-edited file) is left out, as at the prompt.
_astra_profiles() {
  local rc=${rcfile:-${ASTRARC:-$HOME/.astrarc}} line
  local -a names
  [[ $rc == '~/'* ]] && rc=$HOME/${rc#'~/'}
  candidates=()
  [[ -f $rc && -r $rc ]] || return 1
  for line in ${(f)"$(<$rc)"}; do
    [[ $line =~ '^[[:space:]]*\[(.*)\][[:space:]]*$' ]] && names+=("$match[1]")
  done
  (( $#names )) && candidates=(${(f)"$(print -rl -- $names | _astra_safe -e $'\t')"})
  (( $#candidates ))
}

@TABLES@
if [[ ${funcstack[1]-} == _astra ]]; then
  # loaded from $fpath at the first Tab
  _astra "$@"
else
  # sourced
  if (( ! ${+functions[compdef]} )); then
    autoload -Uz compinit && compinit
  fi
  compdef _astra astra
fi
