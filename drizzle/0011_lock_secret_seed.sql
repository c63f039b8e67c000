-- The advisory-lock secret (src/platform/lockKeys.ts), made with the database: 32 bytes from two random UUIDs
-- (gen_random_uuid draws on the server's strong random source; 244 random bits). A process that finds no row
-- makes one itself (insert ... on conflict do nothing), so a database restored without it still works.
INSERT INTO "server_secrets" ("name", "value", "created_at")
SELECT 'lock_keys', encode(decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), now()
ON CONFLICT ("name") DO NOTHING;
