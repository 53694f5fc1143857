/**
 * `npm run build` step: pre-bundles the admin's custom components into
 * ADMIN_JS_TMP_DIR (default `.adminjs/`). Models need a Sequelize instance to
 * describe their columns to AdminJS, but no connection is ever opened.
 */
process.env.NODE_ENV ??= 'production'; // minified bundle; read by AdminJS's bundler when it loads

const { Sequelize } = await import('sequelize');
const { initModels } = await import('../../models/index.js');
initModels(new Sequelize('postgres://bundle@localhost/none', { logging: false }));
const { createAdmin } = await import('./build-admin.js');
const { bundleComponents } = await import('./bundle-components.js');
const started = performance.now();
const file = await bundleComponents(createAdmin());
process.stdout.write(`Admin components bundled into ${file} in ${Math.round(performance.now() - started)} ms\n`);
