import type { FunctionVersion } from './database-function.js';

/**
 * An outbound call, email or text is contact with the person: the lead's
 * `last_contact_date` becomes the greatest of its own and the activity's
 * `occurred_at` (a call logged late for last week never moves it back). The
 * types are CONTACT_ACTIVITY_TYPES (models/value-sets.ts), frozen here; a
 * test keeps the two equal. A row trigger with a WHEN clause, not a
 * statement trigger: the activities the database writes in bulk (status
 * changes, submissions) never match, and a WHEN that fails costs no function
 * call, where a statement trigger would run for every one of those inserts,
 * even the empty ones, and its UPDATE of leads would fire the leads'
 * statement triggers again.
 */
export const activityContactDateV1: FunctionVersion = {
  name: 'activities_record_contact_date',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
BEGIN
  UPDATE leads SET last_contact_date = NEW.occurred_at
   WHERE id = NEW.lead_id AND (last_contact_date IS NULL OR last_contact_date < NEW.occurred_at);
  RETURN NULL;
END
`,
  triggers: [{
    name: 'trg_activities_contact_date',
    table: 'activities',
    // PostgreSQL's own spelling of WHEN (NEW.type IN ('call', 'email', 'sms') AND NEW.direction = 'outbound').
    create: "CREATE TRIGGER trg_activities_contact_date AFTER INSERT OR UPDATE OF type, direction, occurred_at ON public.activities FOR EACH ROW WHEN ((((new.type)::text = ANY (ARRAY[('call'::character varying)::text, ('email'::character varying)::text, ('sms'::character varying)::text])) AND ((new.direction)::text = 'outbound'::text))) EXECUTE FUNCTION activities_record_contact_date()",
  }],
};
