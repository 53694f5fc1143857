import type { FunctionVersion } from './database-function.js';

/**
 * Version 5: a publishable key is looked up among usable_site_keys() (the
 * one definition of "an active key of an active organization") instead of
 * repeating that rule. Otherwise as version 4.
 */
export const intakeSubmitV5: FunctionVersion = {
  name: 'intake_submit',
  args: 'r jsonb',
  returns: 'jsonb',
  language: 'plpgsql',
  version: 5,
  body: String.raw`
  DECLARE
    now_utc timestamp := timezone('utc', now());
    -- The app sends its IDEMPOTENCY_WINDOW_HOURS; 24 is what callers from before version 4 (a rolling deploy) relied on.
    v_idempotency_window interval := make_interval(hours => coalesce((r->>'idempotency_hours')::int, 24));
    retry integer;
    k record;
    v_scope text;
    existing record;
    claimed boolean;
    v_product_id integer;
    v_product_type text;
    v_campaign_id integer;
    v_source_id integer;
    v_source_type text;
    v_lead leads;
    v_lead_id integer;
    v_outcome text;
    v_score integer;
    v_breakdown jsonb;
    v_product_points integer;
    v_source_points integer;
    v_submission_id bigint;
    b jsonb := r->'body';
    c jsonb := r->'body'->'consent';
  BEGIN
    -- Pages share a budget per visitor address; a partner's server posts all its leads from one address, so only its key's budget applies.
    IF r->>'key_kind' = 'pk' THEN
      retry := rate_limit_hit('ip:' || (r->>'ip'), (r->'limits'->>'ip')::int, (r->'limits'->>'window')::int);
      IF retry > 0 THEN RETURN jsonb_build_object('error', 'rate_limited', 'retry_after', retry, 'budget', 'ip'); END IF;
    END IF;

    IF r->>'key_kind' = 'pk' THEN
      SELECT s.id, s.organization_id, s.allowed_origins, s.default_lead_source_id, s.default_campaign_id,
             s.product_types, s.last_used_at
        INTO k FROM usable_site_keys() s
       WHERE s.key = r->>'key';
    ELSE
      SELECT a.id, a.organization_id, NULL::text[] AS allowed_origins, NULL::integer AS default_lead_source_id,
             NULL::integer AS default_campaign_id, '{}'::varchar[] AS product_types, a.last_used_at
        INTO k FROM api_keys a JOIN organizations o ON o.id = a.organization_id
       WHERE a.key_hash = r->>'key' AND a.revoked_at IS NULL AND o.is_active;
    END IF;
    IF k.id IS NULL THEN RETURN jsonb_build_object('error', 'invalid_key'); END IF;
    IF r->>'key_kind' = 'pk' AND NOT origin_allowed(k.allowed_origins, r->>'origin') THEN
      RETURN jsonb_build_object('error', CASE WHEN r->>'origin' IS NULL THEN 'origin_required' ELSE 'origin_not_allowed' END);
    END IF;
    v_scope := (r->>'key_kind') || ':' || k.id;
    retry := rate_limit_hit('key:' || v_scope, (r->'limits'->>'key')::int, (r->'limits'->>'window')::int);
    IF retry > 0 THEN RETURN jsonb_build_object('error', 'rate_limited', 'retry_after', retry, 'budget', 'key'); END IF;

    -- A replay answers exactly as the first time, whatever has changed since.
    IF r->>'idempotency_key' IS NOT NULL THEN
      SELECT i.request_hash, s.reference, s.lead_id, s.outcome INTO existing
        FROM idempotency_keys i JOIN lead_submissions s ON s.id = i.submission_id
       WHERE i.scope = v_scope AND i.key = r->>'idempotency_key' AND i.created_at > now_utc - v_idempotency_window;
      IF existing.request_hash IS NOT NULL THEN
        IF existing.request_hash <> r->>'request_hash' THEN RETURN jsonb_build_object('error', 'idempotency_conflict'); END IF;
        RETURN jsonb_build_object('reference', existing.reference, 'lead_id', existing.lead_id,
                                  'outcome', existing.outcome, 'replayed', true);
      END IF;
    END IF;

    IF b->>'product' IS NOT NULL THEN
      SELECT p.id, p.product_type INTO v_product_id, v_product_type FROM insurance_products p
       WHERE p.is_active AND (p.slug = b->>'product' OR p.product_type = b->>'product')
       ORDER BY (p.slug = b->>'product') DESC, p.id LIMIT 1;
      IF v_product_id IS NULL THEN RETURN jsonb_build_object('error', 'unknown_product'); END IF;
      IF cardinality(k.product_types) > 0 AND NOT v_product_type = ANY (k.product_types) THEN
        RETURN jsonb_build_object('error', 'product_not_offered');
      END IF;
    END IF;
    IF b->>'campaign' IS NOT NULL THEN
      SELECT id INTO v_campaign_id FROM campaigns
       WHERE organization_id = k.organization_id AND slug = b->>'campaign' AND is_active;
      IF v_campaign_id IS NULL THEN RETURN jsonb_build_object('error', 'unknown_campaign'); END IF;
    ELSIF b->>'utm_campaign' IS NOT NULL THEN
      SELECT id INTO v_campaign_id FROM campaigns
       WHERE organization_id = k.organization_id AND slug = lower(b->>'utm_campaign') AND is_active;
    END IF;
    v_campaign_id := coalesce(v_campaign_id, k.default_campaign_id);
    SELECT src.id, src.source_type INTO v_source_id, v_source_type FROM lead_sources src
     WHERE src.is_active AND src.source_type = r->>'source_type' ORDER BY src.id LIMIT 1;
    IF v_source_id IS NULL AND k.default_lead_source_id IS NOT NULL THEN
      SELECT src.id, src.source_type INTO v_source_id, v_source_type FROM lead_sources src WHERE src.id = k.default_lead_source_id;
    END IF;
    IF v_source_id IS NULL THEN
      SELECT src.id, src.source_type INTO v_source_id, v_source_type FROM lead_sources src
       WHERE src.is_active AND src.source_type = 'web' ORDER BY src.id LIMIT 1;
    END IF;

    IF r->>'idempotency_key' IS NOT NULL THEN
      INSERT INTO idempotency_keys AS i (scope, key, request_hash) VALUES (v_scope, r->>'idempotency_key', r->>'request_hash')
      ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, submission_id = NULL, created_at = EXCLUDED.created_at
       WHERE i.created_at <= now_utc - v_idempotency_window OR i.submission_id IS NULL
      RETURNING true INTO claimed;
      IF claimed IS NULL THEN
        -- A twin request claimed the key first and has committed by now (the INSERT waited for it).
        SELECT i.request_hash, s.reference, s.lead_id, s.outcome INTO existing
          FROM idempotency_keys i JOIN lead_submissions s ON s.id = i.submission_id
         WHERE i.scope = v_scope AND i.key = r->>'idempotency_key';
        IF existing.request_hash <> r->>'request_hash' THEN RETURN jsonb_build_object('error', 'idempotency_conflict'); END IF;
        RETURN jsonb_build_object('reference', existing.reference, 'lead_id', existing.lead_id,
                                  'outcome', existing.outcome, 'replayed', true);
      END IF;
    END IF;

    v_lead := jsonb_populate_record(NULL::leads, r->'lead');
    IF (r->>'spam')::boolean THEN
      v_outcome := 'spam';
    ELSE
      PERFORM pg_advisory_xact_lock(k.organization_id, hashtext('email:' || v_lead.email));
      IF v_lead.phone IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(k.organization_id, hashtext('phone:' || v_lead.phone));
      END IF;
      -- Two plain equality lookups (perf_leads_org_email, perf_leads_org_phone) rather than one OR: their plans
      -- stay index lookups even before the table has statistics. Any recent match will do.
      SELECT id INTO v_lead_id FROM leads
       WHERE email = v_lead.email AND organization_id = k.organization_id
         AND created_at >= now_utc - make_interval(days => (r->>'dedup_days')::int)
       LIMIT 1;
      IF v_lead_id IS NULL AND v_lead.phone IS NOT NULL THEN
        SELECT id INTO v_lead_id FROM leads
         WHERE organization_id = k.organization_id AND phone = v_lead.phone
           AND created_at >= now_utc - make_interval(days => (r->>'dedup_days')::int)
         LIMIT 1;
      END IF;
      v_outcome := CASE WHEN v_lead_id IS NULL THEN 'created' ELSE 'duplicate' END;
    END IF;

    v_product_points := coalesce((r->'scoring'->'product'->'points'->>v_product_type)::int, 0);
    v_source_points := coalesce((r->'scoring'->'source'->'points'->>v_source_type)::int, 0);
    v_score := least(100, greatest(0, (r->'scoring'->>'base')::int + v_product_points + v_source_points));
    v_breakdown := (r->'scoring'->'items') || jsonb_build_array(
      (r->'scoring'->'product'->'item') || jsonb_build_object('points', v_product_points, 'value', v_product_type),
      (r->'scoring'->'source'->'item') || jsonb_build_object('points', v_source_points, 'value', v_source_type));

    IF v_outcome = 'created' THEN
      INSERT INTO leads (first_name, last_name, email, phone, date_of_birth, address, city, state, zip_code, country,
                         notes, score, priority, organization_id, lead_source_id, campaign_id, insurance_product_id)
      VALUES (v_lead.first_name, v_lead.last_name, v_lead.email, v_lead.phone, v_lead.date_of_birth, v_lead.address,
              v_lead.city, v_lead.state, v_lead.zip_code, coalesce(v_lead.country, 'USA'), v_lead.notes, v_score,
              CASE WHEN v_score >= (r->'scoring'->>'high')::int THEN 'high'
                   WHEN v_score >= (r->'scoring'->>'medium')::int THEN 'medium' ELSE 'low' END,
              k.organization_id, v_source_id, v_campaign_id, v_product_id)
      RETURNING id INTO v_lead_id;
    END IF;

    INSERT INTO lead_submissions (reference, organization_id, site_key_id, api_key_id, lead_id, outcome, payload,
                                  attribution, score_breakdown, ip_address, user_agent, insurance_product_id, lead_source_id, campaign_id)
    VALUES (r->>'reference', k.organization_id,
            CASE WHEN r->>'key_kind' = 'pk' THEN k.id END, CASE WHEN r->>'key_kind' = 'sk' THEN k.id END,
            v_lead_id, v_outcome, b || (r->'lead'), coalesce(r->'attribution', '{}'),
            jsonb_build_object('score', v_score, 'items', v_breakdown), (r->>'ip')::inet, r->>'user_agent', v_product_id, v_source_id, v_campaign_id)
    RETURNING id INTO v_submission_id;

    IF v_outcome <> 'spam' THEN
      INSERT INTO consents (organization_id, lead_id, submission_id, granted, consent_text, consent_version, text_sha256, language,
                            ip_address, user_agent, page_url, trustedform_cert_url, leadid_token)
      VALUES (k.organization_id, v_lead_id, v_submission_id, coalesce((c->>'granted')::boolean, false),
              c->>'text', c->>'version', encode(sha256(convert_to(c->>'text', 'UTF8')), 'hex'), c->>'language',
              (r->>'ip')::inet, r->>'user_agent', b->>'page_url', b->>'trustedform_cert_url', b->>'leadid_token');
    END IF;
    IF r->>'idempotency_key' IS NOT NULL THEN
      UPDATE idempotency_keys SET submission_id = v_submission_id WHERE idempotency_keys.scope = v_scope AND key = r->>'idempotency_key';
    END IF;
    -- At most once a minute per key, so concurrent submissions do not queue on the key's row.
    IF k.last_used_at IS NULL OR k.last_used_at < now_utc - interval '1 minute' THEN
      IF r->>'key_kind' = 'pk' THEN
        UPDATE site_keys SET last_used_at = now_utc
         WHERE id = k.id AND (last_used_at IS NULL OR last_used_at < now_utc - interval '1 minute');
      ELSE
        UPDATE api_keys SET last_used_at = now_utc
         WHERE id = k.id AND (last_used_at IS NULL OR last_used_at < now_utc - interval '1 minute');
      END IF;
    END IF;
    RETURN jsonb_build_object('reference', r->>'reference', 'lead_id', v_lead_id, 'outcome', v_outcome, 'replayed', false);
  END `,
};
