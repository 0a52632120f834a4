-- reservation-service: durable reminders. A reservation that is confirmed or moved gets one row
-- here, written in the same transaction as the reservation: when its customer is to be reminded
-- (due_at = start - the business's notifications.reminderMinutesBefore) and whether that was done
-- (sent_at). A move replaces the due time, a cancellation or no-show deletes the row; no row when
-- the business has reminders off or the due time had already passed at booking time.
--
-- The scheduler claims due rows across tenants with FOR UPDATE SKIP LOCKED, publishes ReminderDue,
-- waits for the broker's acknowledgement, sets sent_at and commits: a crash before the commit
-- publishes the reminder again (the same commandId, so it is told once), two instances never claim
-- one row at once, and a restart across the due time finds the row still unsent.

CREATE TABLE reservation_reminders (
    reservation_id BIGINT      PRIMARY KEY REFERENCES reservations (id) ON DELETE CASCADE,
    tenant_id      UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    start_time     TIMESTAMPTZ NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    sent_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reservation_reminders_due_before_start CHECK (due_at < start_time)
);
CREATE INDEX idx_reservation_reminders_tenant ON reservation_reminders (tenant_id);
-- what the scheduler scans: the unsent rows by due time
CREATE INDEX idx_reservation_reminders_due ON reservation_reminders (due_at) WHERE sent_at IS NULL;

ALTER TABLE reservation_reminders ENABLE ROW LEVEL SECURITY;
ALTER TABLE reservation_reminders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reservation_reminders
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON reservation_reminders TO sahabot_app;

-- The one reviewed cross-tenant path for reminders, built like resolve_api_key (V5, V9_1): a
-- SECURITY DEFINER function with a fixed search_path, owned by a role of its own that cannot log
-- in, may read five columns of reservation_reminders and lock its rows (FOR UPDATE needs UPDATE on
-- a column, and an UPDATE policy), through policies that name only it. It returns which
-- reservations of which tenants are due, nothing of their customers; the caller reads each
-- reservation, and marks its reminder sent, in that tenant's context under row-level security.
-- The row locks belong to the caller's transaction: they are held until it commits.
DO $$
BEGIN
    CREATE ROLE sahabot_reminder_claimer NOLOGIN;
EXCEPTION
    -- roles belong to the server, not to one database: it may exist already (or be created by a
    -- migration of another database at the same moment)
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO sahabot_reminder_claimer;
GRANT SELECT (reservation_id, tenant_id, start_time, due_at, sent_at) ON reservation_reminders
    TO sahabot_reminder_claimer;
GRANT UPDATE (sent_at) ON reservation_reminders TO sahabot_reminder_claimer;
CREATE POLICY claim_due_reminders ON reservation_reminders FOR SELECT
    TO sahabot_reminder_claimer USING (true);
CREATE POLICY lock_due_reminders ON reservation_reminders FOR UPDATE
    TO sahabot_reminder_claimer USING (true) WITH CHECK (false);

-- Up to p_limit (at most 1000) unsent reminders due at p_now (the caller's clock), earliest first,
-- locked for the caller's transaction; rows another transaction holds are skipped.
CREATE FUNCTION claim_due_reminders(p_now TIMESTAMPTZ, p_limit INTEGER)
    RETURNS TABLE (reservation_id BIGINT, tenant_id UUID, start_time TIMESTAMPTZ, due_at TIMESTAMPTZ)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT r.reservation_id, r.tenant_id, r.start_time, r.due_at
    FROM public.reservation_reminders r
    WHERE r.sent_at IS NULL AND r.due_at <= p_now
    ORDER BY r.due_at, r.reservation_id
    LIMIT LEAST(GREATEST(p_limit, 1), 1000)
    FOR UPDATE SKIP LOCKED
$$;
REVOKE ALL ON FUNCTION claim_due_reminders(TIMESTAMPTZ, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_due_reminders(TIMESTAMPTZ, INTEGER) TO sahabot_app;

-- Handing the function over, as in V9_1: an owner that is not a superuser must be a member of the
-- new owner, and the new owner may create in the schema for the moment of the change only.
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'sahabot_reminder_claimer', 'MEMBER') THEN
        EXECUTE format('GRANT sahabot_reminder_claimer TO %I', current_user);
    END IF;
END
$$;
GRANT CREATE ON SCHEMA public TO sahabot_reminder_claimer;
ALTER FUNCTION claim_due_reminders(TIMESTAMPTZ, INTEGER) OWNER TO sahabot_reminder_claimer;
REVOKE CREATE ON SCHEMA public FROM sahabot_reminder_claimer;
