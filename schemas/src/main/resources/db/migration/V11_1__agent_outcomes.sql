-- agent-service tells every reservation outcome to the people it concerns, once (issue 14).
--
-- told_outcomes: the "once" of telling one outcome (a reservation event's commandId, or a
-- reminder's id) to one recipient. Whoever inserts the row first tells it: a turn that got the
-- outcome within its wait (claimed_by 'turn:<wamid>') in its reply, otherwise the outcome notifier
-- (claimed_by 'notifier'), which publishes with outbound_id (derived from the key and the
-- recipient, so a re-publish after a crash is the same message to the sender) and sets
-- published_at once the broker has it.
CREATE TABLE told_outcomes (
    tenant_id    UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    outcome_key  VARCHAR(200) NOT NULL,
    recipient    VARCHAR(100) NOT NULL,
    claimed_by   VARCHAR(200) NOT NULL,
    outbound_id  VARCHAR(100),
    claimed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, outcome_key, recipient)
);

-- customer_contacts: when each user of a tenant last wrote to the business (the start of their
-- 24-hour customer-service window). One upsert per turn.
CREATE TABLE customer_contacts (
    tenant_id        UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id          VARCHAR(100) NOT NULL,
    last_inbound_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- outbound_fallbacks: the free-form messages the agent sent with a fallback template, so that a
-- later `failed` status with error 131047 about one of them sends its template, once.
CREATE TABLE outbound_fallbacks (
    tenant_id         UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    event_id          VARCHAR(100) NOT NULL,
    causation_id      VARCHAR(200) NOT NULL,
    phone_number_id   VARCHAR(100) NOT NULL,
    recipient         VARCHAR(100) NOT NULL,
    template          JSONB        NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    fallback_sent_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, event_id)
);

ALTER TABLE told_outcomes ENABLE ROW LEVEL SECURITY;
ALTER TABLE told_outcomes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON told_outcomes
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE customer_contacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_contacts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_contacts
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

ALTER TABLE outbound_fallbacks ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbound_fallbacks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbound_fallbacks
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON told_outcomes TO sahabot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_contacts TO sahabot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON outbound_fallbacks TO sahabot_app;
