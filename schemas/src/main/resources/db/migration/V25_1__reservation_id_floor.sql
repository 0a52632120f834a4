-- reservation-service's reconciliation (issue 15): after the database was restored from an older
-- backup, the reservations told on reservation.events since the backup are inserted again with the
-- ids their customers were told. The id sequence came back with the backup, so it would hand those
-- ids out again to new bookings, whose insert (ON CONFLICT DO NOTHING) would then look like a taken
-- slot. Before re-inserting an id, the reconciler moves the sequence past it with this function.
--
-- It only ever moves the sequence forward, by taking values (nextval) until it is past the id, so a
-- concurrent booking can never be handed an id twice (setval could move it back under a race).
-- The gap is at most the ids handed out since the backup. sahabot_app may read and take values of
-- the sequence but not set it; it may execute this. No table is read, so no row-level security is
-- passed around.
CREATE FUNCTION reservation_ids_past(p_id BIGINT)
    RETURNS BIGINT
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    seq  TEXT := pg_get_serial_sequence('public.reservations', 'id');
    v_next BIGINT;
BEGIN
    v_next := nextval(seq);
    IF p_id IS NULL OR p_id < 1 OR p_id - v_next > 10000000 THEN
        RAISE EXCEPTION 'reservation_ids_past: % is not a reservation id near %', p_id, v_next;
    END IF;
    WHILE v_next < p_id LOOP
        v_next := nextval(seq);
    END LOOP;
    RETURN v_next;
END
$$;
REVOKE ALL ON FUNCTION reservation_ids_past(BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reservation_ids_past(BIGINT) TO sahabot_app;
