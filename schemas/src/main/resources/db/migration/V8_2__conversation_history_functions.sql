-- agent-service reads a conversation's memory when a turn starts and writes it when the turn ends.
-- These two functions do each in one statement, that is one round trip and its own transaction,
-- instead of four (BEGIN, set_config, the query, COMMIT). They are not a way around row-level
-- security: they run as the caller (SECURITY INVOKER, so the policies on conversation_messages
-- apply to sahabot_app), set app.tenant_id for the tenant they are given, exactly as every
-- tenant-scoped transaction does, and put back whatever tenant context the caller had.

CREATE FUNCTION conversation_history(p_tenant UUID, p_user VARCHAR) RETURNS JSONB
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
AS $$
DECLARE
    previous TEXT := current_setting('app.tenant_id', true);
    history  JSONB;
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    SELECT messages INTO history
    FROM conversation_messages WHERE tenant_id = p_tenant AND user_id = p_user;
    PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
    RETURN history;
END
$$;

CREATE FUNCTION save_conversation_history(p_tenant UUID, p_user VARCHAR, p_messages JSONB)
    RETURNS VOID
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
AS $$
DECLARE
    previous TEXT := current_setting('app.tenant_id', true);
BEGIN
    PERFORM set_config('app.tenant_id', p_tenant::text, true);
    INSERT INTO conversation_messages (tenant_id, user_id, messages, updated_at)
    VALUES (p_tenant, p_user, p_messages, now())
    ON CONFLICT (tenant_id, user_id) DO UPDATE
        SET messages = EXCLUDED.messages, updated_at = now();
    PERFORM set_config('app.tenant_id', COALESCE(previous, ''), true);
END
$$;

REVOKE ALL ON FUNCTION conversation_history(UUID, VARCHAR) FROM PUBLIC;
REVOKE ALL ON FUNCTION save_conversation_history(UUID, VARCHAR, JSONB) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION conversation_history(UUID, VARCHAR) TO sahabot_app;
GRANT EXECUTE ON FUNCTION save_conversation_history(UUID, VARCHAR, JSONB) TO sahabot_app;
