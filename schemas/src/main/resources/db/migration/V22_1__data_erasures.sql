-- Data rights (KVKK / GDPR, issue 18): the customers whose personal data was erased, so that a
-- Kafka record older than the erasure (a redelivery, a replay, a consumer group reset, a re-drive)
-- is never turned into a new personal record.
--
-- One row per erased identifier of a customer (the WhatsApp user id, the phone as E.164 digits):
-- not the identifier itself but the hex SHA-256 of "<tenant id>:<identifier>" (platform's
-- privacy/ErasureList), and when it was erased. Whoever is about to create a personal record from
-- a record sent at T (agent-service: a turn, a contact, a told outcome; reservation-service: a
-- customer from a command issued at T) first asks whether the sender was erased at or after T. A
-- customer who writes again after the erasure is a new customer. A second erasure moves the time
-- on. The hash of a phone number can be reversed by trying every number of a country: it is kept
-- as long as the business's data is (it is what honouring the erasure needs), and is pseudonymous,
-- not anonymous.
CREATE TABLE data_erasures (
    tenant_id    UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subject_hash CHAR(64)    NOT NULL,
    erased_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, subject_hash)
);

ALTER TABLE data_erasures ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_erasures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON data_erasures
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON data_erasures TO sahabot_app;
