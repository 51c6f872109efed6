#!/usr/bin/env bash
# Runs the servers the platform needs - PostgreSQL 15, Redis 7, RabbitMQ 3.10 with management - from
# Debian packages on 127.0.0.1, without Docker or systemd, and keeps their user/database/vhost in step
# with the secrets in .local/dev.env. Installs the packages when they are missing.
#
# Usage: scripts/stack.sh start|stop|status
#
# Where things live:
#   PostgreSQL  cluster 15/main: data /var/lib/postgresql/15/main, log /var/log/postgresql/postgresql-15-main.log,
#               pid /var/run/postgresql/15-main.pid, our settings /etc/postgresql/15/main/conf.d/agent-lightning.conf
#   Redis       .local/redis/ (redis.pid, redis.log); nothing is persisted
#   RabbitMQ    node rabbit@localhost: data /var/lib/rabbitmq/mnesia/rabbit@localhost/,
#               pid /var/lib/rabbitmq/mnesia/rabbit@localhost.pid, logs /var/log/rabbitmq/
#               (the broker runs as user rabbitmq, which cannot be relied on to reach the checkout)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/dev-env.sh
source "$here/dev-env.sh"
export PATH="$PATH:/usr/sbin:/sbin"

pg_version=15
pg_cluster=main
pg_settings="/etc/postgresql/$pg_version/$pg_cluster/conf.d/agent-lightning.conf"
redis_dir="$AL_REPO_ROOT/.local/redis"
rabbit_pid_file=/var/lib/rabbitmq/mnesia/rabbit@localhost.pid
rabbit_user=agent_lightning
rabbit_vhost=agent_lightning

# A fixed node name does not depend on the host name resolving (containers) and keeps the data
# directory when the host name changes. ERL_EPMD_ADDRESS also binds any epmd a CLI tool starts.
export ERL_EPMD_ADDRESS=127.0.0.1
rabbit_env=(
  RABBITMQ_NODENAME=rabbit@localhost
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  RABBITMQ_NODE_PORT=5672
  RABBITMQ_PID_FILE="$rabbit_pid_file"
  ERL_EPMD_ADDRESS=127.0.0.1
  'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1} -rabbitmq_management tcp_config [{ip,"127.0.0.1"},{port,15672}]'
)

# fd 9 holds .local/stack.lock: the daemons started through these must not inherit it.
if [[ $EUID -eq 0 ]]; then
  as_root() { "$@" 9>&-; }
  as_postgres() { (cd / && runuser -u postgres -- "$@" 9>&-); }
else
  as_root() { sudo "$@" 9>&-; }
  as_postgres() { (cd / && sudo -u postgres "$@" 9>&-); }
fi
rabbit() { as_root env "${rabbit_env[@]}" "$@"; }

die() {
  echo "stack: $*" >&2
  exit 1
}

install_missing() {
  local missing=()
  [[ -x /usr/lib/postgresql/$pg_version/bin/postgres ]] && command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  ((${#missing[@]})) || return 0

  echo "stack: installing ${missing[*]} (log: .local/logs/apt.log)"
  mkdir -p "$AL_REPO_ROOT/.local/logs"
  # The packages would start their own servers (on all interfaces, other node names); we start ours.
  local policy=/usr/sbin/policy-rc.d added=false rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && added=true
  fi
  as_root apt-get update -q >"$AL_REPO_ROOT/.local/logs/apt.log" 2>&1 &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
      >>"$AL_REPO_ROOT/.local/logs/apt.log" 2>&1 || rc=$?
  if $added; then as_root rm -f "$policy"; fi
  if ((rc != 0)); then
    tail -n 30 "$AL_REPO_ROOT/.local/logs/apt.log" >&2
    die "installing ${missing[*]} failed"
  fi
}

# --- PostgreSQL ------------------------------------------------------------------------------------

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 -t 2; }

# One login over TCP proves the password, pg_hba, the database and its owner are as we want them.
pg_in_step() {
  [[ "$(PGPASSWORD="$AL_POSTGRES_PASSWORD" PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -U agent_lightning -d agent_lightning -XAtq \
    -c "select r.rolcreatedb and d.datdba = r.oid from pg_roles r, pg_database d
        where r.rolname = current_user and d.datname = current_database()" 2>/dev/null)" == t ]]
}

pg_sync_role_and_database() {
  # The password goes through stdin, not the command line. Explicit UTF-8: a cluster created
  # under an unset locale would otherwise hand out SQL_ASCII.
  {
    printf "\\set pw '%s'\n" "$AL_POSTGRES_PASSWORD"
    cat <<'SQL'
SELECT 'CREATE ROLE agent_lightning' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'agent_lightning') \gexec
ALTER ROLE agent_lightning LOGIN CREATEDB PASSWORD :'pw';
SELECT 'CREATE DATABASE agent_lightning OWNER agent_lightning TEMPLATE template0 ENCODING ''UTF8'' LOCALE ''C.UTF-8'''
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'agent_lightning') \gexec
ALTER DATABASE agent_lightning OWNER TO agent_lightning;
SQL
  } | as_postgres psql -XAtq -v ON_ERROR_STOP=1 -d postgres >/dev/null
}

# A SIGKILLed postmaster can linger as a zombie until init reaps it; while its pid exists, pg_ctlcluster
# says "already running" and a new postmaster refuses the socket lock file. So retry for a while.
pg_start() {
  local output deadline=$((SECONDS + 20))
  until output="$(as_root pg_ctlcluster "$pg_version" "$pg_cluster" start 2>&1)"; do
    pg_ready && return # it was starting up (crash recovery) after all
    if ((SECONDS >= deadline)); then
      echo "$output" >&2
      return 1
    fi
    sleep 1
  done
}

start_postgres() {
  if [[ ! -f /etc/postgresql/$pg_version/$pg_cluster/postgresql.conf ]]; then
    as_root pg_createcluster --locale C.UTF-8 --encoding UTF8 "$pg_version" "$pg_cluster" >/dev/null
  fi
  # More connections than the default 100: every service and test host keeps its own pool.
  local settings="listen_addresses = '127.0.0.1'
max_connections = 300"
  if [[ "$(cat "$pg_settings" 2>/dev/null)" != "$settings" ]]; then
    printf '%s\n' "$settings" | as_root tee "$pg_settings" >/dev/null
    if as_root pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1; then
      as_root pg_ctlcluster "$pg_version" "$pg_cluster" restart
    fi
  fi
  pg_ready || pg_start
  if ! wait_for 30 pg_ready; then
    as_root tail -n 20 "/var/log/postgresql/postgresql-$pg_version-$pg_cluster.log" >&2 || true
    die "PostgreSQL is not accepting connections on 127.0.0.1:5432 after 30s"
  fi
  pg_in_step || pg_sync_role_and_database
  pg_in_step || die "PostgreSQL: cannot log in as agent_lightning to database agent_lightning"
}

stop_postgres() {
  if as_root pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1; then
    as_root pg_ctlcluster "$pg_version" "$pg_cluster" stop
    echo "postgres stopped"
  else
    echo "postgres not running"
  fi
}

status_postgres() {
  if pg_ready; then
    echo "postgres  running  127.0.0.1:5432  (cluster $pg_version/$pg_cluster)"
  else
    echo "postgres  stopped"
    return 1
  fi
}

# --- Redis -----------------------------------------------------------------------------------------

start_redis() { "$here/redis-instance.sh" start 6379 "$redis_dir" >/dev/null 9>&-; }
stop_redis() { "$here/redis-instance.sh" stop 6379 "$redis_dir"; }
status_redis() { "$here/redis-instance.sh" status 6379 "$redis_dir"; }

# --- RabbitMQ --------------------------------------------------------------------------------------

# Asking epmd first keeps the CLI (which would start an epmd of its own) away from a stopped node.
rabbit_registered() { [[ "$(epmd -names 2>/dev/null)" == *$'\nname rabbit at port'* ]]; }
rabbit_ready() { rabbit_registered && rabbit rabbitmq-diagnostics -q check_running >/dev/null 2>&1; }

# One management API call proves the user, its password, its administrator tag (the endpoint needs
# it), the vhost and the permissions; a second one that guest is gone.
rabbit_in_step() {
  local permissions
  permissions="$(curl -fsS -m 5 -u "$rabbit_user:$AL_RABBITMQ_PASSWORD" \
    "http://127.0.0.1:15672/api/permissions/$rabbit_vhost/$rabbit_user" 2>/dev/null)" || return 1
  [[ "$permissions" == *'"configure":".*"'* && "$permissions" == *'"write":".*"'* && "$permissions" == *'"read":".*"'* ]] &&
    ! curl -fsS -m 5 -o /dev/null -u guest:guest "http://127.0.0.1:15672/api/whoami" 2>/dev/null
}

rabbit_sync_user_and_vhost() {
  # Captured rather than piped into grep -q, which could end the pipe early and fail it (pipefail).
  local vhosts users
  vhosts="$(rabbit rabbitmqctl -q list_vhosts)"
  users="$(rabbit rabbitmqctl -q list_users)"
  grep -qx "$rabbit_vhost" <<<"$vhosts" || rabbit rabbitmqctl -q add_vhost "$rabbit_vhost"
  if grep -q "^${rabbit_user}[[:space:]]" <<<"$users"; then
    rabbit rabbitmqctl -q change_password "$rabbit_user" "$AL_RABBITMQ_PASSWORD"
  else
    rabbit rabbitmqctl -q add_user "$rabbit_user" "$AL_RABBITMQ_PASSWORD"
  fi
  rabbit rabbitmqctl -q set_user_tags "$rabbit_user" administrator
  rabbit rabbitmqctl -q set_permissions -p "$rabbit_vhost" "$rabbit_user" '.*' '.*' '.*'
  # The broker's first start creates guest/guest, an administrator that anything on this machine could use
  # (a loopback webhook target in development, say). Nothing of ours logs in as guest on this node.
  if grep -q "^guest[[:space:]]" <<<"$users"; then
    rabbit rabbitmqctl -q delete_user guest
  fi
}

start_rabbitmq() {
  if ! grep -qs rabbitmq_management /etc/rabbitmq/enabled_plugins; then
    rabbit rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
  fi
  if ! rabbit_ready; then
    # Left behind by a SIGKILL, it would make `rabbitmqctl wait` watch a dead pid.
    as_root rm -f "$rabbit_pid_file"
    rabbit rabbitmq-server -detached
    if ! rabbit timeout 120 rabbitmqctl -q wait --timeout 90 "$rabbit_pid_file" >/dev/null 2>&1 ||
      ! wait_for 30 rabbit_ready; then
      as_root tail -n 20 /var/log/rabbitmq/rabbit@localhost.log >&2 || true
      die "RabbitMQ did not become ready within 120s (logs: /var/log/rabbitmq/)"
    fi
  fi
  if ! command -v curl >/dev/null || ! rabbit_in_step; then
    rabbit_sync_user_and_vhost
  fi
}

stop_rabbitmq() {
  if rabbit_registered; then
    rabbit rabbitmqctl -q shutdown >/dev/null
    echo "rabbitmq stopped"
  else
    echo "rabbitmq not running"
  fi
  # epmd refuses to die while a node is registered with it, so this only ends an idle one.
  if epmd -names >/dev/null 2>&1; then epmd -kill >/dev/null || true; fi
}

status_rabbitmq() {
  if rabbit_ready; then
    echo "rabbitmq  running  127.0.0.1:5672  (node rabbit@localhost, management http://127.0.0.1:15672)"
  else
    echo "rabbitmq  stopped"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------

lock() {
  mkdir -p "$AL_REPO_ROOT/.local"
  # Two test runs starting at once must not both start the servers.
  exec 9>"$AL_REPO_ROOT/.local/stack.lock"
  flock -w 300 9 || die "another stack.sh has held .local/stack.lock for 5 minutes"
}

case "${1:-}" in
  start)
    lock
    install_missing
    started=$SECONDS
    start_postgres
    start_redis
    start_rabbitmq
    echo "stack: postgres, redis and rabbitmq ready on 127.0.0.1 ($((SECONDS - started))s)"
    ;;
  stop)
    lock
    # Each stop is tried even when another fails.
    rc=0
    stop_rabbitmq || rc=1
    stop_redis || rc=1
    stop_postgres || rc=1
    exit "$rc"
    ;;
  status)
    rc=0
    status_postgres || rc=1
    status_redis || rc=1
    status_rabbitmq || rc=1
    exit "$rc"
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
