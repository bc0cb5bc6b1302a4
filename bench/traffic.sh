#!/usr/bin/env bash
# Pilotage's traffic benchmark (issue 10), apart from bench/run.sh because it takes longer: builds, then
#   T1  ingestion over MQTT: 113 intersections, controllers' messages of 8 phase changes published at QoS 1 with a tenth
#       published twice, timed from the first publish to the last event committed, checked exactly once
#   T2  an intersection with 1,000,000 events: the first command's load from the events, then after a restart from its
#       snapshot (an HTTP ingest of one report, timed by curl)
#   T3  the event store at 10,000,000 traffic events: bytes per event, table and index sizes, reading one intersection's
#       stream, a replay of the traffic read models (events/s) and the state-at query on the full history
# and prints a table (also bench/results/traffic-<stamp>/results.json). Run from the repository root:
#   bench/traffic.sh                         (about 30 minutes on 2 cores)
#   PHASES="t1" T1_MESSAGES=5000 bench/traffic.sh
# See docs/traffic.md ("Volume") for what the figures mean.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}; export PGPASSWORD=${PGPASSWORD:-}
DB=${BENCH_DB:-pilotagetraffic}      # T1 uses it, T2 ${DB}_t2, T3 ${DB}_t3: all recreated
APP_PORT=${BENCH_PORT:-18082}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
PHASES=${PHASES:-t1 t2 t3}
T1_MESSAGES=${T1_MESSAGES:-20000}
T1_REPORTS=${T1_REPORTS:-8}
T2_EVENTS=${T2_EVENTS:-1000000}
T3_EVENTS=${T3_EVENTS:-10000000}
T3_REPLAY_MAX_S=${T3_REPLAY_MAX_S:-900}
MVN_ARGS=${MVN_ARGS:-}
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_LOCK=${MVN_LOCK:-/tmp/pilotage-mvn.lock}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/traffic-$STAMP
mkdir -p "$OUT"
BASE=http://127.0.0.1:$APP_PORT
BENCH_JAR=$ROOT/bench/target/bench.jar
APP_PID=""; BROKER_PID=""

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "FAILED: $*"; exit 1; }
phase() { [[ " $PHASES " == *" $1 "* ]]; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b - a}'; }
val() { psql -X -q -tA -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$1" -c "$2"; }
recreate() { psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" postgres -c "drop database if exists $1" -c "create database $1"; }
jdbc() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }

start_app() { # start_app LOGNAME DATABASE [ARGS...]
  local log=$1 db=$2; shift 2
  APP_LAUNCHED=$(now)
  JAVA_OPTS="$JAVA_OPTS" axon-config/target/app/pilotage --server.port="$APP_PORT" --spring.datasource.url="$(jdbc "$db")" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD" "$@" >"$OUT/$log.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || die "the application died, see $OUT/$log.log"
    grep -q 'Started PilotageApplication' "$OUT/$log.log" && return 0
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
  APP_PID=""
}
cleanup() { stop_app; [ -z "$BROKER_PID" ] || kill "$BROKER_PID" 2>/dev/null || true; }
trap cleanup EXIT

# Every processor's tokens at the head, but for the one named (deleted: Axon replays it from the tail), so that a
# start measures only what is asked.
tokens_at_head() { # tokens_at_head DATABASE [PROCESSOR_TO_REPLAY]
  local head; head=$(val "$1" "select coalesce(max(globalindex), 0) from domainevententry")
  val "$1" "update tokenentry set token = convert_to('{\"index\":$head,\"gaps\":[]}', 'UTF8'),
    tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = null where processorname <> '${2:-none}'" >/dev/null
  [ -z "${2:-}" ] || val "$1" "delete from tokenentry where processorname = '$2'" >/dev/null
}
schema_only() { # schema_only DATABASE: recreates it and lets the application create its schema and tokens
  recreate "$1"
  start_app "app-schema-$1" "$1"
  for _ in $(seq 1 120); do [ "$(val "$1" "select count(distinct processorname) from tokenentry")" -ge 12 ] && break; sleep 0.5; done
  stop_app
}
ingest_one() { # ingest_one INTERSECTION SEQUENCE -> curl's total seconds for one report posted by a device
  local body
  body="{\"messageId\":\"B-$1-$2\",\"device\":\"CTRL-$1\",\"intersectionId\":\"$1\",\"phaseChanges\":[{\"signalGroup\":1,\"state\":\"stop_and_remain\",\"controllerTime\":\"2027-01-01T00:00:0$(( $2 % 10 ))Z\",\"sequence\":$((900000000 + $2))}]}"
  curl -sS -o "$OUT/ingest-$1-$2.json" -w '%{time_total}' -u device:device -H 'Content-Type: application/json' -d "$body" \
    "$BASE/api/traffic/ingest"
}

for tool in psql curl java; do command -v $tool >/dev/null || die "$tool is needed"; done
if [ "$SKIP_BUILD" != 1 ]; then
  log "building"
  LOCK=(); command -v flock >/dev/null && LOCK=(flock "$MVN_LOCK")
  # shellcheck disable=SC2086
  "${LOCK[@]}" ./mvnw -B -q $MVN_ARGS -DskipTests package >"$OUT/build.log" 2>&1 || die "build failed, see $OUT/build.log"
fi
GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || GIT_COMMIT="$GIT_COMMIT+changes"
T1=null; T2=null; T3=null

# ---- T1: ingestion over MQTT -----------------------------------------------------------------------------
if phase t1; then
  # A broker of the run's own: the machine's default one queues 1,000 messages per session and drops the rest, and the
  # publisher here is faster than any ingestion.
  command -v mosquitto >/dev/null || die "T1 needs Mosquitto"
  printf 'listener 18830 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 1000000\nmax_inflight_messages 100\n' >"$OUT/mosquitto.conf"
  mosquitto -c "$OUT/mosquitto.conf" >"$OUT/mosquitto.log" 2>&1 & BROKER_PID=$!; sleep 1; BROKER=tcp://127.0.0.1:18830
  recreate "$DB"
  PREFIX="bench-$STAMP"
  start_app app-t1 "$DB" --pilotage.ingest.mqtt.url="$BROKER" --pilotage.ingest.mqtt.client-id="pilotage-bench-$STAMP" \
    --pilotage.ingest.mqtt.topic-prefix="$PREFIX"
  log "T1: $T1_MESSAGES messages of $T1_REPORTS reports to 113 intersections over $BROKER"
  java -jar "$BENCH_JAR" mqtt-load --base "$BASE" --url "$(jdbc "$DB")" --broker "$BROKER" --topic-prefix "$PREFIX" \
    --messages "$T1_MESSAGES" --reports "$T1_REPORTS" >"$OUT/t1.txt" 2>&1 || die "mqtt-load failed, see $OUT/t1.txt"
  T1=$(grep '^MQTT_JSON ' "$OUT/t1.txt" | sed 's/^MQTT_JSON //')
  PARKED=$(val "$DB" "select count(*) from ingest_dead_letter")
  T1=${T1%\}},\"parked\":$PARKED}
  stop_app
  log "T1: $T1"
fi

# ---- T2: an intersection with a million events ---------------------------------------------------------------
if phase t2; then
  T2DB=${DB}_t2
  schema_only "$T2DB"
  log "T2: generating one intersection with $T2_EVENTS events"
  java -jar "$BENCH_JAR" traffic-events --url "$(jdbc "$T2DB")" --events "$T2_EVENTS" --intersections 1 --prefix TL-LONG --vacuum \
    >"$OUT/t2-generate.txt" 2>&1 || die "the generator failed, see $OUT/t2-generate.txt"
  tokens_at_head "$T2DB"
  start_app app-t2 "$T2DB"
  COLD=$(ingest_one TL-LONG-001 1)
  WARM=$(ingest_one TL-LONG-001 2)
  for _ in $(seq 1 120); do [ "$(val "$T2DB" "select count(*) from snapshotevententry where aggregateidentifier = 'TL-LONG-001'")" -gt 0 ] && break; sleep 1; done
  SNAPSHOT_BYTES=$(val "$T2DB" "select coalesce(max(length(payload)), 0) from snapshotevententry where aggregateidentifier = 'TL-LONG-001'")
  stop_app
  start_app app-t2b "$T2DB"
  FROM_SNAPSHOT=$(ingest_one TL-LONG-001 3)
  RECORDED=$(grep -o '"events":[0-9]*' "$OUT/ingest-TL-LONG-001-1.json" | cut -d: -f2)
  stop_app
  T2="{\"events\":$T2_EVENTS,\"first_command_from_events_s\":$COLD,\"next_command_cached_s\":$WARM,\"snapshot_bytes\":$SNAPSHOT_BYTES,\"first_command_after_restart_from_snapshot_s\":$FROM_SNAPSHOT,\"first_command_recorded\":${RECORDED:-0}}"
  log "T2: $T2"
fi

# ---- T3: ten million traffic events --------------------------------------------------------------------------
if phase t3; then
  T3DB=${DB}_t3
  schema_only "$T3DB"
  log "T3: generating $T3_EVENTS events of 113 intersections"
  java -jar "$BENCH_JAR" traffic-events --url "$(jdbc "$T3DB")" --events "$T3_EVENTS" --vacuum \
    >"$OUT/t3-generate.txt" 2>&1 || die "the generator failed, see $OUT/t3-generate.txt"
  GEN=$(grep '^TRAFFIC_EVENTS_JSON ' "$OUT/t3-generate.txt" | sed 's/^TRAFFIC_EVENTS_JSON //')
  read -r TABLE_B INDEX_B TOAST_B ROWS <<<"$(val "$T3DB" "select pg_table_size('domainevententry'), pg_indexes_size('domainevententry'),
    coalesce(pg_total_relation_size(nullif(reltoastrelid, 0)), 0), (select count(*) from domainevententry)
    from pg_class where relname = 'domainevententry'" | tr '|' ' ')"
  CHAIN_B=$(val "$T3DB" "select coalesce(pg_total_relation_size('audit_chain_link'), 0)")
  INDEXES=$(val "$T3DB" "select string_agg(indexrelname || '=' || pg_relation_size(indexrelid), ',') from pg_stat_user_indexes where relname = 'domainevententry'")
  # One intersection's stream from a sequence number, as Axon reads it after a snapshot (the last 500 events).
  TAIL_MS=$(psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$T3DB" -c '\timing on' \
    -c "select count(*) from domainevententry where aggregateidentifier = 'TL-GEN-057' and sequencenumber >= (select max(sequencenumber) - 500 from domainevententry where aggregateidentifier = 'TL-GEN-057')" \
    | grep -o 'Time: [0-9.]*' | tail -1 | grep -o '[0-9.]*')
  HEAD=$(val "$T3DB" "select max(globalindex) from domainevententry")
  tokens_at_head "$T3DB" traffic-read-models
  log "T3: replaying traffic-read-models over $HEAD events (at most ${T3_REPLAY_MAX_S}s)"
  start_app app-t3 "$T3DB"
  idx=-1; t_first=""; i_first=0
  while :; do
    read -r idx segments <<<"$(val "$T3DB" "select coalesce(min(coalesce((t->'currentToken'->>'index')::bigint, (t->>'index')::bigint, -1)), -1), count(*)
      from (select convert_from(token, 'UTF8')::json t from tokenentry where processorname = 'traffic-read-models') x" | tr '|' ' ')"
    t=$(now)
    if [ -z "$t_first" ] && [ "$idx" -gt 0 ]; then t_first=$t; i_first=$idx; fi
    [ "$segments" -gt 0 ] && [ "$idx" -ge "$HEAD" ] && break
    awk -v a="$APP_LAUNCHED" -v b="$t" -v m="$T3_REPLAY_MAX_S" 'BEGIN{exit !(b - a > m)}' && break
    sleep 2
  done
  [ -n "$t_first" ] || { t_first=$t; i_first=$idx; }
  REPLAY_S=$(awk -v a="$APP_LAUNCHED" -v b="$t" 'BEGIN{printf "%.1f", b - a}')
  REPLAY_RATE=$(awk -v n="$idx" -v a="$APP_LAUNCHED" -v b="$t" 'BEGIN{printf "%.0f", n / (b - a)}')
  REPLAY_STEADY=$(awk -v n="$idx" -v n0="$i_first" -v a="$t_first" -v b="$t" 'BEGIN{printf "%.0f", (b > a) ? (n - n0) / (b - a) : 0}')
  PHASE_ROWS=$(val "$T3DB" "select count(*) from rm_traffic_phase")
  PHASE_B=$(val "$T3DB" "select pg_total_relation_size('rm_traffic_phase')")
  AT=$(val "$T3DB" "select (max(controller_time) - interval '1 day')::timestamptz at time zone 'UTC' from rm_traffic_phase" | sed 's/ /T/; s/$/Z/')
  curl -sS -o /dev/null -u operator:operator "$BASE/api/traffic/intersections/TL-GEN-057/state?at=$AT"
  STATE_AT_S=$(curl -sS -o "$OUT/t3-state.json" -w '%{time_total}' -u operator:operator "$BASE/api/traffic/intersections/TL-GEN-057/state?at=$AT")
  stop_app
  T3="{\"generated\":$GEN,\"rows\":$ROWS,\"table_bytes\":$TABLE_B,\"toast_bytes\":$TOAST_B,\"index_bytes\":$INDEX_B,\"indexes\":\"$INDEXES\",\"audit_chain_bytes\":$CHAIN_B,\"bytes_per_event\":$(( (TABLE_B + INDEX_B) / ROWS )),\"stream_tail_500_ms\":${TAIL_MS:-null},\"replay_events\":$idx,\"replay_head\":$HEAD,\"replay_s_from_launch\":$REPLAY_S,\"replay_events_per_s\":$REPLAY_RATE,\"replay_events_per_s_steady\":$REPLAY_STEADY,\"rm_traffic_phase_rows\":$PHASE_ROWS,\"rm_traffic_phase_bytes\":$PHASE_B,\"state_at_query_s\":$STATE_AT_S}"
  log "T3: $T3"
fi

ERRORS=$(cat "$OUT"/app-*.log 2>/dev/null | grep -c ' ERROR ' || true)
cat >"$OUT/results.json" <<JSON
{"commit": "$GIT_COMMIT", "stamp": "$STAMP", "phases": "$PHASES", "t1_mqtt": $T1, "t2_long_stream": $T2, "t3_volume": $T3, "app_error_lines": $ERRORS}
JSON
log "results: $OUT/results.json"
cat "$OUT/results.json"
