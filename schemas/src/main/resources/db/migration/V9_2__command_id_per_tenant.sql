-- A command id is unique per tenant, not across the deployment. Globally unique, a command id that
-- one tenant had used made another tenant's command with the same id look like a double booking
-- (its reservation insert did nothing) and then fail on reservation_outcomes' primary key, again
-- and again until it was dead-lettered: one tenant could refuse another's commands. The ids the
-- agent derives from WhatsApp message ids do not collide, but nothing else guarantees that.

ALTER TABLE reservations DROP CONSTRAINT reservations_command_id_key;
ALTER TABLE reservations
    ADD CONSTRAINT reservations_tenant_command_id_key UNIQUE (tenant_id, command_id);

ALTER TABLE reservation_outcomes DROP CONSTRAINT reservation_outcomes_pkey;
ALTER TABLE reservation_outcomes ADD PRIMARY KEY (tenant_id, command_id);
