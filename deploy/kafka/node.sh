#!/usr/bin/env bash
# One node of docker-compose.yml's Kafka: a KRaft controller and a broker in one process, closed.
#
#   BROKER     :9092  SASL_PLAINTEXT, SCRAM-SHA-512: the clients (each service as its own principal,
#                     operators and the init step as admin) and the brokers among themselves (admin)
#   CONTROLLER :9093  SASL_PLAINTEXT, PLAIN: the KRaft quorum, as admin (a controller cannot check
#                     SCRAM credentials: they live in the metadata the quorum itself serves)
#
# Every request is authorized by the StandardAuthorizer against ACLs, nothing is allowed without
# one, and only User:admin is a super user. The admin's SCRAM credential is written when a node's
# storage is formatted (its first start); the services' users and ACLs are init.sh's work.
#
# Environment: KAFKA_NODE_ID, KAFKA_CLUSTER_ID, KAFKA_CONTROLLER_QUORUM_VOTERS, KAFKA_ADMIN_PASSWORD;
# optional KAFKA_ADVERTISED_HOST (kafka-<id>), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093),
# KAFKA_REPLICATION_FACTOR (3) and KAFKA_MIN_INSYNC_REPLICAS (2) of the internal topics and the
# broker's defaults, KAFKA_HOME (/opt/kafka), KAFKA_DATA_DIR (/var/lib/kafka/data),
# KAFKA_CONFIG_DIR (/tmp/sahabot-kafka: server.properties, and admin.properties for the tools and
# the health check).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

: "${KAFKA_NODE_ID:?set KAFKA_NODE_ID}"
: "${KAFKA_CLUSTER_ID:?set KAFKA_CLUSTER_ID}"
: "${KAFKA_CONTROLLER_QUORUM_VOTERS:?set KAFKA_CONTROLLER_QUORUM_VOTERS}"
require_password KAFKA_ADMIN_PASSWORD "${KAFKA_ADMIN_PASSWORD:-}"
host=${KAFKA_ADVERTISED_HOST:-kafka-$KAFKA_NODE_ID}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
replicas=${KAFKA_REPLICATION_FACTOR:-3}
min_isr=${KAFKA_MIN_INSYNC_REPLICAS:-2}
bin=${KAFKA_HOME:-/opt/kafka}/bin
data=${KAFKA_DATA_DIR:-/var/lib/kafka/data}
conf=${KAFKA_CONFIG_DIR:-/tmp/sahabot-kafka}

mkdir -p "$conf"
write_admin_config "$conf/admin.properties"
(
  umask 077
  cat >"$conf/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
listeners=BROKER://:$port,CONTROLLER://:$controller_port
advertised.listeners=BROKER://$host:$port
listener.security.protocol.map=BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=BROKER
controller.listener.names=CONTROLLER
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.broker.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD" user_admin="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$data
auto.create.topics.enable=false
default.replication.factor=$replicas
min.insync.replicas=$min_isr
offsets.topic.replication.factor=$replicas
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=$min_isr
PROPERTIES
)

"$bin/kafka-storage.sh" format --cluster-id "$KAFKA_CLUSTER_ID" --config "$conf/server.properties" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]" --ignore-formatted
exec "$bin/kafka-server-start.sh" "$conf/server.properties"
