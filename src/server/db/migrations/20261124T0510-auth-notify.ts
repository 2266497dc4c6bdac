import { type Kysely, sql } from 'kysely';

/**
 * Tells every server process, at commit, whose sessions to read again: a revoked or changed
 * session, a changed or disabled account, a role granted or taken ("<user id>"), or a moved or
 * re-kinded organisation ("*": roles carry their organisation's path and kind). Each process keeps
 * copies of sessions only while it listens (platform/auth/session-cache.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION liaison_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'organization' THEN
        PERFORM pg_notify('liaison_auth', '*');
      ELSIF TG_TABLE_NAME = 'app_user' THEN
        PERFORM pg_notify('liaison_auth', (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
      ELSE
        PERFORM pg_notify('liaison_auth', (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END)::text);
        IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN
          PERFORM pg_notify('liaison_auth', OLD.user_id::text);
        END IF;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER user_session_auth_changed
      AFTER UPDATE OF revoked_at, mfa_pending, csrf_token, expires_at, user_id OR DELETE ON user_session
      FOR EACH ROW EXECUTE FUNCTION liaison_auth_changed()`.execute(db);
  // "Last seen" moves forward on every touch (no news); moved back, it may make a session idle.
  await sql`
    CREATE TRIGGER user_session_seen_back
      AFTER UPDATE OF last_seen_at ON user_session
      FOR EACH ROW WHEN (NEW.last_seen_at < OLD.last_seen_at) EXECUTE FUNCTION liaison_auth_changed()`.execute(db);
  await sql`
    CREATE TRIGGER app_user_auth_changed
      AFTER UPDATE OF status, username, display_name, org_id, must_change_password OR DELETE ON app_user
      FOR EACH ROW EXECUTE FUNCTION liaison_auth_changed()`.execute(db);
  await sql`
    CREATE TRIGGER user_role_auth_changed
      AFTER INSERT OR UPDATE OR DELETE ON user_role
      FOR EACH ROW EXECUTE FUNCTION liaison_auth_changed()`.execute(db);
  await sql`
    CREATE TRIGGER organization_auth_changed
      AFTER UPDATE OF path, kind ON organization
      FOR EACH STATEMENT EXECUTE FUNCTION liaison_auth_changed()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
