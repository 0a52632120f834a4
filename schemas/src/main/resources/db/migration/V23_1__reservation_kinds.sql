-- A blocked slot (maintenance, a private event: "yarın 15-17 bakım") is a reservation, so the
-- exclusion constraint, availability and the table treat it as taken, but it is not a sale: its kind
-- is 'block', and every report, statistic and usage figure counts only kind 'booking'. A block is
-- booked for the marker customer CustomerRef.block(name) (user id 'block', no phone); the blocks
-- made before this column existed are found by that marker.

ALTER TABLE reservations ADD COLUMN kind VARCHAR(10) NOT NULL DEFAULT 'booking'
    CONSTRAINT reservations_kind_check CHECK (kind IN ('booking', 'block'));

UPDATE reservations r SET kind = 'block'
FROM customers c
WHERE c.id = r.customer_id AND c.tenant_id = r.tenant_id
  AND c.user_id = 'block' AND c.phone IS NULL;

-- A no-show marked before the start ("Ali won't come") frees the slot: the row is no longer
-- 'active', so the exclusion constraint and the waitlist scan see the slot free, and the time it was
-- marked is kept here, so that the table and the peak hours, which show the slots no-shows held,
-- leave it out (another customer may have the slot by then). NULL for every other reservation.
ALTER TABLE reservations ADD COLUMN freed_at TIMESTAMPTZ;
