import AdminJS, { ApiController } from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import { Database, Resource } from '@adminjs/sequelize';
import ConnectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import pg from 'pg';
import express, { type Express } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { ADMIN_TRANSLATIONS, readableNotices } from './admin-locale.js';
import { refuseSignIn } from './auth.js';
import { leadsCsvExport } from './export/export-route.js';
import type { Logger } from '../logger.js';
import { adminBodyParser } from './admin-body.js';
import { adminErrors } from './admin-errors.js';
import { withAccess } from './access/apply-access.js';
import { withFormDefaults } from './form-defaults.js';
import { accountHandler } from './accounts/account-page.js';
import { passwordResetPage } from './accounts/password-reset-page.js';
import { ADMIN_STYLES_PATH, serveAdminStyles } from './admin-styles.js';
import { boardHandler } from './pipeline/board-handler.js';
import { COMPONENTS_BUNDLE, componentsBundled } from './bundle-components.js';
import { createComponentLoader } from './component-loader.js';
import { crossSiteGuard } from './cross-site-guard.js';
import { dashboardHandler } from './dashboard/dashboard-handler.js';
import { serveLocalFonts } from './local-fonts.js';
import { safeAdminHtml } from './safe-html.js';
import { cspSafeBundles } from './csp-safe-bundles.js';
import { adminSessionsRouter } from './sessions/admin-sessions.js';
import { ADMIN_ROOT } from './admin-paths.js';
import { apiKeyResource } from './integrations/api-key.resource.js';
import { campaignResource } from './resources/campaign.resource.js';
import { consentResource } from './resources/consent.resource.js';
import { insuranceProductResource } from './resources/insurance-product.resource.js';
import { leadSourceResource } from './resources/lead-source.resource.js';
import { leadSubmissionResource } from './resources/lead-submission.resource.js';
import { leadResource } from './resources/lead.resource.js';
import { organizationResource } from './resources/organization.resource.js';
import { siteKeyResource } from './integrations/site-key.resource.js';
import { userResource } from './accounts/user.resource.js';
import { activityResource } from './resources/activity.resource.js';
import { noteResource } from './resources/note.resource.js';
import { tagResource } from './tags/tag.resource.js';
import { documentResource } from './resources/document.resource.js';
import { adminDocuments, type AdminDocuments } from '../documents/admin-documents.js';
import { createDocumentStore, type DocumentsConfig } from '../documents/create-store.js';
import { documentRoutes } from '../documents/document-routes.js';
import { loadConfig } from '../config.js';

export { ADMIN_ROOT };
const FONTS_PATH = '/admin-fonts/roboto';
const SESSION_TABLE = 'admin_sessions';
const SESSION_COOKIE = 'leadharbor_admin';
const BRANDING = { companyName: 'LeadHarbor', withMadeWithLove: false, logo: false as const };

AdminJS.registerAdapter({ Database, Resource });

export interface AdminDeps {
  sequelize: Sequelize;
  databaseUrl: string;
  config: Pick<Config, 'NODE_ENV' | 'SESSION_SECRET' | 'COOKIE_SECURE' | 'ADMIN_SESSION_IDLE_MINUTES' | 'ADMIN_SESSION_ABSOLUTE_HOURS'> & DocumentsConfig;
  logger?: Logger;
}

/**
 * Production serves the bundle `npm run build` made and refuses to start
 * without it (bundling at run time happens after listen, and a failure there
 * crashes the server). Development bundles and rebuilds on change. Tests
 * bundle explicitly where a browser needs the components.
 */
function prepareComponents(admin: AdminJS, env: Config['NODE_ENV'], logger?: Logger): void {
  if (env === 'production') {
    if (!componentsBundled()) {
      throw new Error(`The admin's components are not bundled (${COMPONENTS_BUNDLE} is missing): run \`npm run build\` before starting in production.`);
    }
    process.env.ADMIN_JS_SKIP_BUNDLE = 'true'; // read by AdminJS itself, not by our config
  } else if (env === 'development') {
    admin.watch().catch((error: unknown) => logger?.error('Bundling the admin components failed', error));
  }
}

export interface AdminMount {
  admin: AdminJS;
  /** Mounts the admin on `app`; call before any body parser (AdminJS parses its own forms). */
  mount(app: Express): void;
  close(): Promise<void>;
}

/** Without a store (the bundle script, tests of words), the development default: nothing is touched until a file is. */
const defaultDocuments = (): AdminDocuments => {
  const config = loadConfig({});
  return adminDocuments(createDocumentStore(config), config.DOCUMENTS_MAX_BYTES);
};

export function createAdmin(documents: AdminDocuments = defaultDocuments()): AdminJS {
  const { loader, ids } = createComponentLoader();
  const admin = new AdminJS({
    componentLoader: loader,
    dashboard: { component: ids.Dashboard, handler: dashboardHandler },
    pages: {
      board: { component: ids.Board, handler: boardHandler, icon: 'Columns' },
      account: { component: ids.Account, handler: accountHandler, icon: 'User' },
    },
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources: [
      leadResource(ids, documents), campaignResource(), leadSourceResource(),
      insuranceProductResource(),
      organizationResource(), userResource(ids),
      siteKeyResource(ids), apiKeyResource(ids), leadSubmissionResource(ids), consentResource(),
      activityResource(ids),
      noteResource(), tagResource(ids),
      documentResource(ids, documents.store, documents.logger),
    ].map(withAccess).map(withFormDefaults),
    branding: BRANDING,
    assets: { styles: [ADMIN_STYLES_PATH] },
    locale: { language: 'en', availableLanguages: ['en'], translations: { en: ADMIN_TRANSLATIONS } },
  });
  // AdminJS throws a plain Error (a 500) for an unknown resource in a URL; it is a 404.
  // Patched on the instance: @adminjs/express refuses subclasses (it checks constructor.name).
  const findResource = admin.findResource.bind(admin);
  admin.findResource = (resourceId: string) => {
    try {
      return findResource(resourceId);
    } catch {
      throw new AppError('not_found', 404, `There is no admin resource "${resourceId}".`);
    }
  };
  refuseUnknownActions();
  return admin;
}

/**
 * AdminJS answers an action name no resource has (`/actions/nope`) with a
 * TypeError, a 500: it is a 404 naming the action. Patched on the
 * controller's prototype, the one place every action request passes.
 */
function refuseUnknownActions(): void {
  const prototype = ApiController.prototype as unknown as { getActionContext(request: { params: { action?: string } }): Promise<{ action?: unknown; resource: { id(): string } }>; __lhPatched?: boolean };
  if (prototype.__lhPatched) return;
  const original = prototype.getActionContext;
  prototype.getActionContext = async function getActionContext(this: unknown, request) {
    const context = await original.call(this, request);
    const name = String(request.params.action);
    const actions = (context.resource as unknown as { decorate(): { actions: object } }).decorate().actions;
    if (!context.action || !Object.hasOwn(actions, name)) throw new AppError('not_found', 404, `There is no action "${name}" on ${context.resource.id()}.`);
    return context;
  };
  prototype.__lhPatched = true;
}

/**
 * The back office at /admin: AdminJS over every table, behind an email +
 * password login whose sessions live in PostgreSQL (shared by every app
 * instance).
 */
export function buildAdmin({ sequelize, databaseUrl, config, logger }: AdminDeps): AdminMount {
  const documents = adminDocuments(createDocumentStore(config), config.DOCUMENTS_MAX_BYTES, logger);
  const admin = createAdmin(documents);
  const production = config.NODE_ENV === 'production';
  prepareComponents(admin, config.NODE_ENV, logger);
  const sessionPool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const PgStore = ConnectPgSimple(session);
  const store = new PgStore({ pool: sessionPool, tableName: SESSION_TABLE, createTableIfMissing: false, pruneSessionInterval: production ? 900 : false });
  const sessionOptions: session.SessionOptions = {
    store, secret: config.SESSION_SECRET, name: SESSION_COOKIE, resave: false, saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE, maxAge: config.ADMIN_SESSION_ABSOLUTE_HOURS * 3_600_000 },
  };
  // Sign-in, sign-out and the session policy (sessions/); AdminJS's router finds the session already loaded.
  const sessions = adminSessionsRouter({ sequelize, admin, config, session: session(sessionOptions), cookieName: SESSION_COOKIE, logger });
  // Our own body parser, ahead of what @adminjs/express installs: express-formidable then finds the body read.
  const ahead = express.Router();
  ahead.use(adminBodyParser());
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: refuseSignIn, cookieName: SESSION_COOKIE, cookiePassword: config.SESSION_SECRET },
    ahead,
    sessionOptions,
  );
  // Added after the login check the router was built with, so it is behind the admin session too.
  router.get('/export/leads.csv', leadsCsvExport({ admin, logger }));
  // Ahead of AdminJS's router, whose body parser refuses files; behind the session checks of `sessions`.
  const files = documentRoutes({
    store: documents.store, documentsDir: config.documentsDir, maxBytes: config.DOCUMENTS_MAX_BYTES, loginPath: admin.options.loginPath, logger,
  });
  return {
    admin,
    mount(app) {
      serveLocalFonts(app, FONTS_PATH, ADMIN_ROOT);
      app.use(ADMIN_ROOT, safeAdminHtml(BRANDING.companyName, logger), cspSafeBundles()); // inert inlined state, nonced inline scripts, no eval
      serveAdminStyles(app);
      // Before anything that acts: it sees every request that reaches the admin, whatever the spelling.
      app.use(ADMIN_ROOT, crossSiteGuard());
      app.use(`${ADMIN_ROOT}/api`, readableNotices);
      app.use(passwordResetPage(sequelize)); // before the login check: the link is for someone who cannot sign in
      app.use(ADMIN_ROOT, sessions, files, router, adminErrors);
    },
    async close() {
      store.close();
      await sessionPool.end();
    },
  };
}
