-- Multitenancy: every business that connects a WhatsApp number is a tenant.
-- Rows of the single-tenant era move to `default_tenant`.

CREATE TABLE tenants (
    id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    whatsapp_phone_number_id VARCHAR(64)  NOT NULL UNIQUE,
    display_phone_number     VARCHAR(32),
    business_name            VARCHAR(255) NOT NULL,
    is_active                BOOLEAN      NOT NULL DEFAULT TRUE,
    settings                 JSONB        NOT NULL DEFAULT '{}'::jsonb,
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ  NOT NULL DEFAULT now()
);

INSERT INTO tenants (id, whatsapp_phone_number_id, business_name)
VALUES ('00000000-0000-0000-0000-000000000001', 'default_tenant', 'default_tenant');

ALTER TABLE customers ADD COLUMN tenant_id UUID;
ALTER TABLE reservations ADD COLUMN tenant_id UUID;
ALTER TABLE token_usage ADD COLUMN tenant_id UUID;

UPDATE customers SET tenant_id = '00000000-0000-0000-0000-000000000001';
UPDATE reservations SET tenant_id = '00000000-0000-0000-0000-000000000001';
UPDATE token_usage SET tenant_id = '00000000-0000-0000-0000-000000000001';

ALTER TABLE customers ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE reservations ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE token_usage ALTER COLUMN tenant_id SET NOT NULL;

ALTER TABLE customers
    ADD CONSTRAINT customers_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
ALTER TABLE reservations
    ADD CONSTRAINT reservations_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
ALTER TABLE token_usage
    ADD CONSTRAINT token_usage_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;

-- A phone is unique within a tenant, not across the deployment: the same person can be a
-- customer of two businesses. The unique constraint is the composite (tenant_id, phone) index.
ALTER TABLE customers DROP CONSTRAINT customers_phone_key;
ALTER TABLE customers ADD CONSTRAINT customers_tenant_phone_key UNIQUE (tenant_id, phone);

-- A reservation's customer is a customer of the same tenant.
ALTER TABLE customers ADD CONSTRAINT customers_tenant_id_id_key UNIQUE (tenant_id, id);
ALTER TABLE reservations DROP CONSTRAINT reservations_customer_id_fkey;
ALTER TABLE reservations
    ADD CONSTRAINT reservations_customer_fk FOREIGN KEY (tenant_id, customer_id)
        REFERENCES customers (tenant_id, id) ON DELETE CASCADE;

DROP INDEX idx_reservations_start_time;
CREATE INDEX idx_reservations_tenant_start ON reservations (tenant_id, start_time);
CREATE INDEX idx_token_usage_tenant ON token_usage (tenant_id, created_at);
