#!/usr/bin/env bash
# Runs the platform on this machine: installs and starts the servers (scripts/stack.sh), builds the
# solution and starts every service that exists on 127.0.0.1.
#
#   ./run.sh                   in the foreground; Ctrl-C stops the services (the servers keep running)
#   ./run.sh --background|-d   services keep running: pid files in .local/run/, logs in .local/logs/
#   ./run.sh stop              stops the services (started by either form)
#   ./run.sh stop --all        ... and the servers too
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# name, project directory, port. A service starts once its directory holds a .csproj.
services=(
  "console                  Services/Operations              8000"
  "auth                     Services/Auth                    8001"
  "agent-designer           Services/AgentDesigner           8002"
  "workflow-engine          Services/WorkflowEngine          8003"
  "integration-hub          Services/IntegrationHub          8004"
  "ai-model                 Services/AiModel                 8005"
  "websocket                Services/WebSocket               8006"
  "transaction-coordinator  Services/TransactionCoordinator  8007"
  "service-discovery        Services/ServiceDiscovery        8008"
)
run_dir=.local/run
log_dir=.local/logs
health_timeout=120
stop_timeout=15

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

die() {
  echo "run.sh: $*" >&2
  exit 1
}

# A zombie counts as gone; the pid must still be one of our dotnet processes (pids get reused).
exited() { [[ "$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null)" =~ ^(Z|)$ ]]; }
service_pid() {
  local pid
  pid="$(cat "$run_dir/$1.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && ! exited "$pid" && [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == dotnet* ]] && echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() { [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" == 200 ]]; }

# Called in an `||` list, where errexit is off: every failure here returns explicitly.
launch_service() {
  local name="$1" dir="$2" port="$3" csproj dll pid log="$log_dir/$1.log" projects
  if pid="$(service_pid "$name")"; then
    echo "  $name already running (pid $pid)"
    return
  fi
  projects=("$dir"/*.csproj)
  csproj="${projects[0]}"
  dll="$(dotnet msbuild "$csproj" -getProperty:TargetPath -p:Configuration=Release)" || return 1
  if [[ ! -f "$dll" ]]; then
    echo "run.sh: $name: $dll was not built (is $csproj in AgentLightning.sln?)" >&2
    return 1
  fi
  if port_in_use "$port"; then
    echo "run.sh: $name: port $port is already in use" >&2
    return 1
  fi

  # setsid: a Ctrl-C in the terminal reaches this script only, which then stops each service in turn.
  # The project directory is the content root, as with `dotnet run`, so appsettings.json is found.
  (cd "$dir" && exec setsid dotnet "$dll" --urls "http://127.0.0.1:$port") >"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$run_dir/$name.pid"
}

# Ready, not merely live: its database, cache and broker answer, so the printed URLs work at once.
wait_until_ready() {
  local name="$1" port="$2" pid log="$log_dir/$1.log" failure deadline=$((SECONDS + health_timeout))
  pid="$(cat "$run_dir/$name.pid")"
  until ready "$port"; do
    failure=""
    exited "$pid" && failure="exited before it was ready"
    ((SECONDS < deadline)) || failure="was not ready within ${health_timeout}s"
    if [[ -n "$failure" ]]; then
      echo "run.sh: $name $failure on http://127.0.0.1:$port/health/ready; end of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "  $name ready (pid $pid)"
}

stop_services() {
  local file name pid deadline
  for file in "$run_dir"/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    if pid="$(service_pid "$name")"; then
      kill -TERM "$pid" 2>/dev/null || true
      deadline=$((SECONDS + stop_timeout))
      until exited "$pid"; do
        if ((SECONDS >= deadline)); then
          echo "run.sh: $name did not stop within ${stop_timeout}s; killing pid $pid" >&2
          kill -KILL "$pid" 2>/dev/null || true
        fi
        sleep 0.2
      done
      echo "  $name stopped"
    fi
    rm -f "$file"
  done
}

print_urls() {
  local name dir port
  echo
  for entry in "${services[@]}"; do
    read -r name dir port <<<"$entry"
    [[ -f "$run_dir/$name.pid" ]] || continue
    printf '  %-24s http://127.0.0.1:%s  (API reference: /docs)\n' "$name" "$port"
  done
  [[ -f "$run_dir/auth.pid" ]] && echo "  sign in                  POST http://127.0.0.1:8001/auth/login  {\"username\": \"admin\", \"password\": \"$AGENTLIGHTNING_ADMIN_PASSWORD\"}"
  [[ -f "$run_dir/auth.pid" ]] && echo "                           (the password is AGENTLIGHTNING_ADMIN_PASSWORD, kept in .local/dev.env)"
  echo "  rabbitmq management      http://127.0.0.1:15672  (user agent_lightning, password AL_RABBITMQ_PASSWORD in .local/dev.env)"
  echo "  logs: $log_dir/<service>.log"
}

case "${1:-}" in
  stop)
    stop_services
    if [[ "${2:-}" == --all ]]; then scripts/stack.sh stop; else echo "servers left running (./run.sh stop --all stops them)"; fi
    exit 0
    ;;
  --background | -d) background=true ;;
  "") background=false ;;
  *)
    echo "usage: $0 [--background|-d] | stop [--all]" >&2
    exit 2
    ;;
esac

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
command -v curl >/dev/null || die "curl is needed for the health checks (apt-get install curl)"
scripts/stack.sh start
# shellcheck source=scripts/dev-env.sh
source scripts/dev-env.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The first admin's password: the environment's, else the one kept in .local/dev.env, else a new one kept there.
al_load_secret AGENTLIGHTNING_ADMIN_PASSWORD 12
export AGENTLIGHTNING_ADMIN_PASSWORD
# Auth's signing keys stay on this machine (never committed); every other service trusts the keys Auth publishes.
export Auth__KeyDirectory="${Auth__KeyDirectory:-$PWD/.local/auth-keys}"
export Auth__Authority="${Auth__Authority:-http://127.0.0.1:8001}"
dotnet build AgentLightning.sln -c Release -v q -nologo

mkdir -p "$run_dir" "$log_dir"
if ! $background; then
  trap 'echo; echo "stopping the services"; stop_services; echo "servers left running (scripts/stack.sh stop stops them)"; exit 0' INT TERM HUP
fi
# All or nothing: a half-started platform would only confuse. Every service starts at once, then each must be ready.
started=()
for entry in "${services[@]}"; do
  read -r name dir port <<<"$entry"
  compgen -G "$dir/*.csproj" >/dev/null || continue
  launch_service "$name" "$dir" "$port" || {
    stop_services
    exit 1
  }
  started+=("$name $port")
done
((${#started[@]} > 0)) || {
  echo "run.sh: no service project under Services/ yet; nothing to start"
  exit 0
}
for entry in "${started[@]}"; do
  read -r name port <<<"$entry"
  wait_until_ready "$name" "$port" || {
    stop_services
    exit 1
  }
done
print_urls

if $background; then
  echo "running in the background: ./run.sh stop stops the services"
  exit 0
fi
echo "running; Ctrl-C stops the services"
while true; do
  for entry in "${services[@]}"; do
    read -r name _ _ <<<"$entry"
    if [[ -f "$run_dir/$name.pid" ]] && ! service_pid "$name" >/dev/null; then
      echo "run.sh: $name exited; see $log_dir/$name.log" >&2
      rm -f "$run_dir/$name.pid"
    fi
  done
  sleep 2 &
  wait $! || true
done
