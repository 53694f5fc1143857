import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { clientAddress, peerAddress } from '../http/client-address.js';
import type { Cors } from './cors.js';
import { readCredential } from './credentials.js';
import { unknownKey } from './intake.errors.js';
import { IDEMPOTENCY_KEY_MAX } from './idempotency.js';
import { API_PREFIX } from './intake-paths.js';
import { REFERENCE_PATTERN } from './intake.responses.js';
import { submitLead, type SubmissionResult } from './intake.service.js';
import { validateSubmission } from './intake.validate.js';
import { readJsonBody } from './request-body.js';
import { requestHash } from './request-hash.js';
import { widgetConfigHandler } from './widget-config.js';


type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => { handler(req, res).catch(next); };

function idempotencyKey(req: Request): string | null {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return null;
  if (key.length < 1 || key.length > IDEMPOTENCY_KEY_MAX || !/^[\x21-\x7E]+$/.test(key)) {
    throw new AppError('validation_failed', 422, 'The Idempotency-Key header is invalid.', [{
      field: 'Idempotency-Key', code: 'invalid_idempotency_key',
      message: `Use 1 to ${IDEMPOTENCY_KEY_MAX} visible ASCII characters, e.g. a UUID.`,
    }]);
  }
  return key;
}

/** The body a caller gets for a stored submission; a publishable key never learns whether the person was already known. */
function receipt(result: SubmissionResult, secret: boolean) {
  return secret
    ? { reference: result.reference, status: 'received', lead_id: result.leadId, duplicate: result.outcome === 'duplicate' }
    : { reference: result.reference, status: 'received' };
}

/** The public intake API: `POST /api/v1/leads`, `GET /api/v1/leads/:reference`, `GET /api/v1/widget-config`. */
export function intakeRouter(sequelize: Sequelize, config: Config, cors: Cors): Router {
  const router = express.Router();

  router.options('/leads', route((req, res) => cors.preflight(req, res, 'POST, OPTIONS')));
  router.options('/widget-config', route((req, res) => cors.preflight(req, res, 'GET, OPTIONS')));

  router.post('/leads', route(async (req, res) => {
    const credential = readCredential(req);
    const origin = req.get('Origin') ?? null;
    res.vary('Origin').set('Cache-Control', 'no-store');
    let originChecked = false;
    try {
      const key = idempotencyKey(req);
      const json = await readJsonBody(req, res);
      const validation = validateSubmission(json);
      if (!validation.ok) throw new AppError('validation_failed', 422, 'Some fields are invalid; see errors.', validation.errors);
      const result = await submitLead(sequelize, config, {
        // intake_submit() needs an address (it is the per-IP budget's name): an unusable forwarded one falls back to the peer's.
        credential, origin, ip: clientAddress(req) ?? peerAddress(req) ?? '0.0.0.0', userAgent: req.get('User-Agent') ?? null,
        idempotencyKey: key, requestHash: key === null ? null : requestHash(json), now: new Date(),
      }, validation.value);
      originChecked = true; // intake_submit() refuses a publishable key from an origin it does not allow
      if (origin && credential.kind === 'pk') {
        cors.allow(res, origin);
        cors.allowedNow(credential.key, origin);
      }
      if (result.replayed) res.set('Idempotent-Replayed', 'true');
      res.status(201).location(`${API_PREFIX}/leads/${result.reference}`).json(receipt(result, credential.kind === 'sk'));
    } catch (error) {
      // Let the page read the error (its field messages) only when its origin is allowed for the key.
      const refusedOrigin = error instanceof AppError && ['origin_not_allowed', 'origin_required', 'invalid_key'].includes(error.code);
      if (origin && credential.kind === 'pk' && !originChecked && !refusedOrigin && await cors.allowedForKey(credential.key, origin).catch(() => false)) {
        cors.allow(res, origin);
      }
      throw error;
    }
  }));

  /** A stored submission's status, for the server that sent it (secret key only). */
  router.get('/leads/:reference', route(async (req, res) => {
    const credential = readCredential(req);
    if (credential.kind !== 'sk') {
      throw new AppError('secret_key_required', 403, 'Looking up a submission needs a secret key (Authorization: Bearer sk_…).');
    }
    // The key is checked on its own first: an unknown or revoked key is a 401 (the caller must fix its key), while a
    // live key of another organization learns nothing more than "not found" about a reference that is not its own.
    const row = await sequelize.query<{ reference: string | null; lead_id: number | null; outcome: string; created_at: Date }>(`
      SELECT s.reference, s.lead_id, s.outcome, s.created_at FROM api_keys a
        JOIN organizations o ON o.id = a.organization_id AND o.is_active
        LEFT JOIN lead_submissions s ON s.organization_id = a.organization_id AND s.reference = $2
       WHERE a.key_hash = $1 AND a.revoked_at IS NULL`, {
      // A text that cannot be a reference (a NUL among them, which PostgreSQL refuses as text) matches nothing.
      bind: [credential.hash, REFERENCE_PATTERN.test(req.params.reference!) ? req.params.reference : null], type: QueryTypes.SELECT, plain: true,
    });
    if (!row) throw unknownKey();
    if (row.reference === null) throw new AppError('not_found', 404, `No submission ${req.params.reference} for this key's organization.`);
    res.set('Cache-Control', 'no-store').json({
      reference: row.reference, status: 'received', lead_id: row.lead_id, duplicate: row.outcome === 'duplicate',
      received_at: row.created_at.toISOString(),
    });
  }));

  router.get('/widget-config', route(widgetConfigHandler(sequelize, cors)));
  return router;
}
