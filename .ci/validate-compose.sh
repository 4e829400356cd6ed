#!/usr/bin/env bash
# Offline checks of the container setup; needs no Docker engine and no network once docker-compose is there.
#   - docker-compose.yml is validated with `docker-compose config -q`. Where the tool is missing it is installed
#     from Debian's packages (on Debian 12 that is docker-compose 1.29, which rejects what Compose v2 alone
#     accepts, such as a top-level `name:`; on Debian 13 it is Compose v2). A `docker compose` plugin, where
#     present, checks the file too.
#   - the five topics of the pipeline (Topics.java defaults) are created by the kafka-init service;
#   - the Dockerfile exists and ships target/newsflow.jar and the launcher bin/newsflow, and pom.xml still builds a
#     jar of that name;
#   - ops/prometheus.yml parses and scrapes both newsflow containers; ops/grafana-dashboard.json parses.
# Usage, from the repository root: bash .ci/validate-compose.sh [COMPOSE_FILE]   (default docker-compose.yml)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

compose_file=${1:-docker-compose.yml}

fail() {
  echo "validate-compose: FAILED: $*" >&2
  exit 1
}

[[ -f $compose_file ]] || fail "$compose_file not found"

# --- the validator: docker-compose, installed from Debian's packages when missing (quiet, idempotent) --------
if ! command -v docker-compose >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || fail "docker-compose is missing and there is no apt-get to install it"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || fail "docker-compose is missing; install it as root: apt-get install docker-compose"
    sudo=(sudo)
  fi
  echo "validate-compose: installing docker-compose (Debian package)"
  log=$(mktemp)
  # --no-install-recommends: skip docker.io, containerd and runc, which `config` does not need.
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300 \
           install --no-install-recommends docker-compose; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    fail "could not install docker-compose with apt-get"
  fi
  rm -f "$log"
fi

# --- docker-compose.yml --------------------------------------------------------------------------------------
# Compose v2 (Debian 13's docker-compose, the docker compose plugin) accepts top-level keys that 1.29 rejects
# (name, include, models): keep the file loadable by both.
extra_keys=$(grep -Eo '^[A-Za-z_][A-Za-z0-9_.-]*:' "$compose_file" | tr -d ':' |
  grep -Ev '^(version|services|networks|volumes|configs|secrets|x-.*)$' || true)
[[ -z $extra_keys ]] ||
  fail "$compose_file has top-level key(s) that docker-compose 1.29 rejects: ${extra_keys//$'\n'/ }"

validators=()
echo "validate-compose: docker-compose $(docker-compose version --short 2>/dev/null || true): $compose_file"
docker-compose -f "$compose_file" config -q || fail "$compose_file is not a valid Compose file (docker-compose)"
validators+=("docker-compose")

if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  docker compose -f "$compose_file" config -q || fail "$compose_file is not a valid Compose file (docker compose)"
  validators+=("docker compose")
fi

topics_java=src/main/java/io/newsflow/config/Topics.java
if [[ -f $topics_java ]]; then
  topics=$(sed -n 's/.*static final String DEFAULT_[A-Z_]* = "\([^"]*\)".*/\1/p' "$topics_java")
  [[ -n $topics ]] || fail "no DEFAULT_* topic names found in $topics_java"
  for topic in $topics; do
    grep -Eq "(^|[[:space:]\"'])${topic}([[:space:]\"';]|\$)" "$compose_file" ||
      fail "topic $topic ($topics_java) is not created in $compose_file"
  done
fi

# --- monitoring: ops/prometheus.yml scrapes both newsflow containers; the Grafana dashboard is valid JSON ------
prometheus_yml=ops/prometheus.yml
dashboard=ops/grafana-dashboard.json
[[ -f $prometheus_yml ]] || fail "$prometheus_yml not found"
[[ -f $dashboard ]] || fail "$dashboard not found"
grep -Eq '^[[:space:]]+- \./ops/prometheus\.yml:/etc/prometheus/prometheus\.yml' "$compose_file" ||
  fail "$compose_file does not mount $prometheus_yml into the prometheus service"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to parse $dashboard and $prometheus_yml"
python3 - "$prometheus_yml" "$dashboard" <<'PY' || fail "monitoring configuration is invalid (see above)"
import json, re, sys
prom, dash = sys.argv[1], sys.argv[2]
text = open(prom, encoding="utf-8").read()
try:
    import yaml  # PyYAML where present (Debian's docker-compose 1.29 depends on it)
    config = yaml.safe_load(text)
    targets = [t for job in config["scrape_configs"] if job.get("metrics_path", "/metrics") == "/metrics"
               for sc in job.get("static_configs", []) for t in sc["targets"]]
except ImportError:
    if "\t" in text:
        sys.exit(prom + ": tab characters are not allowed in YAML")
    targets = re.findall(r'"([A-Za-z0-9_.-]+:[0-9]+)"', text)
for wanted in ("newsflow:8080", "newsflow-fast-alerts:8080"):
    if wanted not in targets:
        sys.exit(prom + ": no scrape target " + wanted)
board = json.load(open(dash, encoding="utf-8"))
exprs = [t["expr"] for p in board["panels"] for t in p.get("targets", [])]
if not exprs:
    sys.exit(dash + ": no panel queries")
for e in exprs:
    if e.count("(") != e.count(")"):
        sys.exit(dash + ": unbalanced parentheses in " + e)
print("validate-compose: monitoring: %d scrape targets, %d dashboard panels, %d queries"
      % (len(targets), len(board["panels"]), len(exprs)))
PY

# --- Dockerfile ------------------------------------------------------------------------------------------------
[[ -f Dockerfile ]] || fail "Dockerfile not found"
grep -Eq '^COPY[[:space:]].*target/newsflow\.jar[[:space:]]+/app/newsflow\.jar' Dockerfile ||
  fail "Dockerfile does not copy target/newsflow.jar to /app/newsflow.jar"
grep -Eq '^COPY[[:space:]].*bin/newsflow[[:space:]]+/app/bin/newsflow' Dockerfile ||
  fail "Dockerfile does not copy the launcher bin/newsflow to /app/bin/newsflow (beside /app/newsflow.jar)"
grep -Eq '^ENTRYPOINT[[:space:]].*/app/bin/newsflow' Dockerfile ||
  fail "Dockerfile's ENTRYPOINT does not run the launcher /app/bin/newsflow"
[[ -x bin/newsflow ]] || fail "bin/newsflow (the launcher) is missing or not executable"
sh -n bin/newsflow || fail "bin/newsflow is not valid POSIX sh"
grep -q '<finalName>newsflow</finalName>' pom.xml ||
  fail "pom.xml no longer names the fat jar newsflow (target/newsflow.jar, which the Dockerfile copies)"

echo "validate-compose: OK: $compose_file (${validators[*]}), Dockerfile"
