-- A field is held by its stable id (the settings' fieldDetails[].id), not by its name. Before, a
-- rename created a new row: the exclusion constraint, which compares field rows, no longer saw the
-- old field's bookings, and the same hour could be sold twice on the renamed field. The id of a
-- field that existed before is its name (what TenantSettings gives a field known only by name), so
-- every existing row keeps its bookings. The name is the field's last known name; two rows may
-- share it over time (a field renamed, another given the old name).

ALTER TABLE fields ADD COLUMN field_key VARCHAR(100);
UPDATE fields SET field_key = name;
ALTER TABLE fields ALTER COLUMN field_key SET NOT NULL;
ALTER TABLE fields ADD CONSTRAINT fields_tenant_key_key UNIQUE (tenant_id, field_key);
ALTER TABLE fields DROP CONSTRAINT fields_tenant_name_key;

-- A row inserted by name alone (as before) gets its name as its id.
CREATE FUNCTION fields_default_key() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public
AS $$
BEGIN
    NEW.field_key := coalesce(NEW.field_key, NEW.name);
    RETURN NEW;
END
$$;
CREATE TRIGGER fields_default_key BEFORE INSERT ON fields
    FOR EACH ROW EXECUTE FUNCTION fields_default_key();
