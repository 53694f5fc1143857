import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Express } from 'express';

const GOOGLE_FONTS = /<link[^>]+fonts\.googleapis\.com[^>]*>/g;
const WEIGHTS = [300, 400, 500, 700];

/**
 * AdminJS's page templates link Roboto from Google Fonts; on an offline or
 * locked-down network the page stalls on it. This serves Roboto from the
 * @fontsource/roboto package at `fontsPath` and rewrites the link in every
 * page under `pagesPath`.
 */
export function serveLocalFonts(app: Express, fontsPath: string, pagesPath: string): void {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@fontsource/roboto/400.css'));
  const links = WEIGHTS.map((w) => `<link rel="stylesheet" href="${fontsPath}/${w}.css" type="text/css">`).join('');
  app.use(fontsPath, express.static(dir, { immutable: true, maxAge: '365d', index: false }));
  app.use(pagesPath, (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => send(typeof body === 'string' ? body.replace(GOOGLE_FONTS, links) : body);
    next();
  });
}
