#!/usr/bin/env bash
# docker-compose.yml's kafka-init: as admin, creates each service's SCRAM user (or sets its
# password) and adds its ACLs, from acls.sh (generated from the Kafka access catalogue by
# `./sahabot kafka-acls`). Adding what exists changes nothing, so it runs on every `up`; an ACL
# that left the catalogue is not removed here (kafka-acls.sh --remove, as admin).
#
# Environment: KAFKA_BOOTSTRAP_SERVERS, KAFKA_ADMIN_PASSWORD, and the password of each service's
# user named in acls.sh (KAFKA_INGRESS_PASSWORD, …); optional KAFKA_HOME (/opt/kafka).
set -euo pipefail
here=$(dirname "$0")
. "$here/lib.sh"

: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
require_password KAFKA_ADMIN_PASSWORD "${KAFKA_ADMIN_PASSWORD:-}"
bin=${KAFKA_HOME:-/opt/kafka}/bin
admin=$(mktemp -d)/admin.properties
write_admin_config "$admin"

echo "Waiting for Kafka at $KAFKA_BOOTSTRAP_SERVERS"
for attempt in $(seq 1 30); do
  if "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" \
    --command-config "$admin" >/dev/null 2>&1; then
    break
  fi
  if [ "$attempt" = 30 ]; then
    echo "Kafka did not answer as admin at $KAFKA_BOOTSTRAP_SERVERS" >&2
    exit 1
  fi
  sleep 2
done

# scram_user NAME PASSWORD
scram_user() {
  require_password "the password of $1" "$2"
  echo "SCRAM user $1"
  "$bin/kafka-configs.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$admin" \
    --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]" \
    >/dev/null
}

# kafka_acls ARGS…: kafka-acls.sh --add, as admin
kafka_acls() {
  echo "ACLs: $*"
  "$bin/kafka-acls.sh" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$admin" \
    --add "$@" >/dev/null
}

. "$here/acls.sh"
echo "Kafka users and ACLs in place"
