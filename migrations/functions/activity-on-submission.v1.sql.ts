import type { FunctionVersion } from './database-function.js';

/**
 * Every intake submission stored with a lead (a new lead, or a duplicate
 * matched to an existing one) leaves one `submission` activity on that lead,
 * with the product it asked for: a repeat inquiry adds no lead, so this is
 * where "also asked for Home" shows. The product's name is copied as it was
 * then, beside its id. intake_submit() is left alone and benchmarked, so this
 * is one statement-level INSERT … SELECT per submission; a spam submission
 * (no lead) writes nothing.
 */
export const activityOnSubmissionV1: FunctionVersion = {
  name: 'lead_submissions_record_activity',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
BEGIN
  INSERT INTO activities (lead_id, organization_id, type, occurred_at, summary, metadata)
  SELECT s.lead_id, s.organization_id, 'submission', s.created_at,
         CASE WHEN s.outcome = 'duplicate' THEN 'Asked again through the intake' ELSE 'Came in through the intake' END
           || coalesce(' for ' || p.name, ''),
         jsonb_build_object('submission_id', s.id, 'reference', s.reference, 'outcome', s.outcome,
                            'insurance_product_id', s.insurance_product_id, 'product', p.name)
    FROM new_rows s LEFT JOIN insurance_products p ON p.id = s.insurance_product_id
   WHERE s.lead_id IS NOT NULL;
  RETURN NULL;
END
`,
  triggers: [{
    name: 'trg_lead_submissions_activity',
    table: 'lead_submissions',
    create: 'CREATE TRIGGER trg_lead_submissions_activity AFTER INSERT ON public.lead_submissions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_submissions_record_activity()',
  }],
};
