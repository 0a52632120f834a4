-- reservation-service: the outcome of every command it decided, stored in the same transaction as
-- the change itself and published after the commit. A redelivered command finds its outcome here
-- and publishes the same event again, so a crash between the commit and the send loses nothing and
-- changes nothing twice. Rejections are stored too: a replay yields the same answer.

CREATE TABLE reservation_outcomes (
    command_id VARCHAR(128) PRIMARY KEY,
    tenant_id  UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    event      JSONB        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX idx_reservation_outcomes_tenant ON reservation_outcomes (tenant_id, created_at);

ALTER TABLE reservation_outcomes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reservation_outcomes
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON reservation_outcomes TO sahabot_app;

-- The reports read a tenant's reservations by time; the customer's list by customer.
CREATE INDEX IF NOT EXISTS idx_reservations_tenant_field_start ON reservations (tenant_id, field_id, start_time);
