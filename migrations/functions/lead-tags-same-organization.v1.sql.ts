import type { FunctionVersion } from './database-function.js';

/**
 * A lead carries only its own organization's tags, whatever writes the row
 * (the admin, a script, raw SQL): otherwise one agency's tag names would
 * show on, and filter, another's leads. Checked from all three sides: a
 * lead_tags row written, and a lead or tag moved to another organization
 * while it still has the other's tags. Refused as a CHECK violation named
 * ck_lead_tags_same_organization, so the app can say which field is wrong.
 */
export const leadTagsSameOrganizationV1: FunctionVersion = {
  name: 'lead_tags_same_organization',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
BEGIN
  IF TG_TABLE_NAME = 'lead_tags' THEN
    IF EXISTS (SELECT 1 FROM leads l, tags t
               WHERE l.id = NEW.lead_id AND t.id = NEW.tag_id AND l.organization_id IS DISTINCT FROM t.organization_id) THEN
      RAISE EXCEPTION 'lead % and tag % belong to different organizations', NEW.lead_id, NEW.tag_id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_lead_tags_same_organization', TABLE = 'lead_tags';
    END IF;
  ELSIF TG_TABLE_NAME = 'leads' THEN
    IF EXISTS (SELECT 1 FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id
               WHERE lt.lead_id = NEW.id AND t.organization_id IS DISTINCT FROM NEW.organization_id) THEN
      RAISE EXCEPTION 'lead % still has tags of its old organization', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_lead_tags_same_organization', TABLE = 'leads';
    END IF;
  ELSE
    IF EXISTS (SELECT 1 FROM lead_tags lt JOIN leads l ON l.id = lt.lead_id
               WHERE lt.tag_id = NEW.id AND l.organization_id IS DISTINCT FROM NEW.organization_id) THEN
      RAISE EXCEPTION 'tag % is still on leads of its old organization', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_lead_tags_same_organization', TABLE = 'tags';
    END IF;
  END IF;
  RETURN NEW;
END
`,
  triggers: [
    {
      name: 'trg_lead_tags_same_organization',
      table: 'lead_tags',
      create: 'CREATE TRIGGER trg_lead_tags_same_organization BEFORE INSERT OR UPDATE ON public.lead_tags FOR EACH ROW EXECUTE FUNCTION lead_tags_same_organization()',
    },
    {
      name: 'trg_leads_tags_same_organization',
      table: 'leads',
      create: 'CREATE TRIGGER trg_leads_tags_same_organization BEFORE UPDATE OF organization_id ON public.leads FOR EACH ROW EXECUTE FUNCTION lead_tags_same_organization()',
    },
    {
      name: 'trg_tags_same_organization',
      table: 'tags',
      create: 'CREATE TRIGGER trg_tags_same_organization BEFORE UPDATE OF organization_id ON public.tags FOR EACH ROW EXECUTE FUNCTION lead_tags_same_organization()',
    },
  ],
};
