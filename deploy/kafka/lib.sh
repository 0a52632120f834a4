# Shared by node.sh and init.sh (sourced).

# require_password NAME VALUE: a password that needs no quoting anywhere it goes (a JAAS option in a
# properties file, kafka-storage's --add-scram, kafka-configs' --add-config), long enough to guess.
require_password() {
  if [[ ! ${2:-} =~ ^[A-Za-z0-9._~-]{16,}$ ]]; then
    echo "$1 must be at least 16 characters of A-Z a-z 0-9 . _ ~ - (openssl rand -hex 32)" >&2
    exit 1
  fi
}

# write_admin_config FILE: the Kafka client properties of the admin principal (kafka-*.sh tools'
# --command-config), readable by this user only.
write_admin_config() {
  (
    umask 077
    cat >"$1" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES
  )
}
