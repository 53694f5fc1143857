import type { FunctionVersion } from './database-function.js';

/**
 * Every change of a lead's status leaves one `status_change` activity with
 * `{from, to}`, whatever made it (the edit form, a pipeline step, a bulk or
 * "all matching" change, the board, raw SQL), in the same transaction: if
 * the change rolls back, so does its activity. Who made it is the
 * transaction-local `leadharbor.user_id` (server/db/actor.ts); a path that
 * does not set it (a script, a migration) records no user, and a user id
 * that names nobody (deleted meanwhile) is dropped rather than failing the
 * change. One statement-level INSERT over the transition tables, so a bulk
 * change of 10,000 leads costs one join, not 10,000 trigger calls; it cannot
 * be `UPDATE OF status` (PostgreSQL refuses column lists with transition
 * tables), so the join keeps only the rows whose status moved.
 */
export const activityOnStatusChangeV1: FunctionVersion = {
  name: 'leads_record_status_activity',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
DECLARE
  setting text := current_setting('leadharbor.user_id', true);
  actor integer;
BEGIN
  IF setting ~ '^[0-9]{1,9}$' THEN
    SELECT id INTO actor FROM users WHERE id = setting::integer;
  END IF;
  INSERT INTO activities (lead_id, organization_id, user_id, type, summary, metadata)
  SELECT n.id, n.organization_id, actor, 'status_change', format('Status changed from %s to %s', o.status, n.status),
         jsonb_build_object('from', o.status, 'to', n.status)
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE n.status IS DISTINCT FROM o.status;
  RETURN NULL;
END
`,
  triggers: [{
    name: 'trg_leads_status_activity',
    table: 'leads',
    create: 'CREATE TRIGGER trg_leads_status_activity AFTER UPDATE ON public.leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_record_status_activity()',
  }],
};
