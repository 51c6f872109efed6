# shellcheck shell=bash
# Helpers shared by the stack scripts; sourced, sets no shell options.

# wait_for SECONDS COMMAND...: runs COMMAND until it succeeds; fails after SECONDS.
wait_for() {
  local seconds="$1"
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# A zombie counts as gone: a daemon's parent is init, which may reap it only a second later.
exited() { [[ "$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null)" =~ ^(Z|)$ ]]; }
