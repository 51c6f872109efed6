#!/usr/bin/env bash
# Runs a throw-away Redis on 127.0.0.1:<port> (no persistence) that a test can stop and start itself,
# e.g. to see the platform keep working while the cache is down. stack.sh runs the main one (6379) with it.
#
# Usage: scripts/redis-instance.sh start|stop|status <port> [dir]
#   dir defaults to .local/redis-<port>/ and holds redis.pid and redis.log.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
port="${2:-}"
[[ "$command" =~ ^(start|stop|status)$ && "$port" =~ ^[0-9]+$ ]] || {
  echo "usage: $0 start|stop|status <port> [dir]" >&2
  exit 2
}
dir="${3:-$root/.local/redis-$port}"
pid_file="$dir/redis.pid"
start_timeout=10

answers_ping() { [[ "$(timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]]; }

# The pid in our pid file, if that process is still a redis-server (a pid can be reused after a SIGKILL).
our_pid() {
  local pid
  pid="$(cat "$pid_file" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server* ]] && echo "$pid"
}


start() {
  if answers_ping; then
    echo "redis 127.0.0.1:$port already running"
    return
  fi
  mkdir -p "$dir"
  rm -f "$pid_file" # stale: nothing answers on the port
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --protected-mode yes \
    --pidfile "$pid_file" --dir "$dir" --logfile "$dir/redis.log" --save '' --appendonly no
  if ! wait_for "$start_timeout" answers_ping; then
    echo "redis 127.0.0.1:$port did not answer PING within ${start_timeout}s; end of $dir/redis.log:" >&2
    tail -n 20 "$dir/redis.log" >&2 || true
    exit 1
  fi
  echo "redis 127.0.0.1:$port started (pid $(cat "$pid_file"))"
}

stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$pid_file"
    if answers_ping; then
      echo "redis 127.0.0.1:$port is running but was not started from $dir; left alone" >&2
      exit 1
    fi
    echo "redis 127.0.0.1:$port not running"
    return
  fi
  timeout 5 redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 10 exited "$pid"; then
    echo "redis 127.0.0.1:$port (pid $pid) did not stop within 10s" >&2
    exit 1
  fi
  rm -f "$pid_file"
  echo "redis 127.0.0.1:$port stopped"
}

status() {
  if answers_ping; then
    echo "redis     running  127.0.0.1:$port  (pid $(our_pid || echo '?'), $dir)"
  else
    echo "redis     stopped  127.0.0.1:$port"
    return 1
  fi
}

"$command"
