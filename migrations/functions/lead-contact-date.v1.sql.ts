import type { FunctionVersion } from './database-function.js';

/**
 * A lead moved into a status that means someone just spoke to the person
 * records when: whatever moved it (a pipeline action, the edit form, a bulk
 * change, the board, raw SQL, a later import). The statuses are the
 * pipeline's CONTACT_STATUSES (server/admin/pipeline/lead-pipeline.ts), frozen
 * here; a test keeps the two equal. A contact date the same statement sets
 * explicitly wins. Only a change of status counts: the admin's edit form
 * sends every field, the unchanged status included, on each save.
 */
export const leadContactDateV1: FunctionVersion = {
  name: 'leads_record_contact_date',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: `
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NEW.status IN ('contacted', 'qualified', 'nurturing', 'converted')
     AND NEW.last_contact_date IS NOT DISTINCT FROM OLD.last_contact_date THEN
    NEW.last_contact_date := timezone('utc', now());
  END IF;
  RETURN NEW;
END
`,
  triggers: [{
    name: 'trg_leads_record_contact_date',
    table: 'leads',
    create: 'CREATE TRIGGER trg_leads_record_contact_date BEFORE UPDATE OF status ON public.leads FOR EACH ROW EXECUTE FUNCTION leads_record_contact_date()',
  }],
};
