import type { FunctionVersion } from './database-function.js';

/**
 * A campaign's is_active is its status, read as "takes new leads": the
 * admin shows only the status, and intake_submit resolves a campaign only
 * while is_active holds, so the two may never disagree, whatever writes the
 * row (the admin, a script, raw SQL, an import). The statuses are
 * CAMPAIGN_ACTIVE_STATUSES (models/value-sets.ts), frozen here; a test keeps
 * the two equal. A value written to is_active directly is overwritten.
 */
export const campaignsActiveFollowsStatusV1: FunctionVersion = {
  name: 'campaigns_active_follows_status',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: `
BEGIN
  NEW.is_active := NEW.status IN ('draft', 'scheduled', 'active', 'paused');
  RETURN NEW;
END
`,
  triggers: [{
    name: 'trg_campaigns_active_follows_status',
    table: 'campaigns',
    create: 'CREATE TRIGGER trg_campaigns_active_follows_status BEFORE INSERT OR UPDATE ON public.campaigns FOR EACH ROW EXECUTE FUNCTION campaigns_active_follows_status()',
  }],
};
