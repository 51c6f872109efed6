#!/usr/bin/env bash
# Runs a throw-away RabbitMQ node on 127.0.0.1:<port> that a test can stop and start itself, e.g. to see
# the platform keep accepting writes while the broker is down and deliver everything once it is back.
# The main broker (rabbit@localhost on 5672, scripts/stack.sh) is never touched: every command here
# names the instance's node, and epmd, which both share, is left running.
#
# Usage: scripts/rabbitmq-instance.sh start|stop|status|delete <port> [--management]
#   start    starts the node (idempotent), waits until it accepts AMQP connections, prints the URI:
#            amqp://guest:guest@127.0.0.1:<port>/  (guest may only log in over loopback, which is all we bind)
#            --management also serves the management UI/API on http://127.0.0.1:<port+10000>/ (guest/guest).
#   stop     `rabbitmqctl shutdown` of the node; its data (durable queues and their messages) stays.
#   status   exit code 0 when the node is running.
#   delete   stop, then remove its data and logs (`reset` is the same).
#
# Per instance:
#   node name        rabbit-<port>@localhost
#   AMQP             127.0.0.1:<port>
#   management       127.0.0.1:<port+10000> (only with --management)
#   Erlang dist.     127.0.0.1:<port+20000>; its CLI tools use <port+30000>..<port+30010>
#   files            .local/rabbitmq-<port>/ (mnesia/ with the queues, log/, rabbitmq.pid, enabled_plugins,
#                    rabbitmq.conf), owned by user rabbitmq, as whom the Debian wrapper runs the broker.
#                    When the rabbitmq user cannot reach the checkout (e.g. it is under a 0700 home), they
#                    go to /var/lib/rabbitmq/instances/rabbit-<port>/ instead.
# So <port> must be at most 35525.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PATH:/usr/sbin:/sbin"
command="${1:-}"
port="${2:-}"
management=false
[[ "${3:-}" == --management ]] && management=true
if ! [[ "$command" =~ ^(start|stop|status|delete|reset)$ && "$port" =~ ^[1-9][0-9]{0,4}$ &&
  "${3:---management}" == --management ]] || ((port > 35525)); then
  echo "usage: $0 start|stop|status|delete <port> [--management]   (port <= 35525)" >&2
  exit 2
fi

node="rabbit-$port@localhost"
management_port=$((port + 10000))
dist_port=$((port + 20000))
uri="amqp://guest:guest@127.0.0.1:$port/"
local_dir="$root/.local/rabbitmq-$port"
fallback_dir="/var/lib/rabbitmq/instances/rabbit-$port"
lock_file="$root/.local/rabbitmq-$port.lock"
start_timeout=120

# fd 9 holds the lock file: the broker started through these must not inherit it.
if [[ $EUID -eq 0 ]]; then
  sudo=()
  as_rabbitmq() { runuser -u rabbitmq -- "$@" 9>&-; }
else
  sudo=(sudo)
  as_rabbitmq() { sudo -u rabbitmq "$@" 9>&-; }
fi
as_root() { "${sudo[@]}" "$@" 9>&-; }

# Where the instance's files are: the checkout when the rabbitmq user can write there.
pick_dir() {
  if as_root test -d "$local_dir" && as_rabbitmq test -w "$local_dir"; then
    dir="$local_dir"
  elif as_root test -d "$fallback_dir"; then
    dir="$fallback_dir"
  elif [[ $command == start ]] && as_root install -d -o rabbitmq -g rabbitmq "$local_dir" &&
    as_rabbitmq test -w "$local_dir"; then
    dir="$local_dir"
  else
    [[ $command != start ]] || as_root rm -rf "$local_dir"
    dir="$fallback_dir"
  fi
  pid_file="$dir/rabbitmq.pid"
  log_file="$dir/log/$node.log"
  set_environment
}

# ERL_EPMD_ADDRESS also binds an epmd that this node or a CLI tool starts (when the main node is down).
export ERL_EPMD_ADDRESS=127.0.0.1
set_environment() {
  local erl_args="-kernel inet_dist_use_interface {127,0,0,1}"
  $management && erl_args+=" -rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,$management_port}]"
  rabbit_env=(
    env
    RABBITMQ_NODENAME="$node"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$port"
    RABBITMQ_DIST_PORT="$dist_port"
    RABBITMQ_CTL_DIST_PORT_MIN=$((port + 30000))
    RABBITMQ_CTL_DIST_PORT_MAX=$((port + 30010))
    RABBITMQ_PID_FILE="$pid_file"
    RABBITMQ_MNESIA_BASE="$dir/mnesia"
    RABBITMQ_LOG_BASE="$dir/log"
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
    ERL_EPMD_ADDRESS=127.0.0.1
    ERL_CRASH_DUMP="$dir/log/erl_crash.dump"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$erl_args"
  )
}
# Runs a RabbitMQ command (through Debian's wrapper, which runs it as user rabbitmq) for this node.
rabbit() { as_root "${rabbit_env[@]}" "$@"; }

die() {
  echo "rabbitmq-instance $port: $*" >&2
  exit 1
}

# Asking epmd first keeps the CLI (slow, ~1 s a call) away from a node that is not there.
registered() { [[ "$(epmd -names 2>/dev/null)" == *$'\n'"name rabbit-$port at port "* ]]; }
gone() { ! registered; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
ready() { registered && rabbit rabbitmq-diagnostics -n "$node" -q check_running >/dev/null 2>&1 && port_open; }

show_log() {
  local file
  for file in "$dir/log/startup.log" "$log_file"; do
    echo "--- end of $file:" >&2
    as_root tail -n 25 "$file" >&2 2>/dev/null || echo "(none)" >&2
  done
}

# A zombie counts as gone.

start() {
  pick_dir
  if ready; then
    echo "rabbitmq $node already running: $uri"
    return
  fi
  local launcher=''
  if ! registered; then
    # Someone else on the port would make the node fail to start; say so plainly.
    ! port_open || die "127.0.0.1:$port is in use by another program"
    as_root install -d -o rabbitmq -g rabbitmq "$dir" "$dir/mnesia" "$dir/log"
    # Our own files, so neither /etc/rabbitmq/enabled_plugins nor a rabbitmq.conf for the main node apply.
    local plugins='[].'
    $management && plugins='[rabbitmq_management].'
    printf '%s\n' "$plugins" | as_root tee "$dir/enabled_plugins" >/dev/null
    printf '# written by scripts/rabbitmq-instance.sh; ports come from its environment variables\n' |
      as_root tee "$dir/rabbitmq.conf" >/dev/null
    as_root touch "$dir/rabbitmq-env.conf"
    # Left behind by a SIGKILL, it would make `rabbitmqctl wait` watch a dead pid.
    as_root rm -f "$pid_file"
    # Not -detached: that loses everything Erlang prints before the node's log is open (a distribution
    # port in use, a bad argument). In its own session, so a Ctrl-C of the test run does not reach it;
    # with no tie to our stdout, so whoever reads that (a C# test) sees the end of it.
    # exec: no bash is left waiting on the broker with the lock (fd 9) open.
    (
      exec 9>&- </dev/null >"$dir/log/startup.log" 2>&1
      exec "${sudo[@]}" "${rabbit_env[@]}" setsid rabbitmq-server
    ) &
    launcher=$!
  fi
  # A node already registered is one still starting (or another start of it): wait for it the same way.
  local deadline=$((SECONDS + start_timeout)) output
  until as_root test -s "$pid_file"; do
    if [[ -n $launcher ]] && exited "$launcher"; then
      show_log
      die "node $node exited while starting (files: $dir)"
    fi
    if ((SECONDS >= deadline)); then
      show_log
      die "node $node wrote no pid file within ${start_timeout}s (files: $dir)"
    fi
    sleep 0.2
  done
  if ! output="$(rabbit timeout $((deadline - SECONDS + 5)) rabbitmqctl -n "$node" -q wait --timeout $((deadline - SECONDS)) "$pid_file" 2>&1)" ||
    ! wait_for 30 ready; then
    [[ -z $output ]] || echo "$output" >&2
    show_log
    die "node $node did not become ready within ${start_timeout}s (files: $dir)"
  fi
  local extra=''
  $management && extra="  management http://127.0.0.1:$management_port/"
  echo "rabbitmq $node started: $uri$extra"
}

stop() {
  pick_dir
  if ! registered; then
    as_root rm -f "$pid_file"
    echo "rabbitmq $node not running"
    return
  fi
  # shutdown returns once the node's OS process has exited. epmd stays: the main node may use it.
  local output
  if ! output="$(rabbit timeout 90 rabbitmqctl -n "$node" -q shutdown 2>&1)" || ! wait_for 10 gone; then
    [[ -z $output ]] || echo "$output" >&2
    show_log
    die "node $node did not shut down"
  fi
  as_root rm -f "$pid_file"
  echo "rabbitmq $node stopped"
}

status() {
  pick_dir
  if ready; then
    echo "rabbitmq  running  127.0.0.1:$port  (node $node, $dir, $uri)"
  else
    echo "rabbitmq  stopped  127.0.0.1:$port  (node $node)"
    return 1
  fi
}

delete() {
  stop
  as_root rm -rf "$local_dir" "$fallback_dir"
  as_root rmdir --ignore-fail-on-non-empty "${fallback_dir%/*}" 2>/dev/null || true
  echo "rabbitmq $node deleted"
}

lock() {
  mkdir -p "$root/.local"
  exec 9>"$lock_file"
  flock -w 300 9 || die "another rabbitmq-instance.sh has held $lock_file for 5 minutes"
}

case "$command" in
  start | stop) lock && "$command" ;;
  status) status ;;
  delete | reset)
    lock
    delete
    rm -f "$lock_file"
    ;;
esac
