-- ingress-service's sender: what it has sent, so that no outbound message is sent twice across
-- restarts and rebalances. One row per outbound message (OutboundMessage.eventId; a message's
-- fallback template under eventId || ':fallback'), claimed before its Graph API call:
--   sending  an instance is sending it since attempted_at (or crashed doing so: a claim older than
--            the longest attempt is taken over and the message sent once more)
--   sent     Meta accepted it as wamid (kept so that statuses can be mapped to the message)
--   refused  its content was refused outside the 24-hour window (131047): only its fallback
--            template is sent from now on
-- No recipient and no content is stored. No foreign key to tenants: the sender never needs a
-- tenant's row, and accepts a message whose tenant the database does not (yet) know.
CREATE TABLE outbound_sends (
    tenant_id    UUID         NOT NULL,
    event_id     VARCHAR(200) NOT NULL,
    state        VARCHAR(16)  NOT NULL CHECK (state IN ('sending', 'sent', 'refused')),
    wamid        VARCHAR(200),
    attempted_at TIMESTAMPTZ  NOT NULL,
    sent_at      TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, event_id)
);

-- for a later purge of old rows (a redelivery older than the topic's retention cannot happen)
CREATE INDEX outbound_sends_attempted_at ON outbound_sends (attempted_at);

ALTER TABLE outbound_sends ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbound_sends FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbound_sends
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON outbound_sends TO sahabot_app;
