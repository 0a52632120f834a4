-- ingress-service's statuses consumer: the latest delivery status of each outbound message, as
-- WhatsApp reports it on whatsapp.inbound.statuses. One row per message (its wamid) and tenant;
-- event_id is the message's own id (OutboundMessage.eventId, a fallback's eventId || ':fallback'),
-- which the sender sends as biz_opaque_callback_data and the status carries back.
-- Statuses arrive in any order (a read before its delivered): a row only moves forward, by
-- status_rank (sent 1, failed 2, delivered 3, read 4, played 5): a later status of a lower or equal
-- rank changes nothing. error_code: the first error of a failed status.
-- No recipient and no content is stored. No foreign key to tenants, as outbound_sends.
CREATE TABLE outbound_statuses (
    tenant_id   UUID         NOT NULL,
    wamid       VARCHAR(200) NOT NULL,
    event_id    VARCHAR(200),
    status      VARCHAR(16)  NOT NULL
        CHECK (status IN ('sent', 'failed', 'delivered', 'read', 'played')),
    status_rank SMALLINT     NOT NULL,
    status_at   TIMESTAMPTZ  NOT NULL,
    error_code  INTEGER,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, wamid)
);

-- the owners' figures: which of the messages told (told_outcomes.outbound_id) were read
CREATE INDEX outbound_statuses_event ON outbound_statuses (tenant_id, event_id);

ALTER TABLE outbound_statuses ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbound_statuses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbound_statuses
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON outbound_statuses TO sahabot_app;
