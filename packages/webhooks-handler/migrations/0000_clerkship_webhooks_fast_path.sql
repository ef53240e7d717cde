-- @clerkship/webhooks-handler: the Postgres fast path (createClerkMirrorWebhooksHandler).
-- One call claims a Clerk delivery id and applies it to the mirror tables: clerkship_webhook_deliveries,
-- clerk_users, clerk_organizations, clerk_organization_memberships and clerk_deleted_objects, which your
-- own drizzle-kit migrations create from the package's schema. Safe to run again (CREATE OR REPLACE).
--
-- Why a function and not one statement with CTEs: a statement sees one snapshot, taken before it waits
-- on a lock, so it would miss a deletion committed while it waited. In a VOLATILE plpgsql function each
-- statement takes a new snapshot (READ COMMITTED), so the tombstone check after the lock sees it.
CREATE OR REPLACE FUNCTION clerkship_webhooks_apply_v1(
  delivery_key text,
  event_type text,
  clerk_id text,
  guard_ids text[],
  row_data jsonb,
  event_time timestamptz
) RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  guard_id text;
  changed bigint := 0;
  step bigint;
BEGIN
  -- The claim. A concurrent duplicate waits here, on the primary key, until this transaction ends: after
  -- a commit it finds the key (duplicate), after a rollback it claims the key and applies the event.
  -- NULL: the caller's transaction has already claimed the delivery.
  IF delivery_key IS NOT NULL THEN
    INSERT INTO clerkship_webhook_deliveries (key) VALUES (delivery_key) ON CONFLICT (key) DO NOTHING;
    IF NOT FOUND THEN
      RETURN 'duplicate';
    END IF;
  END IF;
  IF event_type IS NULL THEN
    RETURN 'ignored';
  END IF;

  -- Deliveries touching the same Clerk ids run one after another. The caller passes the ids distinct and
  -- sorted, the order the drizzle path (ClerkMirror.sync) locks them in, so the two never deadlock.
  FOREACH guard_id IN ARRAY guard_ids LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('clerkship:' || guard_id, 0));
  END LOOP;

  CASE event_type
  WHEN 'user.created', 'user.updated' THEN
    IF EXISTS (SELECT 1 FROM clerk_deleted_objects WHERE id = ANY (guard_ids)) THEN
      RETURN 'stale';
    END IF;
    INSERT INTO clerk_users AS t
      (id, email, first_name, last_name, username, image_url, public_metadata, external_id, created_at,
       updated_at)
    SELECT r.id, r.email, r.first_name, r.last_name, r.username, r.image_url, r.public_metadata,
      r.external_id, r.created_at, r.updated_at
    FROM jsonb_populate_record(NULL::clerk_users, row_data) AS r
    ON CONFLICT (id) DO UPDATE SET
      email = excluded.email, first_name = excluded.first_name, last_name = excluded.last_name,
      username = excluded.username, image_url = excluded.image_url,
      public_metadata = excluded.public_metadata, external_id = excluded.external_id,
      created_at = excluded.created_at, updated_at = excluded.updated_at
    WHERE t.updated_at < excluded.updated_at;
    RETURN CASE WHEN FOUND THEN 'applied' ELSE 'stale' END;

  WHEN 'organization.created', 'organization.updated' THEN
    IF EXISTS (SELECT 1 FROM clerk_deleted_objects WHERE id = ANY (guard_ids)) THEN
      RETURN 'stale';
    END IF;
    INSERT INTO clerk_organizations AS t
      (id, name, slug, image_url, public_metadata, created_at, updated_at)
    SELECT r.id, r.name, r.slug, r.image_url, r.public_metadata, r.created_at, r.updated_at
    FROM jsonb_populate_record(NULL::clerk_organizations, row_data) AS r
    ON CONFLICT (id) DO UPDATE SET
      name = excluded.name, slug = excluded.slug, image_url = excluded.image_url,
      public_metadata = excluded.public_metadata, created_at = excluded.created_at,
      updated_at = excluded.updated_at
    WHERE t.updated_at < excluded.updated_at;
    RETURN CASE WHEN FOUND THEN 'applied' ELSE 'stale' END;

  WHEN 'organizationMembership.created', 'organizationMembership.updated' THEN
    -- A membership of a deleted user or organization is never written.
    IF EXISTS (SELECT 1 FROM clerk_deleted_objects WHERE id = ANY (guard_ids)) THEN
      RETURN 'stale';
    END IF;
    INSERT INTO clerk_organization_memberships AS t
      (id, organization_id, user_id, role, created_at, updated_at)
    SELECT r.id, r.organization_id, r.user_id, r.role, r.created_at, r.updated_at
    FROM jsonb_populate_record(NULL::clerk_organization_memberships, row_data) AS r
    ON CONFLICT (id) DO UPDATE SET
      organization_id = excluded.organization_id, user_id = excluded.user_id, role = excluded.role,
      created_at = excluded.created_at, updated_at = excluded.updated_at
    WHERE t.updated_at < excluded.updated_at;
    RETURN CASE WHEN FOUND THEN 'applied' ELSE 'stale' END;

  WHEN 'user.deleted', 'organization.deleted', 'organizationMembership.deleted' THEN
    -- Clerk never reuses an id: the tombstone makes every later create or update of it stale.
    INSERT INTO clerk_deleted_objects (id, object, deleted_at)
    VALUES (
      clerk_id,
      CASE event_type
        WHEN 'user.deleted' THEN 'user'
        WHEN 'organization.deleted' THEN 'organization'
        ELSE 'organization_membership'
      END,
      event_time
    )
    ON CONFLICT (id) DO NOTHING;
    GET DIAGNOSTICS step = ROW_COUNT;
    changed := changed + step;
    IF event_type = 'user.deleted' THEN
      DELETE FROM clerk_users WHERE id = clerk_id;
      GET DIAGNOSTICS step = ROW_COUNT;
      changed := changed + step;
      DELETE FROM clerk_organization_memberships WHERE user_id = clerk_id;
    ELSIF event_type = 'organization.deleted' THEN
      DELETE FROM clerk_organizations WHERE id = clerk_id;
      GET DIAGNOSTICS step = ROW_COUNT;
      changed := changed + step;
      DELETE FROM clerk_organization_memberships WHERE organization_id = clerk_id;
    ELSE
      DELETE FROM clerk_organization_memberships WHERE id = clerk_id;
    END IF;
    GET DIAGNOSTICS step = ROW_COUNT;
    changed := changed + step;
    RETURN CASE WHEN changed > 0 THEN 'applied' ELSE 'stale' END;

  ELSE
    RETURN 'ignored';
  END CASE;
END;
$$;
