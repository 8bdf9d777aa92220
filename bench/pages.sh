#!/usr/bin/env bash
# Page benchmark (docs/benchmarks.md, "Pages under wrk"): wrk at 64 connections against
#   (a) /mock-exams, a signed-in page whose handler runs one query and renders FreeMarker,
#   (b) the case-search API, a different search on each request (bench/case-search.lua),
#   (c) the same-run ceiling: a bare Vert.x route with one PostgreSQL query and a FreeMarker
#       template (org.qinglan.bench.CeilingServer), on as many event loops as the node serves
#       HTTP with,
# in rounds (c, a, b), each a warm-up and a timed run (wrk timeout 10 s, so slow answers count in the
# latency instead of being dropped), and prints requests/s, p99 and each as a
# ratio to (c). Everything runs on 127.0.0.1; every process the script starts it stops.
#
#   bench/pages.sh [--instances N] [--duration S] [--warmup S] [--jit-warmup S] [--runs N] [--connections N] [--threads N]
#
# Before the rounds each target gets --jit-warmup seconds (default 30) of load, untimed: with 5 s
# only, the first rounds measured the JIT compiler more than the server.
#
# --instances: HTTP instances of the node (passed as --http-instances when the jar knows it; the
# ceiling gets the same number). Without it: the jar's default (QINGLAN_HTTP_INSTANCES, else the
# number of cores) when it knows the option, else 1, the one event loop such a jar serves HTTP on.
# Database: QINGLAN_DATABASE_URL or the libpq variables (PGHOST, ...) name a server, on which a
# fresh database is made and dropped at the end (needs psql); else the node starts an embedded
# PostgreSQL in a temporary data directory. The demo accounts' password is QINGLAN_DEMO_PASSWORD,
# or one made up for this run.
set -euo pipefail
cd "$(dirname "$0")/.."

INSTANCES=""
DURATION=20
WARMUP=5
JIT_WARMUP=30
RUNS=3
CONNECTIONS=64
THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --jit-warmup) JIT_WARMUP="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# {0,1}//;p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

# The jar when missing or older than the sources; the ceiling's class when missing or older than its source.
if [ ! -f target/qinglan.jar ] || [ -n "$(find src/main pom.xml -newer target/qinglan.jar -type f | head -1)" ]; then
  echo "Building target/qinglan.jar..."
  mvn -q package -DskipTests
fi
CEILING_CLASS=target/test-classes/org/qinglan/bench/CeilingServer.class
if [ ! -f "$CEILING_CLASS" ] || [ src/test/java/org/qinglan/bench/CeilingServer.java -nt "$CEILING_CLASS" ] \
    || [ src/test/resources/bench/ceiling.ftlh -nt "$CEILING_CLASS" ]; then
  echo "Compiling the ceiling server..."
  mvn -q test-compile
fi

WORK=$(mktemp -d /tmp/qinglan-pages.XXXXXX)
NODE_PID=""
CEILING_PID=""
DROP_DB=""

stop_pid() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.5
  done
  echo "process $pid did not stop within 30 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$CEILING_PID"
  stop_pid "$NODE_PID"   # an embedded PostgreSQL stops with its node
  if [ -n "$DROP_DB" ]; then
    eval "$DROP_DB" >/dev/null 2>&1 || echo "could not drop the benchmark database" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# ---- the database ----
DB_NAME="qinglan_bench_$$"
if [ -n "${QINGLAN_DATABASE_URL:-}" ]; then
  DB_KIND="server $(echo "$QINGLAN_DATABASE_URL" | sed -E 's#//([^:@/]*)(:[^@/]*)?@#//\1@#; s#/[^/]*$##')"
  psql -q "$QINGLAN_DATABASE_URL" -c "CREATE DATABASE $DB_NAME ENCODING 'UTF8' TEMPLATE template0"
  ADMIN_URL="$QINGLAN_DATABASE_URL"
  DROP_DB="psql -q \"\$ADMIN_URL\" -c \"DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)\""
  export QINGLAN_DATABASE_URL="${QINGLAN_DATABASE_URL%/*}/$DB_NAME"
elif env | grep -qE '^PG(HOST|PORT|USER|PASSWORD|DATABASE)='; then
  DB_KIND="server ${PGHOST:-localhost}:${PGPORT:-5432} (libpq variables)"
  psql -q -d "${PGDATABASE:-${PGUSER:-postgres}}" -c "CREATE DATABASE $DB_NAME ENCODING 'UTF8' TEMPLATE template0"
  ADMIN_DB="${PGDATABASE:-${PGUSER:-postgres}}"
  DROP_DB="psql -q -d \"\$ADMIN_DB\" -c \"DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)\""
  export PGDATABASE="$DB_NAME"
else
  DB_KIND="embedded (started by the node)"
fi
export QINGLAN_DEMO_PASSWORD="${QINGLAN_DEMO_PASSWORD:-Bench-$(head -c 9 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-26}"

# ---- the node ----
HTTP_OPTION=()
if java -jar target/qinglan.jar serve --help 2>/dev/null | grep -q -- '--http-instances'; then
  KNOWS_INSTANCES=yes
  if [ -n "$INSTANCES" ]; then
    HTTP_OPTION=(--http-instances "$INSTANCES")
  else
    INSTANCES=${QINGLAN_HTTP_INSTANCES:-$(nproc)}
  fi
else
  KNOWS_INSTANCES=no
  if [ -n "$INSTANCES" ] && [ "$INSTANCES" != 1 ]; then
    echo "note: this jar has no --http-instances and serves HTTP on one event loop; measuring with 1, not $INSTANCES" >&2
  fi
  INSTANCES=1
fi

NODE_PORT=$(free_port)
echo "Starting the node on 127.0.0.1:$NODE_PORT (database: $DB_KIND)..."
java -Dfile.encoding=UTF-8 -jar target/qinglan.jar serve --port "$NODE_PORT" --data-dir "$WORK/data" --demo \
  "${HTTP_OPTION[@]}" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
for i in $(seq 1 360); do
  grep -q "Qinglan listening on" "$WORK/node.log" && break
  if ! kill -0 "$NODE_PID" 2>/dev/null; then
    echo "the node stopped while starting:" >&2; tail -40 "$WORK/node.log" >&2; exit 1
  fi
  [ "$i" = 360 ] && { echo "the node did not start within 180 s" >&2; tail -40 "$WORK/node.log" >&2; exit 1; }
  sleep 0.5
done
CEILING_DB=()
if [ "$DB_KIND" = "embedded (started by the node)" ]; then
  # "Database: postgresql://postgres@localhost:PORT/qinglan (embedded)"
  CEILING_DB=(--database-url "$(sed -nE 's/^ *Database: (postgresql:[^ ]*) \(embedded\).*/\1/p' "$WORK/node.log" | head -1)")
fi

CEILING_PORT=$(free_port)
java -Dfile.encoding=UTF-8 -cp target/qinglan.jar:target/test-classes org.qinglan.bench.CeilingServer \
  --port "$CEILING_PORT" --instances "$INSTANCES" "${CEILING_DB[@]}" >"$WORK/ceiling.log" 2>&1 &
CEILING_PID=$!
for i in $(seq 1 120); do
  grep -q "Ceiling listening" "$WORK/ceiling.log" && break
  if ! kill -0 "$CEILING_PID" 2>/dev/null || [ "$i" = 120 ]; then
    echo "the ceiling server did not start:" >&2; tail -40 "$WORK/ceiling.log" >&2; exit 1
  fi
  sleep 0.5
done

# ---- sign in as the demo worker ----
NODE="http://127.0.0.1:$NODE_PORT"
PASSWORD_JSON=$(printf '%s' "$QINGLAN_DEMO_PASSWORD" | sed 's/\\/\\\\/g; s/"/\\"/g')
STATUS=$(curl -s -o "$WORK/signin.json" -w '%{http_code}' -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d "{\"username\":\"worker\",\"password\":\"$PASSWORD_JSON\"}" "$NODE/api/v1/session")
TOKEN=$(awk '$6 == "qinglan_session" { print $7 }' "$WORK/cookies")
if [ "$STATUS" != 200 ] || [ -z "$TOKEN" ]; then
  echo "sign-in as worker failed ($STATUS): $(cat "$WORK/signin.json")" >&2; exit 1
fi
COOKIE="Cookie: qinglan_session=$TOKEN"

PAGE_PATH=/mock-exams
check() {
  local url="$1" expect="$2" code
  code=$(curl -s -o "$WORK/check.html" -w '%{http_code}' -H "$COOKIE" "$url")
  if [ "$code" != 200 ] || ! grep -q "$expect" "$WORK/check.html"; then
    echo "$url answered $code without '$expect'" >&2; head -c 600 "$WORK/check.html" >&2; exit 1
  fi
}
check "$NODE$PAGE_PATH" "模拟考试"
check "$NODE/api/v1/cases/search?q=%E7%8B%AC%E5%B1%85%E8%80%81%E4%BA%BA" '"hits"'
check "http://127.0.0.1:$CEILING_PORT/ceiling" "模拟考试"

# ---- measure ----
# wrk's latency as milliseconds (it prints us, ms, s or m).
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
run_wrk() {  # name url [lua]
  local name="$1" url="$2" lua="${3:-}" out="$WORK/wrk.out" script=()
  [ -n "$lua" ] && script=(-s "$lua")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -H "$COOKIE" "${script[@]}" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -H "$COOKIE" "${script[@]}" "$url" >"$out"
  local rps p99 non2xx errors load
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out"); errors=${errors:-0}
  load=$(awk '{ print $1 }' /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$rps" "$p99" "$non2xx" "$errors" "$load" >>"$RESULTS"
  printf '  round %s  %-8s %9.1f req/s  p99 %8.2f ms  non-2xx %s  socket errors %s  load %s\n' \
    "$run" "$name" "$rps" "$p99" "$non2xx" "$errors" "$load"
}

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain -- src pom.xml 2>/dev/null | head -1)
echo
echo "Pages under wrk: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT${DIRTY:+ (with uncommitted changes)}"
echo "  machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "  database: $DB_KIND; HTTP instances: $INSTANCES (jar knows --http-instances: $KNOWS_INSTANCES)"
echo "  wrk: $THREADS threads, $CONNECTIONS connections, ${JIT_WARMUP} s first warm-up, then $RUNS rounds of ${WARMUP} s warm-up + ${DURATION} s timed"
echo "  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  untimed warm-up of ${JIT_WARMUP} s per target..."
for url in "http://127.0.0.1:$CEILING_PORT/ceiling" "$NODE$PAGE_PATH"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" --timeout 10s -H "$COOKIE" "$url" >/dev/null
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" --timeout 10s -H "$COOKIE" -s bench/case-search.lua \
  "$NODE/api/v1/cases/search" >/dev/null
for run in $(seq 1 "$RUNS"); do
  run_wrk ceiling "http://127.0.0.1:$CEILING_PORT/ceiling"
  run_wrk page "$NODE$PAGE_PATH"
  run_wrk search "$NODE/api/v1/cases/search" bench/case-search.lua
done

# ---- summary: medians over the rounds, their range, and the ratio to the ceiling ----
echo
awk -F'\t' -v runs="$RUNS" '
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function range(a, n,   i, lo, hi) {
    lo = a[1]; hi = a[1]
    for (i = 2; i <= n; i++) { if (a[i] < lo) lo = a[i]; if (a[i] > hi) hi = a[i] }
    return sprintf("%.1f-%.1f", lo, hi)
  }
  { rps[$2, $1] = $3; p99[$2, $1] = $4; bad[$2] += $5 + $6; loads[$1] = loads[$1] " " $7 }
  END {
    split("ceiling page search", names, " ")
    label["ceiling"] = "(c) ceiling: bare route, 1 query + FreeMarker"
    label["page"] = "(a) /mock-exams (signed in)"
    label["search"] = "(b) /api/v1/cases/search"
    for (k = 1; k <= runs; k++) { c[k] = rps["ceiling", k] }
    cmed = median(c, runs)
    print "| target | req/s, median (range) | p99 ms, median (range) | req/s as a ratio to (c) (range of the rounds) | errors |"
    print "|---|---|---|---|---|"
    for (x = 1; x <= 3; x++) {
      n = names[x]
      for (k = 1; k <= runs; k++) { r[k] = rps[n, k]; p[k] = p99[n, k]; q[k] = rps[n, k] / rps["ceiling", k] }
      rm = median(r, runs); pm = median(p, runs)
      for (k = 1; k <= runs; k++) { r[k] = rps[n, k]; p[k] = p99[n, k] }
      printf "| %s | %.1f (%s) | %.1f (%s) | %.2f (%.2f-%.2f) | %d |\n", label[n], rm, range(r, runs), pm, range(p, runs), rm / cmed, minq(q, runs), maxq(q, runs), bad[n]
    }
    for (k = 1; k <= runs; k++) printf "load (1-min average) after each run of round %d:%s\n", k, loads[k]
  }
  function minq(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
  function maxq(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]; return m }
' "$RESULTS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
