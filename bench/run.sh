#!/usr/bin/env bash
# Pilotage's write-path benchmark (issue 8), measured the way ../shared/peer-bench measures plain Axon, so that the
# two can be divided: builds, recreates the database, starts the packaged application on it, then
#   Import  the generated 34,000-point inventory through POST /api/lighting/imports
#   B1      create a light point over HTTP           (wrk, like the peer's P1)
#   B6      commit-to-visibility at 50 % and 90 % of B1's rate (Java driver)
#   B2      an energy reading on an existing cabinet (wrk, like the peer's P2)
#   B3      a lamp failure, and the policy that opens its intervention
#   B5      catch-up of one projection over 1,000,000 generated events (like the peer's P3)
# and prints a table; with PEER=1 it runs the peer first and prints the ratios. Run from the repository root:
#   bench/run.sh
# See docs/performance.md for what each figure means, and the knobs below (environment).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# ---- knobs (environment) ---------------------------------------------------------------------
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; export PGPASSWORD=${PGPASSWORD:-}
DB=${BENCH_DB:-pilotagebench}        # recreated; B5 uses ${DB}_b5, recreated too
APP_PORT=${BENCH_PORT:-18081}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
APP_LAUNCH=${APP_LAUNCH:-script}     # script: axon-config/target/app/pilotage (production start); jar: java -jar pilotage.jar
CONNS=${CONNS:-16}                   # wrk connections of the measured runs of B1, B2, B3 (one run per value)
DURATION=${DURATION:-30}             # seconds per measured wrk run
WARMUP_MIN=${WARMUP_MIN:-180}        # JIT warm-up before B1, B2, B3 (and the peer's P1, P2): 10 s rounds until the gain is
WARMUP_MAX=${WARMUP_MAX:-300}        #   < 3 % (ours: and the JIT compiled under JIT_QUIET_S in the round), within [min, max] s
JIT_QUIET_S=${JIT_QUIET_S:-1.0}      # compile seconds (jstat) in a 10 s round under which our JIT counts as settled
SEED=${SEED:-1}                      # the city and its history
POINTS=${POINTS:-34000}
CABINETS=${CABINETS:-1100}
B5_EVENTS=${B5_EVENTS:-1000000}
B5_PROCESSOR=${B5_PROCESSOR:-lighting-read-models}   # the processing group B5 replays; the others stay at the head
B5_MAX_S=${B5_MAX_S:-480}            # B5 gives up waiting after this and reports the partial rate
B6_SECONDS=${B6_SECONDS:-30}
B3_DRAIN_MAX_S=${B3_DRAIN_MAX_S:-300}
PHASES=${PHASES:-import b1 b6 b2 b3 b5}   # a subset while developing; b1, b2, b3 and b6 need the import
PEER=${PEER:-0}                      # 1: run the peer's run.sh first, same knobs, then ours, and print the ratios
PEER_BENCH=${PEER_BENCH:-../shared/peer-bench}
PEER_JSON=${PEER_JSON:-}             # or: the ratios against this peer results.json, without running the peer
MVN_ARGS=${MVN_ARGS:-}               # e.g. -o offline
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_LOCK=${MVN_LOCK:-/tmp/pilotage-mvn.lock}   # Maven builds on this machine take turns (flock), when flock exists
THREADS=2                            # wrk -t2, as the peer

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$ROOT/bench/results
OUT=$RESULTS/$STAMP
mkdir -p "$OUT"
APP_PID=""
BASE=http://127.0.0.1:$APP_PORT
export BENCH_AUTH="Basic $(printf operator:operator | base64)"
SUPERVISOR="supervisor:supervisor"
export BENCH_CABINETS=$OUT/cabinets.tsv BENCH_THREADS=$THREADS SEED
BENCH_JAR=$ROOT/bench/target/bench.jar

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "FAILED: $*"; exit 1; }
sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "${SQL_DB:-$DB}" "$@"; }
val() { sql -tA -c "$1"; }
num() { sed -E "s/.*\"$2\":(-?[0-9.]+).*/\1/" <<<"$1"; }   # num JSON FIELD (flat JSON only)
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b - a}'; }
phase() { [[ " $PHASES " == *" $1 "* ]]; }
has() { [ -n "$1" ] && [ "$1" != "null" ]; }

# ---- the peer first, when asked --------------------------------------------------------------------
if [ "$PEER" = 1 ]; then
  log "running the peer ($PEER_BENCH/run.sh) with the same knobs"
  (cd "$PEER_BENCH" && CONNS="$CONNS" DURATION="$DURATION" WARMUP_MIN="$WARMUP_MIN" WARMUP_MAX="$WARMUP_MAX" \
     JAVA_OPTS="$JAVA_OPTS" P3_CARDS=$((B5_EVENTS / 20)) ./run.sh) 2>&1 | tee "$OUT/peer-run.txt" || die "the peer's run failed"
  PEER_JSON=$(cd "$PEER_BENCH" && pwd)/results/latest.json
  cp "$PEER_JSON" "$OUT/peer-results.json"
fi

# ---- app lifecycle ---------------------------------------------------------------------------
start_app() { # start_app LOGNAME DATABASE: launches the application, sets APP_PID and APP_LAUNCHED
  APP_LAUNCHED=$(now)
  local args=(--server.port="$APP_PORT" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$2"
              --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD")
  if [ "$APP_LAUNCH" = jar ]; then
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar axon-config/target/pilotage.jar "${args[@]}" >"$OUT/$1.log" 2>&1 &
  else
    JAVA_OPTS="$JAVA_OPTS" axon-config/target/app/pilotage "${args[@]}" >"$OUT/$1.log" 2>&1 &
  fi
  APP_PID=$!
  echo "$APP_PID" >"$RESULTS/app.pid"
  for _ in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || die "the application died, see $OUT/$1.log"
    grep -q 'Started PilotageApplication' "$OUT/$1.log" && return 0
    sleep 0.5
  done
  die "the application did not start in 120 s"
}
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""; rm -f "$RESULTS/app.pid"
}
trap stop_app EXIT

# Position of a streaming processor: the lowest of its segments' tokens (a ReplayToken's current token while it
# replays), -1 while a segment has none; and how many segments it has.
token_sql() {
  echo "select coalesce(min(coalesce((t->'currentToken'->>'index')::bigint, (t->>'index')::bigint, -1)), -1), count(*)
    from (select convert_from(token, 'UTF8')::json t from tokenentry where processorname = '$1') x"
}
head_index() { val "select coalesce(max(globalindex), 0) from domainevententry"; }
projection_lag() { local p; p=$(val "$(token_sql "$1")" | cut -d'|' -f1); echo $(( $(head_index) - p )); }

# Waits until every read model has applied every stored event (a read with Pilotage-Min-Position at the head that
# is not answered stale), so that a measurement does not start with the previous one's backlog. Prints the wait.
settle() {
  local t0 position answer settled=false; t0=$(now); position=$(head_index)
  for _ in $(seq 1 24); do   # each stale answer has waited 5 s on the server
    answer=$(curl -sS -o /dev/null -D - -u operator:operator -H "Pilotage-Min-Position: $position" \
      "$BASE/api/lighting/failures?size=1" || true)
    if head -1 <<<"$answer" | grep -q ' 200' && ! grep -qi '^Pilotage-Stale' <<<"$answer"; then settled=true; break; fi
  done
  echo "SETTLED $settled after $(since "$t0") s at position $position"
}

wrk_run() { # wrk_run NAME SCRIPT CONNS SECONDS -> prints the WRK_JSON object
  wrk -t$THREADS -c"$3" -d"$4"s --timeout 10s -s "$2" "$BASE" >"$OUT/$1.txt" 2>&1 || true
  grep '^WRK_JSON ' "$OUT/$1.txt" | sed 's/^WRK_JSON //' || die "wrk printed no result, see $OUT/$1.txt"
}
# Seconds the application's JIT compilers have spent so far (jstat's compile time), or -1 without jstat.
jit_seconds() { { jstat -compiler "$APP_PID" 2>/dev/null || true; } | awk 'NR == 2 {print $4; found = 1} END {if (!found) print -1}'; }
# Compile seconds since jit_seconds printed $1, or -1.00 when either reading failed.
jit_since() { awk -v a="$1" -v b="$(jit_seconds)" 'BEGIN{printf "%.2f", (a < 0 || b < 0) ? -1 : b - a}'; }

# JIT warm-up, discarded: 10 s rounds until the rate gains under 3 % on the round before and the JIT compiled for
# under JIT_QUIET_S seconds in the round, within [WARMUP_MIN, WARMUP_MAX]. Our application has far more code on its
# hot paths than the peer: its C2 compiler, which shares the two cores with the load, is still compiling the request
# path 100 s into the load, and the rate nearly doubles once it is done (docs/performance.md, "The JIT warm-up").
# Sets WARMUP_RATES and WARMUP_JIT (JSON lists: the rate and the compile seconds of each round).
warm_up() { # warm_up NAME SCRIPT [BEFORE_ROUND [AFTER_ROUND]]
  local prev=0 rate spent=0 rates="" jits="" r jit0 jit
  while [ "$spent" -lt "$WARMUP_MAX" ]; do
    if [ -n "${3:-}" ]; then "$3" "$spent"; fi
    jit0=$(jit_seconds)
    r=$(wrk_run "$1-warmup-$spent" "$2" 16 10)
    jit=$(jit_since "$jit0")
    rate=$(num "$r" ok_per_s)
    if [ -n "${4:-}" ]; then "$4" "$r"; fi
    if [ "$spent" = 0 ] && [ "$jit" = "-1.00" ]; then
      log "$1 warm-up: jstat cannot read the application's JIT, so only the 3 % rule ends the warm-up"
    fi
    rates="$rates${rates:+,}$rate"; jits="$jits${jits:+,}$jit"; spent=$((spent + 10))
    if [ "$spent" -ge "$WARMUP_MIN" ] && awk -v a="$rate" -v b="$prev" -v j="$jit" -v q="$JIT_QUIET_S" \
         'BEGIN{exit !(a < b * 1.03 && j < q)}'; then break; fi
    prev=$rate
  done
  log "$1 warm-up ${spent}s, rates/s: $rates; JIT compile s per round: $jits"
  WARMUP_RATES="[$rates]"; WARMUP_JIT="[$jits]"
}

# wrk_measured NAME SCRIPT CONNS SECONDS: a measured run, its WRK_JSON with the JIT's compile seconds during it added.
wrk_measured() {
  local jit0 r
  jit0=$(jit_seconds)
  r=$(wrk_run "$@") || exit 1   # wrk_run's die only leaves this command substitution: stop the caller's too
  echo "${r%\}},\"jit_compile_s\":$(jit_since "$jit0")}"
}

# ---- 0. tools, PostgreSQL, build, city ---------------------------------------------------------
for tool in wrk psql curl java; do command -v $tool >/dev/null || die "$tool is needed"; done
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  command -v pg_ctlcluster >/dev/null && { log "starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect 15 main start || true; }
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
fi
if [ -f "$RESULTS/app.pid" ] && kill -0 "$(cat "$RESULTS/app.pid")" 2>/dev/null \
   && grep -q pilotage "/proc/$(cat "$RESULTS/app.pid")/cmdline" 2>/dev/null; then
  log "stopping the application an earlier run left"; APP_PID=$(cat "$RESULTS/app.pid"); stop_app
fi
if [ "$SKIP_BUILD" != 1 ]; then
  log "building"
  LOCK=(); command -v flock >/dev/null && LOCK=(flock "$MVN_LOCK")
  # shellcheck disable=SC2086
  "${LOCK[@]}" ./mvnw -B -q $MVN_ARGS -DskipTests package >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
fi
java -jar "$BENCH_JAR" city --seed "$SEED" --points "$POINTS" --cabinets "$CABINETS" \
  --csv "$OUT/points.csv" --cabinets-file "$OUT/cabinets.tsv"
GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || GIT_COMMIT="$GIT_COMMIT+changes"

log "recreating database $DB"
psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" postgres -c "drop database if exists $DB" -c "create database $DB"

log "starting the application ($APP_LAUNCH, $JAVA_OPTS)"
start_app app-main "$DB"
sed -n '1,/Started PilotageApplication/p' "$OUT/app-main.log" | grep ' WARN ' >"$OUT/startup-warnings.txt" || true
STARTUP_WARNINGS=$(wc -l <"$OUT/startup-warnings.txt")
STARTED_IN=$(grep -o 'Started PilotageApplication in [0-9.]* seconds' "$OUT/app-main.log" | grep -o '[0-9.]*' | head -1)

IMPORT=null; B1=null; B2=null; B3=null; B5=null; B6=null
B1_RATE=""

# ---- Import: the 34,000-point inventory ---------------------------------------------------------------
if phase import; then
  log "Import: $POINTS points over $CABINETS cabinets ($(du -k "$OUT/points.csv" | cut -f1) kB of CSV)"
  t0=$(now)
  answer=$(curl -sS -u "$SUPERVISOR" -H 'Content-Type: text/csv' --data-binary @"$OUT/points.csv" \
    -w '\n%{http_code}' "$BASE/api/lighting/imports?fileName=bench-points.csv")
  code=$(tail -1 <<<"$answer")
  [ "$code" = 202 ] || die "import answered $code: $(head -1 <<<"$answer")"
  import_id=$(head -1 <<<"$answer" | sed -E 's/.*"importId":"([^"]+)".*/\1/')
  status=RUNNING; view=""
  while [ "$status" = RUNNING ]; do
    sleep 0.2
    # 404 until the import's read model has its start, then RUNNING until COMPLETED (or ABANDONED).
    answer=$(curl -sS -u "$SUPERVISOR" -w '\n%{http_code}' "$BASE/api/lighting/imports/$import_id?errorsSize=5")
    if [ "$(tail -1 <<<"$answer")" = 200 ]; then
      view=$(head -1 <<<"$answer")
      status=$(sed -nE 's/.*"status":"([A-Z]+)".*/\1/p' <<<"$view")
    fi
    awk -v a="$t0" -v b="$(now)" 'BEGIN{exit !(b - a > 900)}' && die "import still running after 900 s"
  done
  IMPORT_S=$(since "$t0")
  echo "$view" >"$OUT/import.json"
  started=$(sed -E 's/.*"startedAt":"([^"]+)".*/\1/' <<<"$view"); finished=$(sed -E 's/.*"finishedAt":"([^"]+)".*/\1/' <<<"$view")
  SERVER_S=$(awk -v a="$(date -d "$started" +%s.%N)" -v b="$(date -d "$finished" +%s.%N)" 'BEGIN{printf "%.1f", b - a}')
  registered=$(num "$view" registeredRows); rejected=$(num "$view" rejectedRows)
  # The read model and the cabinets the policy registers follow the import; B1..B3 need both.
  rows=0; cabinets_known=0
  for _ in $(seq 1 600); do
    rows=$(val "select count(*) from rm_lighting_light_point")
    cabinets_known=$(val "select count(*) from domainevententry where type = 'Cabinet' and sequencenumber = 0")
    [ "$rows" -ge "$POINTS" ] && [ "$cabinets_known" -ge "$CABINETS" ] && break
    sleep 0.2
  done
  VISIBLE_S=$(since "$t0")
  IMPORT_OK=$([ "$status" = COMPLETED ] && [ "$registered" = "$POINTS" ] && [ "$rejected" = 0 ] && [ "$rows" -ge "$POINTS" ] \
    && [ "$cabinets_known" -ge "$CABINETS" ] && echo true || echo false)
  log "Import: $status in ${IMPORT_S}s (server ${SERVER_S}s), $registered registered, $rejected rejected; light point read model $rows rows and $cabinets_known cabinets after ${VISIBLE_S}s; verified: $IMPORT_OK"
  IMPORT="{\"points\":$POINTS,\"cabinets\":$CABINETS,\"status\":\"$status\",\"seconds\":$IMPORT_S,\"server_seconds\":$SERVER_S,\"registered\":$registered,\"rejected\":$rejected,\"read_model_rows\":$rows,\"cabinets_registered\":$cabinets_known,\"read_model_complete_s\":$VISIBLE_S,\"verified\":$IMPORT_OK}"
fi

# ---- B1: create a light point over HTTP --------------------------------------------------------
if phase b1; then
  b1_round() { export BENCH_RUN="w$1"; }
  warm_up b1 bench/wrk/create.lua b1_round
  B1_WARMUP=$WARMUP_RATES; B1_JIT=$WARMUP_JIT
  runs=""
  for c in $CONNS; do
    export BENCH_RUN="c$c"
    r=$(wrk_measured "b1-c$c" bench/wrk/create.lua "$c" "$DURATION")
    lag=$(projection_lag lighting-read-models)
    log "B1 create light point c=$c: $(num "$r" ok_per_s)/s p50 $(num "$r" p50_ms) ms p99 $(num "$r" p99_ms) ms, non-2xx $(num "$r" non2xx), JIT compile $(num "$r" jit_compile_s) s, light point status lag after: $lag events"
    runs="$runs,\"c$c\":${r%\}},\"projection_lag_after\":$lag}"
    [ -n "$B1_RATE" ] || B1_RATE=$(num "$r" ok_per_s)
  done
  B1="{\"seconds\":$DURATION,\"warmup_rates\":$B1_WARMUP,\"warmup_jit_compile_s\":$B1_JIT$runs}"
fi

# ---- B6: commit-to-visibility at 50 % and 90 % of B1's rate -------------------------------------------
if phase b6; then
  [ -n "$B1_RATE" ] || B1_RATE=${B6_BASE_RATE:-100}
  B6=""
  for share in 50 90; do
    settle >"$OUT/b6-at-$share.txt"
    rate=$(awk -v r="$B1_RATE" -v s="$share" 'BEGIN{printf "%.1f", r * s / 100}')
    java -jar "$BENCH_JAR" visibility --base "$BASE" --rate "$rate" --connections "${CONNS%% *}" --seconds "$B6_SECONDS" \
      --cabinets-file "$OUT/cabinets.tsv" --prefix "LP-B6-$share" --seed "$share" --samples-file "$OUT/b6-at-$share-samples.tsv" \
      --url "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" --db-password "$PGPASSWORD" >>"$OUT/b6-at-$share.txt" 2>&1 || true
    v=$(grep '^VIS_JSON ' "$OUT/b6-at-$share.txt" | sed 's/^VIS_JSON //') || die "B6 printed no result, see $OUT/b6-at-$share.txt"
    log "B6 visibility at $share% of B1 ($rate/s): p50 $(num "$v" visible_p50_ms) ms p99 $(num "$v" visible_p99_ms) ms, first/last third p99 $(num "$v" first_third_p99_ms)/$(num "$v" last_third_p99_ms) ms, growing: $(sed -E 's/.*"growing":([a-z]+).*/\1/' <<<"$v"); created $(num "$v" created)/$(num "$v" sent), stale $(num "$v" stale)"
    B6="$B6${B6:+,}\"at_$share\":$v"
  done
  B6="{\"base_rate\":$B1_RATE,$B6}"
fi

# ---- B2: an energy reading on an existing cabinet ------------------------------------------------
if phase b2; then
  # Each wrk run reads its own 20-day window, later than the previous run's: the readings of every cabinet move
  # forward from run to run, and the last window still ends in the past.
  WINDOW=$((20 * 86400)); runs_max=$(( (WARMUP_MAX + 9) / 10 + $(wc -w <<<"$CONNS") + 1 ))
  B2_START=$(( ($(date +%s) - runs_max * WINDOW) / 900 * 900 )); B2_RUN=0
  b2_round() { export B2_BASE=$((B2_START + B2_RUN * WINDOW)); B2_RUN=$((B2_RUN + 1)); }
  warm_up b2 bench/wrk/reading.lua b2_round
  B2_WARMUP=$WARMUP_RATES; B2_JIT=$WARMUP_JIT
  runs=""
  for c in $CONNS; do
    b2_round
    r=$(wrk_measured "b2-c$c" bench/wrk/reading.lua "$c" "$DURATION")
    lag=$(projection_lag "$B5_PROCESSOR")
    log "B2 energy reading c=$c: $(num "$r" ok_per_s)/s (recorded $(num "$r" created_per_s)/s) p50 $(num "$r" p50_ms) ms p99 $(num "$r" p99_ms) ms, non-2xx $(num "$r" non2xx), JIT compile $(num "$r" jit_compile_s) s, $B5_PROCESSOR lag after: $lag events"
    runs="$runs,\"c$c\":${r%\}},\"projection_lag_after\":$lag}"
  done
  READINGS_PER_CABINET=$(val "select round(count(*)::numeric / $CABINETS, 1) from domainevententry where type = 'Cabinet'")
  B2="{\"seconds\":$DURATION,\"cabinets\":$CABINETS,\"events_per_cabinet_after\":$READINGS_PER_CABINET,\"warmup_rates\":$B2_WARMUP,\"warmup_jit_compile_s\":$B2_JIT$runs}"
fi

# ---- B3: a lamp failure, and the policy that opens its intervention --------------------------------------
if phase b3; then
  FAILURE_TYPE='io.pilotage.lighting.LightPointEvent$LampFailureReported'
  export B3_POINTS=$OUT/b3-points.txt
  val "select aggregateidentifier from domainevententry where type = 'LightPoint' and sequencenumber = 0 order by md5(aggregateidentifier)" >"$B3_POINTS"
  B3_AVAILABLE=$(wc -l <"$B3_POINTS")
  export B3_FIRST=0
  b3_next() { export B3_FIRST=$(( B3_FIRST + THREADS * $(num "$1" max_counter) )); }
  warm_up b3 bench/wrk/failure.lua "" b3_next
  B3_WARMUP=$WARMUP_RATES; B3_JIT=$WARMUP_JIT
  runs=""
  for c in $CONNS; do
    r=$(wrk_measured "b3-c$c" bench/wrk/failure.lua "$c" "$DURATION")
    b3_next "$r"
    log "B3 lamp failure c=$c: $(num "$r" ok_per_s)/s answered, $(num "$r" created_per_s)/s accepted (201), p50 $(num "$r" p50_ms) ms p99 $(num "$r" p99_ms) ms, non-2xx $(num "$r" non2xx), JIT compile $(num "$r" jit_compile_s) s"
    runs="$runs,\"c$c\":$r"
  done
  t_end=$(now)
  [ "$B3_FIRST" -le "$B3_AVAILABLE" ] || log "B3 used $B3_FIRST point slots for $B3_AVAILABLE points: the later ones were absorbed (200)"
  # The policy drained: the operations board holds an intervention for every failure reported.
  failures=$(val "select count(*) from domainevententry where payloadtype = '$FAILURE_TYPE'")
  board=0
  while :; do
    board=$(val "select count(*) from rm_interventions_board where source = 'LAMP_FAILURE'")
    [ "$board" -ge "$failures" ] && break
    awk -v a="$t_end" -v b="$(now)" -v m="$B3_DRAIN_MAX_S" 'BEGIN{exit !(b - a > m)}' && break
    sleep 0.25
  done
  DRAIN_S=$(since "$t_end")
  # one statement, one snapshot: the policy may still be writing when the wait above gives up
  IFS='|' read -r failures board missing < <(val "select
    (select count(*) from domainevententry where payloadtype = '$FAILURE_TYPE'),
    (select count(*) from rm_interventions_board where source = 'LAMP_FAILURE'),
    (select count(*) from domainevententry e where e.payloadtype = '$FAILURE_TYPE' and not exists (
      select 1 from rm_interventions_board b where b.intervention_id = 'INT-' || (convert_from(e.payload, 'UTF8')::json->>'failureId')))")
  extra=$(( board - failures + missing ))
  B3_OK=$([ "$missing" = 0 ] && [ "$extra" = 0 ] && echo true || echo false)
  log "B3 policy drained ${DRAIN_S}s after the last run: $failures failures, $board lamp-failure interventions on the board, $missing failures without theirs; verified: $B3_OK"
  B3="{\"seconds\":$DURATION,\"points_available\":$B3_AVAILABLE,\"point_slots_used\":$B3_FIRST,\"warmup_rates\":$B3_WARMUP,\"warmup_jit_compile_s\":$B3_JIT$runs,\"failures_total\":$failures,\"interventions_on_board\":$board,\"failures_without_intervention\":$missing,\"drain_seconds_after_run\":$DRAIN_S,\"interventions_verified\":$B3_OK}"
fi
stop_app

# ---- B5: catch-up of one projection over a million generated events -------------------------------------
if phase b5; then
  B5_DB=${DB}_b5
  log "B5: recreating database $B5_DB, starting the application once for its schema and tokens"
  psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" postgres -c "drop database if exists $B5_DB" -c "create database $B5_DB"
  start_app app-b5-schema "$B5_DB"
  processors=$(SQL_DB=$DB val "select count(distinct processorname) from tokenentry")
  for _ in $(seq 1 120); do
    [ "$(SQL_DB=$B5_DB val "select count(distinct processorname) from tokenentry")" -ge "$processors" ] && break
    sleep 0.5
  done
  stop_app
  log "B5: generating $B5_EVENTS events (city seed $SEED)"
  gen_start=$(now)
  java -jar "$BENCH_JAR" events --url "jdbc:postgresql://$PGHOST:$PGPORT/$B5_DB" --user "$PGUSER" --password "$PGPASSWORD" \
    --events "$B5_EVENTS" --seed "$SEED" --points "$POINTS" --cabinets "$CABINETS" --vacuum >"$OUT/b5-generate.txt" 2>&1 \
    || die "the generator failed, see $OUT/b5-generate.txt"
  GEN=$(grep '^EVENTS_JSON ' "$OUT/b5-generate.txt" | sed 's/^EVENTS_JSON //')
  GEN_S=$(since "$gen_start")
  HEAD=$(SQL_DB=$B5_DB head_index)
  log "B5: generated in ${GEN_S}s: $(num "$GEN" readings) readings, $(num "$GEN" failures) failures, $(num "$GEN" repairs) repairs, $(num "$GEN" light_points) points, $(num "$GEN" cabinets) cabinets; head $HEAD"
  # Every other processor at the head, so that only the chosen one replays; its tokens deleted, as the peer does:
  # Axon then starts it from the tail with a ReplayToken.
  SQL_DB=$B5_DB sql -c "update tokenentry set token = convert_to('{\"index\":$HEAD,\"gaps\":[]}', 'UTF8'),
      tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = null
      where processorname <> '$B5_PROCESSOR'" -c "delete from tokenentry where processorname = '$B5_PROCESSOR'"
  start_app app-b5 "$B5_DB"
  t_first=""; i_first=0; done_flag=false; idx=-1
  while :; do
    read -r idx segments <<<"$(SQL_DB=$B5_DB val "$(token_sql "$B5_PROCESSOR")" | tr '|' ' ')"; t=$(now)
    if [ -z "$t_first" ] && [ "$idx" -gt 0 ]; then t_first=$t; i_first=$idx; fi
    [ "$segments" -gt 0 ] && [ "$idx" -ge "$HEAD" ] && { done_flag=true; break; }
    awk -v a="$APP_LAUNCHED" -v b="$t" -v m="$B5_MAX_S" 'BEGIN{exit !(b - a > m)}' && break
    sleep 1
  done
  t_last=$t; [ -n "$t_first" ] || { t_first=$t; i_first=$idx; }
  B5_WALL=$(awk -v a="$APP_LAUNCHED" -v b="$t_last" 'BEGIN{printf "%.1f", b - a}')
  B5_RATE=$(awk -v n="$idx" -v a="$APP_LAUNCHED" -v b="$t_last" 'BEGIN{printf "%.0f", n / (b - a)}')
  B5_STEADY=$(awk -v n="$idx" -v n0="$i_first" -v a="$t_first" -v b="$t_last" 'BEGIN{printf "%.0f", (b > a) ? (n - n0) / (b - a) : 0}')
  case $B5_PROCESSOR in
    lighting-read-models)
      read -r r_cab r_rows r_wh r_points <<<"$(SQL_DB=$B5_DB val "select (select count(*) from rm_lighting_cabinet),
        count(*), coalesce(sum(energy_wh), 0), (select count(*) from rm_lighting_light_point) from rm_lighting_cabinet_reading" | tr '|' ' ')"
      B5_CHECK="\"cabinets\":$r_cab,\"readings\":$r_rows,\"energy_wh\":$r_wh,\"light_points\":$r_points"
      B5_OK=$([ "$done_flag" = true ] && [ "$r_cab" = "$(num "$GEN" cabinets)" ] && [ "$r_rows" = "$(num "$GEN" readings)" ] \
        && [ "$r_wh" = "$(num "$GEN" energy_wh)" ] && [ "$r_points" = "$(num "$GEN" light_points)" ] && echo true || echo false) ;;
    *) B5_CHECK="\"unchecked\":true"; B5_OK=$done_flag ;;
  esac
  stop_app
  log "B5 catch-up of $B5_PROCESSOR: $idx/$HEAD events in ${B5_WALL}s from JVM launch = $B5_RATE ev/s (steady $B5_STEADY ev/s); read model {$B5_CHECK} verified: $B5_OK"
  B5="{\"processor\":\"$B5_PROCESSOR\",\"events\":$HEAD,\"generated\":$GEN,\"generate_s\":$GEN_S,\"processed\":$idx,\"completed\":$done_flag,\"seconds_from_jvm_launch\":$B5_WALL,\"events_per_s\":$B5_RATE,\"events_per_s_steady\":$B5_STEADY,\"read_model\":{$B5_CHECK},\"read_model_verified\":$B5_OK}"
fi

# ---- results -----------------------------------------------------------------------------------
grep -h -A2 ' ERROR ' "$OUT"/app-*.log >"$OUT/app-errors.txt" 2>/dev/null || true
APP_ERRORS=$(cat "$OUT"/app-*.log | grep -c ' ERROR ' || true)
# WARN lines after each start, by logger and message, most frequent first: a warning per request costs time too.
for f in "$OUT"/app-*.log; do sed '1,/Started PilotageApplication/d' "$f"; done | grep ' WARN ' \
  | sed -E 's/^[^ ]+ +WARN [0-9]+ --- \[.{15}\] \[[^]]*\] //; s/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/<uuid>/g' \
  | cut -c1-160 | sort | uniq -c | sort -rn >"$OUT/app-warnings.txt" || true
APP_WARNINGS=$(awk '{s+=$1} END{print s+0}' "$OUT/app-warnings.txt")
outputs() { cat "$@" 2>/dev/null || true; }   # the raw outputs of the phases that ran, none if none did
WRK_NON2XX=$(outputs "$OUT"/b[123]-*.txt | sed -n 's/^WRK_JSON .*"non2xx":\([0-9]*\).*/\1/p' | awk '{s+=$1} END{print s+0}')
WRK_SOCKET=$(outputs "$OUT"/b[123]-*.txt | sed -n 's/^WRK_JSON .*"socket_errors":\([0-9]*\).*/\1/p' | awk '{s+=$1} END{print s+0}')
B6_FAILED=$(outputs "$OUT"/b6-at-*.txt | sed -n 's/^VIS_JSON .*"create_failures":\([0-9]*\),"read_failures":\([0-9]*\).*/\1 \2/p' | awk '{s+=$1+$2} END{print s+0}')
B6_UNANSWERED=$(outputs "$OUT"/b6-at-*.txt | sed -n 's/^VIS_JSON .*"unanswered":\([0-9]*\).*/\1/p' | awk '{s+=$1} END{print s+0}')
NON2XX=$((WRK_NON2XX + B6_FAILED))
PG_SETTINGS=$(val "select string_agg(format('\"%s\":\"%s\"', name, current_setting(name)), ',' order by name) from pg_settings
  where name in ('fsync','synchronous_commit','wal_sync_method','shared_buffers','max_connections')")
cat >"$OUT/results.json" <<EOF
{
  "when": "$STAMP",
  "commit": "$GIT_COMMIT",
  "machine": {"cores": $(nproc), "mem_gib": $(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo),
              "java": "$(java -version 2>&1 | head -1 | sed 's/"//g')", "postgres": "$(val "show server_version")",
              "postgres_settings": {$PG_SETTINGS}},
  "jvm_opts": "$JAVA_OPTS", "launch": "$APP_LAUNCH", "started_in_s": ${STARTED_IN:-null},
  "knobs": {"conns": "$CONNS", "duration": $DURATION, "warmup_min": $WARMUP_MIN, "warmup_max": $WARMUP_MAX, "jit_quiet_s": $JIT_QUIET_S, "seed": $SEED,
            "points": $POINTS, "cabinets": $CABINETS, "b5_events": $B5_EVENTS, "b6_seconds": $B6_SECONDS, "phases": "$PHASES"},
  "startup_warnings": $STARTUP_WARNINGS,
  "app_log_errors": $APP_ERRORS, "app_log_warnings_after_start": $APP_WARNINGS, "non2xx_total": $NON2XX, "wrk_socket_errors": $WRK_SOCKET,
  "import": $IMPORT,
  "b1_create_light_point_http": $B1,
  "b2_energy_reading_http": $B2,
  "b3_lamp_failure_http": $B3,
  "b5_catch_up": $B5,
  "b6_visibility": $B6
}
EOF
cp "$OUT/results.json" "$RESULTS/latest.json"

field() { # field JSON-OBJECT KEY: a number from a flat object, or -
  if has "$1"; then num "$1" "$2"; else echo -; fi
}
wrk_of() { { grep -h '^WRK_JSON' "$OUT/$1.txt" 2>/dev/null || true; } | sed 's/^WRK_JSON //'; }
{
  printf '\nPilotage bench, %s (%s), %s cores, JVM %s\n' "$STAMP" "$GIT_COMMIT" "$(nproc)" "$JAVA_OPTS"
  printf '%-50s %12s %9s %9s\n' "figure" "rate/s" "p50 ms" "p99 ms"
  for c in $CONNS; do
    phase b1 && { r=$(wrk_of "b1-c$c"); printf '%-50s %12s %9s %9s\n' "B1 create light point over HTTP, $c conns" "$(field "$r" ok_per_s)" "$(field "$r" p50_ms)" "$(field "$r" p99_ms)"; }
    phase b2 && { r=$(wrk_of "b2-c$c"); printf '%-50s %12s %9s %9s\n' "B2 energy reading on a cabinet, $c conns" "$(field "$r" ok_per_s)" "$(field "$r" p50_ms)" "$(field "$r" p99_ms)"; }
    phase b3 && { r=$(wrk_of "b3-c$c"); printf '%-50s %12s %9s %9s\n' "B3 lamp failure accepted (201), $c conns" "$(field "$r" created_per_s)" "$(field "$r" p50_ms)" "$(field "$r" p99_ms)"; }
  done
  phase b3 && printf '%-50s %12s\n' "B3 policy drained, s after the run (verified: $B3_OK)" "$DRAIN_S"
  if phase b5; then
    printf '%-50s %12s\n' "B5 catch-up $HEAD events (${B5_WALL}s from launch)" "$B5_RATE"
    printf '%-50s %12s\n' "B5 catch-up, steady (read model verified: $B5_OK)" "$B5_STEADY"
  fi
  if phase b6; then
    for share in 50 90; do
      v=$({ grep -h '^VIS_JSON' "$OUT/b6-at-$share.txt" 2>/dev/null || true; } | sed 's/^VIS_JSON //')
      printf '%-50s %12s %9s %9s\n' "B6 commit to visible at $share% of B1 (growing: $(sed -E 's/.*"growing":([a-z]+).*/\1/' <<<"$v"))" \
        "$(field "$v" created_per_s)" "$(field "$v" visible_p50_ms)" "$(field "$v" visible_p99_ms)"
    done
  fi
  phase import && printf '%-50s %12s\n' "Import $POINTS points, s (server ${SERVER_S}s; verified: $IMPORT_OK)" "$IMPORT_S"
  printf 'non-2xx answers: %s (wrk %s, B6 %s, of which %s unanswered at the driver); socket errors: %s; application ERROR lines: %s (app-errors.txt); startup WARN lines: %s; WARN lines after start: %s (app-warnings.txt)\n' \
    "$NON2XX" "$WRK_NON2XX" "$B6_FAILED" "$B6_UNANSWERED" "$WRK_SOCKET" "$APP_ERRORS" "$STARTUP_WARNINGS" "$APP_WARNINGS"
  printf 'results: %s\n' "$OUT/results.json"
  if [ -n "$PEER_JSON" ]; then
    java -jar "$BENCH_JAR" compare --ours "$OUT/results.json" --peer "$PEER_JSON" --conns "${CONNS%% *}"
  else
    java -jar "$BENCH_JAR" compare --ours "$OUT/results.json" --conns "${CONNS%% *}"
  fi
} | tee "$OUT/summary.txt"
