#!/usr/bin/env bash
# Create (or bring up to date) claimflow's two topics with kafka-topics.sh / kafka-configs.sh.
#
#   infra/kafka/create-topics.sh                          # in the compose container claimflow-kafka
#   PARTITIONS=24 infra/kafka/create-topics.sh            # more raw partitions (= more parallel readers)
#   KAFKA_BIN=/opt/kafka/bin BOOTSTRAP=broker:9092 COMMAND_CONFIG=client.properties \
#     infra/kafka/create-topics.sh                        # an existing cluster, tools installed locally
#
# Idempotent: existing topics are not recreated; their retention/size settings are re-applied with
# kafka-configs.sh, and a partition count lower than PARTITIONS is reported (not changed: adding
# partitions moves keys to other partitions, so do it on purpose with `kafka-topics.sh --alter`).
set -euo pipefail

RAW_TOPIC="${RAW_TOPIC:-articles.raw}"
REJECTED_TOPIC="${REJECTED_TOPIC:-articles.rejected}"
PARTITIONS="${PARTITIONS:-12}"
REJECTED_PARTITIONS="${REJECTED_PARTITIONS:-1}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
# 30 days for raw articles (time to replay after a bug fix), 90 days for rejects (time to investigate).
RAW_RETENTION_MS="${RAW_RETENTION_MS:-2592000000}"
REJECTED_RETENTION_MS="${REJECTED_RETENTION_MS:-7776000000}"
# claimflow rejects record values above kafka.max_message_bytes (default 1,000,000) and its producer sends
# requests of up to that + 64 KiB; the topic limit applies to a whole (compressed) batch, so leave headroom.
MAX_MESSAGE_BYTES="${MAX_MESSAGE_BYTES:-1100000}"
# With REPLICATION_FACTOR >= 3 use 2 so that acks=all survives one broker down.
MIN_INSYNC_REPLICAS="${MIN_INSYNC_REPLICAS:-1}"

BOOTSTRAP="${BOOTSTRAP:-kafka:19092}"
KAFKA_CONTAINER="${KAFKA_CONTAINER:-claimflow-kafka}"
KAFKA_BIN="${KAFKA_BIN:-}"
COMMAND_CONFIG="${COMMAND_CONFIG:-}"

die() { echo "create-topics: $*" >&2; exit 2; }

for name in PARTITIONS REJECTED_PARTITIONS REPLICATION_FACTOR RAW_RETENTION_MS REJECTED_RETENTION_MS \
  MAX_MESSAGE_BYTES MIN_INSYNC_REPLICAS; do
  value="${!name}"
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "$name=$value is not allowed; allowed: a positive integer"
done
(( MIN_INSYNC_REPLICAS <= REPLICATION_FACTOR )) \
  || die "MIN_INSYNC_REPLICAS=$MIN_INSYNC_REPLICAS is not allowed; allowed: at most REPLICATION_FACTOR=$REPLICATION_FACTOR"
[[ -z "$COMMAND_CONFIG" || -n "$KAFKA_BIN" ]] \
  || die "COMMAND_CONFIG needs KAFKA_BIN (the file is read by tools running on this machine)"

# kafka TOOL ARGS...: run a Kafka CLI tool in the container, or from KAFKA_BIN when set.
kafka() {
  local tool="$1"
  shift
  local extra=()
  [[ -n "$COMMAND_CONFIG" ]] && extra=(--command-config "$COMMAND_CONFIG")
  if [[ -n "$KAFKA_BIN" ]]; then
    "$KAFKA_BIN/$tool" --bootstrap-server "$BOOTSTRAP" "${extra[@]}" "$@"
  else
    docker exec "$KAFKA_CONTAINER" "/opt/kafka/bin/$tool" --bootstrap-server "$BOOTSTRAP" "$@"
  fi
}

# ensure_topic NAME PARTITIONS RETENTION_MS
ensure_topic() {
  local topic="$1" partitions="$2" retention_ms="$3"
  local configs="cleanup.policy=delete,retention.ms=${retention_ms},max.message.bytes=${MAX_MESSAGE_BYTES}"
  configs+=",min.insync.replicas=${MIN_INSYNC_REPLICAS},message.timestamp.type=CreateTime"
  if kafka kafka-topics.sh --describe --topic "$topic" > /dev/null 2>&1; then
    echo "topic $topic exists: re-applying $configs"
    kafka kafka-configs.sh --alter --entity-type topics --entity-name "$topic" --add-config "$configs"
    local have
    have="$(kafka kafka-topics.sh --describe --topic "$topic" | grep -c 'Partition: ' || true)"
    if (( have < partitions )); then
      echo "create-topics: warning: $topic has $have partitions, fewer than the $partitions asked for;" \
        "add them with: kafka-topics.sh --alter --topic $topic --partitions $partitions" >&2
    fi
  else
    echo "creating $topic: $partitions partitions, replication factor $REPLICATION_FACTOR, $configs"
    local config_args=()
    local item
    IFS=',' read -r -a items <<< "$configs"
    for item in "${items[@]}"; do config_args+=(--config "$item"); done
    kafka kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$partitions" \
      --replication-factor "$REPLICATION_FACTOR" "${config_args[@]}"
  fi
}

ensure_topic "$RAW_TOPIC" "$PARTITIONS" "$RAW_RETENTION_MS"
ensure_topic "$REJECTED_TOPIC" "$REJECTED_PARTITIONS" "$REJECTED_RETENTION_MS"
kafka kafka-topics.sh --describe --topic "$RAW_TOPIC"
kafka kafka-topics.sh --describe --topic "$REJECTED_TOPIC"
