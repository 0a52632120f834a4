-- agent-service keeps the state of each conversation's dialogue beside its memory: the bot's open
-- proposal ("Saha 1, Saturday 20:00 is free: book it?"), the slots gathered over turns while the bot
-- asks for what is missing, what the bot just listed or booked (for "the first one", "that one"),
-- and the customer's language. One JSONB document per conversation, in the memory's own row, so it
-- has the memory's tenant isolation (row-level security of conversation_messages) and goes when the
-- memory goes.
ALTER TABLE conversation_messages ADD COLUMN dialogue JSONB;

-- The dialogue state of a conversation, or NULL. One statement, as the caller (V8_2's pattern).
CREATE FUNCTION conversation_dialogue(p_tenant UUID, p_user VARCHAR) RETURNS JSONB
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
AS $$
DECLARE
    previous TEXT := current_setting('app.tenant_id', true);
    state    JSONB;
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    SELECT dialogue INTO state
    FROM conversation_messages WHERE tenant_id = p_tenant AND user_id = p_user;
    PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
    RETURN state;
END
$$;

-- V15_1's complete_turn, also storing the dialogue state (when p_dialogue is not NULL) in the same
-- transaction: the claim, the history and the dialogue are stored together or not at all.
CREATE FUNCTION complete_turn(p_tenant UUID, p_consumer VARCHAR, p_message VARCHAR,
                              p_user VARCHAR, p_messages JSONB, p_output JSONB, p_dialogue JSONB)
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
        IF p_messages IS NOT NULL OR p_dialogue IS NOT NULL THEN
            INSERT INTO conversation_messages (tenant_id, user_id, messages, dialogue, updated_at)
            VALUES (p_tenant, p_user, COALESCE(p_messages, '[]'::jsonb), p_dialogue, now())
            ON CONFLICT (tenant_id, user_id) DO UPDATE
                SET messages = COALESCE(p_messages, conversation_messages.messages),
                    dialogue = COALESCE(p_dialogue, conversation_messages.dialogue),
                    updated_at = now();
        END IF;
    END IF;
    PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
    RETURN stored;
END
$$;

REVOKE ALL ON FUNCTION conversation_dialogue(UUID, VARCHAR) FROM PUBLIC;
REVOKE ALL ON FUNCTION complete_turn(UUID, VARCHAR, VARCHAR, VARCHAR, JSONB, JSONB, JSONB) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION conversation_dialogue(UUID, VARCHAR) TO sahabot_app;
GRANT EXECUTE ON FUNCTION complete_turn(UUID, VARCHAR, VARCHAR, VARCHAR, JSONB, JSONB, JSONB) TO sahabot_app;
