import { Filter, flat, type CurrentAdmin } from 'adminjs';
import type AdminJS from 'adminjs';
import type { Request, RequestHandler, Response } from 'express';
import { Lead } from '../../../models/index.js';
import { AppError } from '../../errors.js';
import { createLogger, type Logger } from '../../logger.js';
import { ScopedResource } from '../scoped-resource.js';
import { can } from '../access/access-policy.js';
import { actorOf } from '../access/actor.js';
import { asAdmin } from '../current-admin.js';
import { NEWEST_FIRST, leadCsvChunks, type LeadColumn, type LeadSort } from './leads-csv.js';

/** Lets Excel detect UTF-8, so accented names do not open as mojibake. */
const BOM = '\uFEFF';

const blank = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.trim() === '');

/** Same parameters as the list; any column of leads, which is what the list can sort by. */
function parseSort(sortBy: unknown, direction: unknown, resource: ScopedResource): LeadSort {
  const dir = direction === 'asc' ? 'asc' : 'desc'; // as AdminJS: anything but asc is desc
  if (blank(sortBy)) return { ...NEWEST_FIRST, direction: dir };
  resource.assertSortable(String(sortBy)); // what the list may sort by, and only that
  if (typeof sortBy === 'string' && Object.hasOwn(Lead.getAttributes(), sortBy)) return { column: sortBy as LeadColumn, direction: dir };
  const message = 'expected a column of leads';
  throw new AppError('invalid_sort', 422, `The sort is not valid: ${message}.`, [{ field: 'sortBy', code: 'invalid', message }]);
}

/** Resolves on 'drain', or on 'close' (a client that left never drains). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface LeadsCsvExportDeps {
  admin: AdminJS;
  /** Where mid-stream failures go; they can no longer reach the client as a problem response. */
  logger?: Logger;
}

/**
 * GET handler streaming the leads list as CSV, taking the list's query string
 * (`filters.*`, `sortBy`, `direction`). Confinement to the signed-in staff
 * member's organization comes from the leads ScopedResource, as for the list.
 * Mount it behind the admin login: it trusts `req.session.adminUser`.
 */
export function leadsCsvExport({ admin, logger = createLogger() }: LeadsCsvExportDeps): RequestHandler {
  const found = admin.findResource('leads');
  if (!(found instanceof ScopedResource)) throw new Error('The leads admin resource must be a ScopedResource: the export relies on its confinement.');
  const resource: ScopedResource = found;

  async function stream(req: Request, res: Response): Promise<void> {
    // The response's 'close', not the request's: a request also emits 'close' as soon as its
    // body has been read (AdminJS's form parser reads it), long before the client leaves.
    let closed = false;
    res.on('close', () => { closed = true; });
    const query = flat.unflatten<unknown, { filters?: unknown; sortBy?: unknown; direction?: unknown }>(req.query);
    const filter = new Filter(typeof query.filters === 'object' && query.filters ? query.filters : {}, resource);
    const sort = parseSort(query.sortBy, query.direction, resource);
    const currentAdmin = (req.session as { adminUser?: CurrentAdmin } | undefined)?.adminUser;
    if (!can(actorOf(currentAdmin), 'leads', 'exportCsv')) throw new AppError('forbidden', 403, 'Exporting leads is for managers and admins of your organization.');
    // The list's own conditions (checked values, ranges, search, confinement): a 422 here for a bad value.
    const chunks = leadCsvChunks(resource.conditionsFor(filter, currentAdmin), sort, asAdmin(currentAdmin)?.timezone);
    // The first chunk needs every lookup and the first query to have succeeded, so a
    // failure up to here still reaches the error middleware as a proper response.
    let chunk = await chunks.next();
    res.status(200).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    });
    try {
      let prefix = BOM;
      while (!chunk.done && !closed) {
        if (!res.write(prefix + chunk.value)) await drained(res);
        prefix = '';
        if (!closed) chunk = await chunks.next();
      }
      if (closed) await chunks.return(undefined);
      else res.end();
    } catch (error) {
      // Headers are out: a problem document would land inside the CSV. Cut the
      // connection so the client sees a failed download, not a short file.
      logger.error(`Lead CSV export failed while streaming: ${(error as Error).message}`, error);
      res.destroy();
    }
  }

  return (req, res, next) => { stream(req, res).catch(next); };
}
