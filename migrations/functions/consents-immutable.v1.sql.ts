import type { FunctionVersion } from './database-function.js';

/** Consent records are legal proof: the database refuses every change to one, whoever asks. */
export const consentsImmutableV1: FunctionVersion = {
  name: 'consents_immutable',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  version: 1,
  body: String.raw`
    BEGIN
      IF (to_jsonb(NEW) - 'lead_id' - 'submission_id') = (to_jsonb(OLD) - 'lead_id' - 'submission_id')
         AND (NEW.lead_id IS NULL OR NEW.lead_id = OLD.lead_id)
         AND (NEW.submission_id IS NULL OR NEW.submission_id = OLD.submission_id) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'consent records cannot be changed (consent %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation', HINT = 'Record a new consent instead.';
    END `,
  triggers: [
    {
      name: 'trg_consents_immutable',
      table: 'consents',
      create: 'CREATE TRIGGER trg_consents_immutable BEFORE UPDATE ON public.consents FOR EACH ROW EXECUTE FUNCTION consents_immutable()',
    },
  ],
};
