-- A tenant's API keys and its own WhatsApp token are tenant-service's alone: agent-service and
-- reservation-service, which connect as sahabot_app, may no longer read or write them, even in a
-- tenant's context. tenant-service's role keeps them directly (it would otherwise lose them with
-- sahabot_app's). The lookup of a presented key stays resolve_api_key, which runs as
-- sahabot_key_resolver and which sahabot_app (so sahabot_tenant_app) may execute.

REVOKE ALL ON tenant_api_keys, tenant_whatsapp_tokens FROM sahabot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_api_keys, tenant_whatsapp_tokens TO sahabot_tenant_app;
