-- agent-service runs a turn once. A turn of an inbound message (tenant, wamid) is claimed in
-- processed_messages (consumer 'agent-turn') in the same transaction that stores the turn's memory,
-- and the claim keeps what the turn produced: the outbound messages it publishes, as the JSON array
-- of their whatsapp.outbound records (ids and contents). A redelivered message finds the claim and
-- publishes exactly those records again (same ids: the sender sends each once), never calling the
-- model a second time.
ALTER TABLE processed_messages ADD COLUMN output JSONB;

-- The output of a claimed turn, or NULL when the message was never claimed. One statement, as the
-- caller (row-level security applies), setting the tenant for its own transaction (V8_2's pattern).
CREATE FUNCTION processed_output(p_tenant UUID, p_consumer VARCHAR, p_message VARCHAR)
    RETURNS JSONB
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
AS $$
DECLARE
    previous TEXT := current_setting('app.tenant_id', true);
    stored   JSONB;
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    SELECT COALESCE(output, '[]'::jsonb) INTO stored
    FROM processed_messages
    WHERE tenant_id = p_tenant AND consumer = p_consumer AND message_id = p_message;
    PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
    RETURN stored;
END
$$;

-- Claims a turn and stores its conversation history (when p_messages is not NULL) in one
-- transaction: the one statement. Returns the output that stands: p_output when this call made the
-- claim, else the output of the run that claimed it first (and then writes no history: the first
-- run's is the conversation's). Two runs of one message at once (a partition revoked mid-turn and
-- replayed by its next owner) serialise on the claim's primary key.
CREATE FUNCTION complete_turn(p_tenant UUID, p_consumer VARCHAR, p_message VARCHAR,
                              p_user VARCHAR, p_messages JSONB, p_output JSONB)
    RETURNS JSONB
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
AS $$
DECLARE
    previous TEXT := current_setting('app.tenant_id', true);
    claimed  INT;
    stored   JSONB;
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    INSERT INTO processed_messages (tenant_id, consumer, message_id, processed_at, output)
    VALUES (p_tenant, p_consumer, p_message, now(), p_output)
    ON CONFLICT (tenant_id, consumer, message_id) DO NOTHING;
    GET DIAGNOSTICS claimed = ROW_COUNT;
    IF claimed = 0 THEN
        SELECT COALESCE(output, '[]'::jsonb) INTO stored
        FROM processed_messages
        WHERE tenant_id = p_tenant AND consumer = p_consumer AND message_id = p_message;
    ELSE
        stored := p_output;
        IF p_messages IS NOT NULL THEN
            INSERT INTO conversation_messages (tenant_id, user_id, messages, updated_at)
            VALUES (p_tenant, p_user, p_messages, now())
            ON CONFLICT (tenant_id, user_id) DO UPDATE
                SET messages = EXCLUDED.messages, updated_at = now();
        END IF;
    END IF;
    PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
    RETURN stored;
END
$$;

REVOKE ALL ON FUNCTION processed_output(UUID, VARCHAR, VARCHAR) FROM PUBLIC;
REVOKE ALL ON FUNCTION complete_turn(UUID, VARCHAR, VARCHAR, VARCHAR, JSONB, JSONB) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION processed_output(UUID, VARCHAR, VARCHAR) TO sahabot_app;
GRANT EXECUTE ON FUNCTION complete_turn(UUID, VARCHAR, VARCHAR, VARCHAR, JSONB, JSONB) TO sahabot_app;
