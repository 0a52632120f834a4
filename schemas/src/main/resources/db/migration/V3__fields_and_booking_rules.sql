-- Fields (pitches), one booking per field and time: the database refuses a double booking.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE fields (
    id         BIGSERIAL PRIMARY KEY,
    tenant_id  UUID         NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       VARCHAR(100) NOT NULL,
    is_active  BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT fields_tenant_name_key UNIQUE (tenant_id, name),
    CONSTRAINT fields_tenant_id_id_key UNIQUE (tenant_id, id)
);

-- Every tenant that already has reservations gets its first field, and they move onto it.
INSERT INTO fields (tenant_id, name)
SELECT DISTINCT tenant_id, 'Saha 1' FROM reservations;

ALTER TABLE reservations ADD COLUMN field_id BIGINT;
UPDATE reservations r SET field_id = f.id FROM fields f WHERE f.tenant_id = r.tenant_id AND f.name = 'Saha 1';
ALTER TABLE reservations ALTER COLUMN field_id SET NOT NULL;
ALTER TABLE reservations
    ADD CONSTRAINT reservations_field_fk FOREIGN KEY (tenant_id, field_id)
        REFERENCES fields (tenant_id, id) ON DELETE CASCADE;

-- Customers who write from a WhatsApp username have a business-scoped user id and no phone.
ALTER TABLE customers ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE customers ADD COLUMN user_id VARCHAR(128);
ALTER TABLE customers ADD CONSTRAINT customers_tenant_user_key UNIQUE (tenant_id, user_id);
ALTER TABLE customers ADD CONSTRAINT customers_identified CHECK (phone IS NOT NULL OR user_id IS NOT NULL);

ALTER TABLE reservations ADD COLUMN price NUMERIC(12, 2);
ALTER TABLE reservations ADD COLUMN currency CHAR(3);
ALTER TABLE reservations ADD COLUMN command_id VARCHAR(128);
ALTER TABLE reservations ADD COLUMN created_by VARCHAR(128);
ALTER TABLE reservations ADD CONSTRAINT reservations_command_id_key UNIQUE (command_id);
ALTER TABLE reservations
    ADD CONSTRAINT reservations_status_check
        CHECK (status IN ('active', 'cancelled', 'completed', 'no_show'));

-- The old system could hold overlapping bookings; say which ones rather than fail obscurely.
DO $$
DECLARE
    clashes TEXT;
BEGIN
    SELECT string_agg(a.id || '/' || b.id, ', ')
    INTO clashes
    FROM reservations a
    JOIN reservations b
      ON a.tenant_id = b.tenant_id AND a.field_id = b.field_id AND a.id < b.id
     AND a.status = 'active' AND b.status = 'active'
     AND tstzrange(a.start_time, a.end_time) && tstzrange(b.start_time, b.end_time);
    IF clashes IS NOT NULL THEN
        RAISE EXCEPTION 'overlapping active reservations must be resolved before this upgrade: %', clashes;
    END IF;
END
$$;

ALTER TABLE reservations
    ADD CONSTRAINT reservations_no_overlap
        EXCLUDE USING gist (tenant_id WITH =, field_id WITH =, tstzrange(start_time, end_time) WITH &&)
        WHERE (status = 'active');

CREATE INDEX idx_fields_tenant ON fields (tenant_id);
CREATE INDEX idx_reservations_tenant_customer ON reservations (tenant_id, customer_id);
