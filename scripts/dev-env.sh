# shellcheck shell=bash
# Sourced (not run) by stack.sh, run.sh and test.sh; also fine to source in an interactive shell.
# It deliberately sets no shell options: they would leak into whoever sources it.
#
# Secrets live in .local/dev.env (gitignored) as plain KEY=VALUE lines, so that C# tests
# (Tests/Testing/TestServers.cs) and `docker compose --env-file .local/dev.env` can read them too.
# A value already set in the environment wins over the file.

AL_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AL_DEV_ENV_FILE="$AL_REPO_ROOT/.local/dev.env"

# Hex is alphanumeric, so the values need no quoting in connection strings or URLs.
al_random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# Prints the value of KEY in the dev.env file (empty when absent).
al_dev_env_value() {
  [[ -f "$AL_DEV_ENV_FILE" ]] || return 0
  sed -n "s/^$1=//p" "$AL_DEV_ENV_FILE" | tail -n 1
}

# Sets NAME from the environment, else from dev.env; a key missing from dev.env is written there
# (the environment's value or a new random one) so later runs and the C# tests see the same secret.
al_load_secret() {
  local name="$1" bytes="$2" value
  if [[ -z "$(al_dev_env_value "$name")" ]]; then
    mkdir -p "${AL_DEV_ENV_FILE%/*}"
    # The lock keeps two scripts started together from writing two different secrets.
    (
      umask 077
      flock 9
      if [[ -z "$(al_dev_env_value "$name")" ]]; then
        value="${!name:-}"
        printf '%s=%s\n' "$name" "${value:-$(al_random_hex "$bytes")}" >>"$AL_DEV_ENV_FILE"
      fi
    ) 9>>"${AL_DEV_ENV_FILE%/*}/dev.env.lock"
  fi
  value="${!name:-}"
  printf -v "$name" '%s' "${value:-$(al_dev_env_value "$name")}"
}

al_load_secret AL_POSTGRES_PASSWORD 16
al_load_secret AL_RABBITMQ_PASSWORD 16

# The local PostgreSQL listens on 127.0.0.1 only: TLS there protects nothing and costs both ends CPU on every
# round trip, so it is off (Npgsql would otherwise use Debian's snakeoil certificate). Deployments set their own.
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=5432;Database=agent_lightning;Username=agent_lightning;Password=$AL_POSTGRES_PASSWORD;SSL Mode=Disable"
export ConnectionStrings__Redis="127.0.0.1:6379"
export ConnectionStrings__RabbitMq="amqp://agent_lightning:$AL_RABBITMQ_PASSWORD@127.0.0.1:5672/agent_lightning"
