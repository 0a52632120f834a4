-- reservation-service (issue 15): how far the database has seen reservation.commands handled, per
-- partition. After each poll, once its outcomes are committed and published and before its offsets
-- are committed to Kafka, next_offset becomes the offset after the last record handled (decided,
-- refused, a stored outcome published again, or dead-lettered). So a database restored from an
-- older backup holds an older next_offset than the consumer group's committed position, and the
-- command listener sees it before it decides the next command (booking/RestoreGuard): it waits
-- until reservation.events is reconciled into the database, then goes on.
--
-- Not tenant data: one row per partition of the service's own input, no tenant_id, no personal
-- data, so no row-level security (like `tenants`). The application role may read, insert and
-- update it; it deletes nothing (the default privileges of V5 gave it everything).
CREATE TABLE command_watermarks (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    next_offset     BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, kafka_partition)
);

REVOKE ALL ON command_watermarks FROM sahabot_app;
GRANT SELECT, INSERT, UPDATE ON command_watermarks TO sahabot_app;
