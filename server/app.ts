import express, { type Express } from 'express';
import type { Sequelize } from 'sequelize';
import { loadConfig, type Config } from './config.js';
import { checkReadiness } from './db/readiness.js';
import { createCors } from './intake/cors.js';
import { docsRouter } from './intake/docs/docs.router.js';
import { API_PREFIX } from './intake/intake-paths.js';
import { intakeRouter } from './intake/intake.router.js';
import { errorHandler, notFound } from './errors.js';
import { landingPage } from './http/landing-page.js';
import type { Logger } from './logger.js';
import { widgetAssets } from './widget/widget-assets.js';
import { securityHeaders } from './http/security-headers.js';

export interface AppDeps {
  sequelize: Sequelize;
  logger: Logger;
  /** Defaults to the development defaults (no environment read), which is what tests want. */
  config?: Config;
  /** Mounts the admin back office (see server/admin); omitted in tests that do not need it. */
  mountAdmin?: (app: Express) => void;
}

/** Builds the Express app without listening, so tests drive it with supertest. */
export function createApp({ sequelize, logger, mountAdmin, config = loadConfig({}) }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // The only place `trust proxy` is set: the client address (rate limits, consent records) and HTTPS (Secure
  // cookies) come from X-Forwarded-For and -Proto only through as many proxies as the operator says.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.use(securityHeaders(config)); // per face (admin, public, other): server/http/security-headers.ts
  mountAdmin?.(app); // before any body parser: AdminJS parses its own forms

  /** Liveness: the process is up and serving. Never touches the database. */
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  /** Readiness: the database answers and the schema is current; 503 with the reason otherwise. */
  app.get('/ready', async (_req, res) => {
    const result = await checkReadiness(sequelize);
    res.status(result.ready ? 200 : 503).set('Cache-Control', 'no-store')
      .json(result.ready ? { status: 'ready' } : { status: 'not_ready', reason: result.reason });
  });

  app.get('/', landingPage); // a person typing the address gets links, not a JSON 404
  app.use(docsRouter()); // GET /api/v1/openapi.json and /api/docs
  app.use(API_PREFIX, intakeRouter(sequelize, config, createCors(sequelize)));

  app.use(widgetAssets({ buildOnDemand: config.NODE_ENV !== 'production', logger })); // /widget.js and its chunks

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
