import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { CurrentAdmin } from 'adminjs';
import { Op } from 'sequelize';
import { Activity, Document, Lead } from '../../models/index.js';
import { AppError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { can } from '../admin/access/access-policy.js';
import { actorOf } from '../admin/access/actor.js';
import { OrganizationScope } from '../admin/access/organization-scope.js';
import { RECORD_NOT_ACCESSIBLE } from '../admin/admin-locale.js';
import { asAdmin } from '../admin/current-admin.js';
import { documentTypeOf, isFieldError } from './document-type.js';
import { DocumentMissingError, newStorageKey, type DocumentStore } from './document-store.js';
import { receiveUpload, tooLarge } from './receive-upload.js';

export interface DocumentRoutesDeps {
  store: DocumentStore;
  documentsDir: string;
  maxBytes: number;
  /** Where the login page is, for a signed-out download. */
  loginPath: string;
  logger?: Logger;
}

/** The path of a document's download, as the admin's pages link to it (relative to the admin's root). */
export const downloadPath = (id: number | string) => `/documents/${id}/download`;

const currentAdmin = (req: Request) => (req.session as { adminUser?: CurrentAdmin } | undefined)?.adminUser;
const validId = (id: string | undefined) => /^\d{1,9}$/.test(id ?? '');

/**
 * `filename*=UTF-8''…` (RFC 5987/6266) carries any name exactly; the plain
 * `filename` beside it is an ASCII stand-in for the rare client that reads only it.
 */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** What the admin's pages get back about a document. */
export function documentJson(document: Document, root: string) {
  return {
    id: document.id, lead_id: document.lead_id, original_name: document.original_name, content_type: document.content_type,
    size_bytes: Number(document.size_bytes), sha256: document.sha256, created_at: document.created_at, download_url: `${root}${downloadPath(document.id)}`,
  };
}

/**
 * Upload and download of lead documents, mounted under /admin after the
 * session has been loaded and checked (sessions/) and before AdminJS's
 * router, whose body parser refuses files (admin-body.ts): these two routes
 * are the only place a file enters or leaves. The cross-site guard in front
 * of the whole admin refuses an upload that the admin's own pages did not send.
 */
export function documentRoutes({ store, documentsDir, maxBytes, loginPath, logger = createLogger() }: DocumentRoutesDeps): Router {
  const router = express.Router();
  const root = loginPath.replace(/\/login$/, '');

  const upload: RequestHandler = async (req, res, next) => {
    let staged: string | undefined;
    // Before answering, so that whoever reads the answer finds no staged file left behind.
    const discardStaged = async () => {
      if (staged) await fs.rm(staged, { force: true }).catch((error: unknown) => logger.warn(`Could not remove a staged upload ${staged}: ${String(error)}`));
      staged = undefined;
    };
    try {
      const admin = currentAdmin(req);
      // Signed out, the body is not read at all, and there is no page to send a script to.
      if (!admin) throw new AppError('signed_out', 401, 'Your session has ended. Sign in again, then upload the file.', [], { 'Cache-Control': 'no-store' });
      if (!can(actorOf(admin), 'leads', 'uploadDocument')) throw new AppError('forbidden', 403, 'Your role does not allow uploading documents.');
      const leadId = req.params.id;
      const lead = validId(leadId)
        ? await Lead.findOne({ where: { [Op.and]: [{ id: leadId }, ...OrganizationScope.of(admin).where('organization_id')] }, attributes: ['id', 'organization_id'] })
        : null;
      if (!lead) throw new AppError('not_found', 404, RECORD_NOT_ACCESSIBLE);
      const file = await receiveUpload(req, { documentsDir, maxBytes });
      staged = file.path;
      if (file.size === 0) throw new AppError('file_empty', 422, 'The file is empty.', [{ field: 'file', code: 'empty', message: 'The file is empty: choose another.' }]);
      if (file.size > maxBytes) throw tooLarge(maxBytes);
      const type = await documentTypeOf(file.path, file.name, file.isText);
      if (isFieldError(type)) throw new AppError(type.code, type.code === 'type_not_allowed' ? 415 : 422, type.message, [type]);
      const key = newStorageKey(lead.organization_id!);
      await store.put(key, createReadStream(file.path), { size: file.size, contentType: type });
      let document: Document;
      try {
        const uploader = Number(asAdmin(admin)!.id) || null;
        // The document and its line on the lead's timeline are one write: neither without the other.
        document = await Document.sequelize!.transaction(async (transaction) => {
          const made = await Document.create({
            lead_id: lead.id, organization_id: lead.organization_id!, uploaded_by: uploader,
            original_name: file.name.name, content_type: type, size_bytes: file.size, storage_key: key, sha256: file.sha256,
          }, { transaction });
          await Activity.create({
            lead_id: lead.id, organization_id: lead.organization_id, user_id: uploader, type: 'document', summary: `Uploaded ${file.name.name}`,
            metadata: { document_id: made.id, name: file.name.name, content_type: type, size_bytes: file.size },
          } as never, { transaction });
          return made;
        });
      } catch (error) {
        await store.delete(key).catch((failure: unknown) => logger.warn(`Could not remove the file of an upload that was not saved (${key}): ${String(failure)}`));
        throw error;
      }
      await discardStaged();
      res.status(201).set('Cache-Control', 'no-store').json({ document: documentJson(document, root) });
    } catch (error) {
      await discardStaged();
      // A refused body (or one never read) is discarded, so the refusal reaches the client, and the connection not reused.
      res.set('Connection', 'close');
      req.resume();
      next(error);
    }
  };

  const download: RequestHandler = async (req, res, next) => {
    try {
      const admin = currentAdmin(req);
      if (!admin) { res.redirect(loginPath); return; }
      if (!can(actorOf(admin), 'documents', 'show')) throw new AppError('forbidden', 403, 'Your role does not allow opening documents.');
      const id = req.params.id;
      // The document's organization is its lead's, so this is "staff who may see the lead".
      const document = validId(id)
        ? await Document.findOne({ where: { [Op.and]: [{ id }, ...OrganizationScope.of(admin).where('organization_id')] } })
        : null;
      if (!document) throw new AppError('not_found', 404, RECORD_NOT_ACCESSIBLE);
      const body = await store.get(document.storage_key).catch((error: unknown) => {
        if (error instanceof DocumentMissingError) {
          logger.error(`Document ${document.id} has no stored file (${document.storage_key})`);
          throw new AppError('document_file_missing', 404, 'The file of this document is missing from storage. Ask an administrator to check the document store.');
        }
        throw error;
      });
      res.status(200).set({
        'Content-Type': document.content_type,
        'Content-Length': String(document.size_bytes),
        'Content-Disposition': contentDisposition(document.original_name),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        // Even opened in a tab by mistake, a document runs nothing and loads nothing.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      await sendBody(body, res, logger, document.id);
    } catch (error) {
      next(error);
    }
  };

  router.post('/leads/:id/documents', upload);
  router.get(downloadPath(':id'), download);
  return router;
}

async function sendBody(body: NodeJS.ReadableStream, res: Response, logger: Logger, id: number): Promise<void> {
  try {
    await pipeline(body, res);
  } catch (error) {
    // Headers are out: cut the connection so the client sees a failed download, not a short file.
    if (!res.writableFinished) {
      logger.warn(`Download of document ${id} stopped: ${(error as Error).message}`);
      res.destroy();
    }
  }
}
