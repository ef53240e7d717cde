-- @clerkship/licensing: seat assignment in one call (createPostgresLicensingStore's assignSeat).
-- Claims the member's row in licensing_seats, then one seat of the organization's license in
-- licensing_licenses: the tables your own drizzle-kit migrations create from the package's schema. Safe
-- to run again (CREATE OR REPLACE).
--
-- Why a function: called outside a transaction, it is its own transaction, so the license row is locked
-- only while the function runs and its commit is written, never across a network round trip. One
-- organization's assignments queue on that row, so this is what bounds how many seats per second one
-- organization can assign.
--
-- Returns 'assigned' or 'already_assigned'. A refusal raises (SQLSTATE P0001) with the message
-- 'clerkship_licensing_refused:<reason>', which rolls the member's row back; <reason> is
-- no_subscription, license_inactive or seat_limit_reached.
CREATE OR REPLACE FUNCTION clerkship_licensing_assign_seat_v1(
  org text,
  member text,
  assigned_by_user text,
  past_due_grace_seconds double precision
) RETURNS text
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  license record;
BEGIN
  -- The member's row first: its primary key serialises two assignments of one member, and a revoked
  -- row is reassigned in place.
  INSERT INTO licensing_seats AS seat (org_id, user_id, assigned_by)
  VALUES (org, member, assigned_by_user)
  ON CONFLICT (org_id, user_id) DO UPDATE
    SET revoked_at = NULL, assigned_at = now(), assigned_by = EXCLUDED.assigned_by, version = seat.version + 1
    WHERE seat.revoked_at IS NOT NULL;
  IF NOT FOUND THEN
    RETURN 'already_assigned';
  END IF;

  -- Then the seat: one conditional UPDATE, which Postgres re-checks on the newest row after waiting
  -- for its lock, so concurrent assignments never pass the limit.
  UPDATE licensing_licenses AS l
  SET seats_used = l.seats_used + 1
  WHERE l.org_id = org
    AND l.seats_used < l.seat_limit
    AND (
      l.status IN ('active', 'trialing')
      OR (l.status = 'past_due' AND l.past_due_since > now() - make_interval(secs => past_due_grace_seconds))
    );
  IF FOUND THEN
    RETURN 'assigned';
  END IF;

  SELECT l.subscription_id, l.status, l.past_due_since INTO license
  FROM licensing_licenses AS l WHERE l.org_id = org;
  IF NOT FOUND OR license.subscription_id IS NULL THEN
    RAISE EXCEPTION 'clerkship_licensing_refused:no_subscription';
  ELSIF NOT (
    license.status IN ('active', 'trialing')
    OR (license.status = 'past_due' AND license.past_due_since > now() - make_interval(secs => past_due_grace_seconds))
  ) THEN
    RAISE EXCEPTION 'clerkship_licensing_refused:license_inactive';
  END IF;
  RAISE EXCEPTION 'clerkship_licensing_refused:seat_limit_reached';
END;
$$;
