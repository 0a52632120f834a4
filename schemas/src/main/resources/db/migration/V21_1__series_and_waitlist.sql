-- reservation-service: recurring bookings (series) and waitlists (issue 18).
--
-- A series is one RequestSeries: the same field at the same local time every week. Each occurrence
-- that was free is an ordinary active reservation (so the exclusion constraint, the reports, the
-- table and the reminders see it as any other), linked to its series by series_occurrences.
--
-- A waitlist entry is a customer waiting for a taken slot (field, start, end). When the slot is free
-- (a cancellation, a move, a no-show, a cancelled series), the waitlist scheduler offers it to the
-- first waiting entry and holds it for the business's waitlistHoldMinutes (status 'offered',
-- hold_until); an offer not taken in time is 'expired' and the next entry is offered. The state is
-- here, claimed with FOR UPDATE SKIP LOCKED as reservation_reminders (V12_1): each offer is made
-- once, across restarts and instances.

CREATE TABLE reservation_series (
    id           BIGSERIAL   PRIMARY KEY,
    tenant_id    UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    customer_id  BIGINT      NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    field_id     BIGINT      NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    command_id   TEXT        NOT NULL,
    first_start  TIMESTAMPTZ NOT NULL,
    first_end    TIMESTAMPTZ NOT NULL,
    occurrences  INTEGER     NOT NULL CHECK (occurrences BETWEEN 1 AND 52),
    created_by   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reservation_series_command UNIQUE (tenant_id, command_id),
    CONSTRAINT reservation_series_ordered CHECK (first_start < first_end)
);
CREATE INDEX idx_reservation_series_tenant ON reservation_series (tenant_id);

CREATE TABLE series_occurrences (
    reservation_id BIGINT  PRIMARY KEY REFERENCES reservations (id) ON DELETE CASCADE,
    tenant_id      UUID    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    series_id      BIGINT  NOT NULL REFERENCES reservation_series (id) ON DELETE CASCADE,
    occurrence     INTEGER NOT NULL CHECK (occurrence >= 1),
    CONSTRAINT series_occurrences_once UNIQUE (series_id, occurrence)
);
CREATE INDEX idx_series_occurrences_tenant ON series_occurrences (tenant_id);

CREATE TABLE waitlist_entries (
    id             BIGSERIAL   PRIMARY KEY,
    tenant_id      UUID        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    field_id       BIGINT      NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    customer_id    BIGINT      NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    start_time     TIMESTAMPTZ NOT NULL,
    end_time       TIMESTAMPTZ NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'offered', 'booked', 'expired')),
    offered_at     TIMESTAMPTZ,
    hold_until     TIMESTAMPTZ,
    reservation_id BIGINT      REFERENCES reservations (id) ON DELETE SET NULL,
    command_id     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_entries_ordered CHECK (start_time < end_time),
    CONSTRAINT waitlist_entries_offer CHECK (status <> 'offered' OR hold_until IS NOT NULL)
);
CREATE INDEX idx_waitlist_entries_tenant ON waitlist_entries (tenant_id);
-- one place in line per customer and slot while waiting or offered
CREATE UNIQUE INDEX waitlist_entries_one_per_customer
    ON waitlist_entries (tenant_id, field_id, start_time, end_time, customer_id)
    WHERE status IN ('waiting', 'offered');
-- what the scheduler scans
CREATE INDEX idx_waitlist_entries_waiting ON waitlist_entries (tenant_id, field_id, start_time, id)
    WHERE status = 'waiting';
CREATE INDEX idx_waitlist_entries_held ON waitlist_entries (hold_until) WHERE status = 'offered';

ALTER TABLE reservation_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE reservation_series FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON reservation_series
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE series_occurrences ENABLE ROW LEVEL SECURITY;
ALTER TABLE series_occurrences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON series_occurrences
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
ALTER TABLE waitlist_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE waitlist_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON waitlist_entries
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON reservation_series, series_occurrences, waitlist_entries
    TO sahabot_app;
GRANT USAGE, SELECT ON SEQUENCE reservation_series_id_seq, waitlist_entries_id_seq TO sahabot_app;

-- The cross-tenant path of the waitlist scheduler, built like claim_due_reminders (V12_1): SECURITY
-- DEFINER functions with a fixed search_path, owned by a NOLOGIN role of their own that may read
-- the columns it needs (no customer data) and lock waitlist rows, through policies naming only it.
-- They return which entries of which tenants need an offer or an expiry; the caller does both in
-- that tenant's context under row-level security. The locks are the caller's transaction's.
DO $$
BEGIN
    CREATE ROLE sahabot_waitlist_claimer NOLOGIN;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO sahabot_waitlist_claimer;
GRANT SELECT (id, tenant_id, field_id, start_time, end_time, status, hold_until)
    ON waitlist_entries TO sahabot_waitlist_claimer;
GRANT UPDATE (status) ON waitlist_entries TO sahabot_waitlist_claimer;
GRANT SELECT (tenant_id, field_id, start_time, end_time, status) ON reservations
    TO sahabot_waitlist_claimer;
CREATE POLICY claim_waitlist ON waitlist_entries FOR SELECT
    TO sahabot_waitlist_claimer USING (true);
CREATE POLICY lock_waitlist ON waitlist_entries FOR UPDATE
    TO sahabot_waitlist_claimer USING (true) WITH CHECK (false);
CREATE POLICY waitlist_free_slots ON reservations FOR SELECT
    TO sahabot_waitlist_claimer USING (true);

-- Up to p_limit offers whose hold is over at p_now, locked for the caller's transaction.
CREATE FUNCTION claim_expired_waitlist_offers(p_now TIMESTAMPTZ, p_limit INTEGER)
    RETURNS TABLE (entry_id BIGINT, tenant_id UUID)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT w.id, w.tenant_id
    FROM public.waitlist_entries w
    WHERE w.status = 'offered' AND w.hold_until <= p_now
    ORDER BY w.hold_until, w.id
    LIMIT LEAST(GREATEST(p_limit, 1), 1000)
    FOR UPDATE OF w SKIP LOCKED
$$;

-- Up to p_limit waiting entries to offer at p_now: the first in line of a slot not started yet,
-- with no live offer of the same slot and no active reservation overlapping it on its field. An
-- offer whose hold is over counts as gone (its expiry is claimed by the other function in the same
-- pass). Locked for the caller's transaction; rows another transaction holds are skipped.
CREATE FUNCTION claim_free_waitlist_slots(p_now TIMESTAMPTZ, p_limit INTEGER)
    RETURNS TABLE (entry_id BIGINT, tenant_id UUID)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT w.id, w.tenant_id
    FROM public.waitlist_entries w
    WHERE w.status = 'waiting' AND w.start_time > p_now
      AND NOT EXISTS (
          SELECT 1 FROM public.waitlist_entries o
          WHERE o.tenant_id = w.tenant_id AND o.field_id = w.field_id
            AND o.start_time = w.start_time AND o.end_time = w.end_time
            AND ((o.status = 'waiting' AND o.id < w.id)
                 OR (o.status = 'offered' AND o.hold_until > p_now)))
      AND NOT EXISTS (
          SELECT 1 FROM public.reservations r
          WHERE r.tenant_id = w.tenant_id AND r.field_id = w.field_id AND r.status = 'active'
            AND tstzrange(r.start_time, r.end_time) && tstzrange(w.start_time, w.end_time))
    ORDER BY w.id
    LIMIT LEAST(GREATEST(p_limit, 1), 1000)
    FOR UPDATE OF w SKIP LOCKED
$$;
REVOKE ALL ON FUNCTION claim_expired_waitlist_offers(TIMESTAMPTZ, INTEGER) FROM PUBLIC;
REVOKE ALL ON FUNCTION claim_free_waitlist_slots(TIMESTAMPTZ, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_expired_waitlist_offers(TIMESTAMPTZ, INTEGER) TO sahabot_app;
GRANT EXECUTE ON FUNCTION claim_free_waitlist_slots(TIMESTAMPTZ, INTEGER) TO sahabot_app;

DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, 'sahabot_waitlist_claimer', 'MEMBER') THEN
        EXECUTE format('GRANT sahabot_waitlist_claimer TO %I', current_user);
    END IF;
END
$$;
GRANT CREATE ON SCHEMA public TO sahabot_waitlist_claimer;
ALTER FUNCTION claim_expired_waitlist_offers(TIMESTAMPTZ, INTEGER) OWNER TO sahabot_waitlist_claimer;
ALTER FUNCTION claim_free_waitlist_slots(TIMESTAMPTZ, INTEGER) OWNER TO sahabot_waitlist_claimer;
REVOKE CREATE ON SCHEMA public FROM sahabot_waitlist_claimer;
