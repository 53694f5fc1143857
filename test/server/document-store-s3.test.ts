import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { loadConfig } from '../../server/config.js';
import { createDocumentStore } from '../../server/documents/create-store.js';
import { DocumentMissingError, newStorageKey } from '../../server/documents/document-store.js';
import { S3DocumentStore } from '../../server/documents/s3-store.js';

/** The S3 adapter against the SDK's own mock: what each call sends, and how each answer is read. */
const s3 = mockClient(S3Client);
const store = new S3DocumentStore({ bucket: 'lead-docs', region: 'eu-west-1' });
beforeEach(() => { s3.reset(); });

const text = async (stream: Readable) => { let out = ''; for await (const chunk of stream) out += chunk.toString(); return out; };

describe('S3 document store', () => {
  it('puts the whole body under the key, with its length and type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const key = newStorageKey(7);
    await store.put(key, Buffer.from('%PDF-1.4'), { size: 8, contentType: 'application/pdf' });
    const [call] = s3.commandCalls(PutObjectCommand);
    expect(call!.args[0].input).toMatchObject({ Bucket: 'lead-docs', Key: key, ContentLength: 8, ContentType: 'application/pdf' });
  });

  it('gets a file as a stream, and a missing one as DocumentMissingError', async () => {
    const key = newStorageKey(7);
    s3.on(GetObjectCommand, { Bucket: 'lead-docs', Key: key }).resolves({ Body: Readable.from([Buffer.from('hello')]) as never }); // in Node the SDK's body is a Readable
    expect(await text(await store.get(key))).toBe('hello');
    const missing = newStorageKey(7);
    s3.on(GetObjectCommand, { Bucket: 'lead-docs', Key: missing }).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    await expect(store.get(missing)).rejects.toBeInstanceOf(DocumentMissingError);
  });

  it('deletes by key', async () => {
    s3.on(DeleteObjectCommand).resolves({});
    const key = newStorageKey(3);
    await store.delete(key);
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'lead-docs', Key: key });
  });

  it('lists every page of the bucket, and only keys it made', async () => {
    const [a, b] = [newStorageKey(1), newStorageKey(2)];
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: a, LastModified: new Date('2026-01-01') }, { Key: 'someone-else/backup.tar' }], IsTruncated: true, NextContinuationToken: 't1' })
      .resolvesOnce({ Contents: [{ Key: b, LastModified: new Date('2026-01-02') }], IsTruncated: false });
    const seen = [];
    for await (const file of store.list()) seen.push(file);
    expect(seen).toEqual([{ key: a, modifiedAt: new Date('2026-01-01') }, { key: b, modifiedAt: new Date('2026-01-02') }]);
    expect(s3.commandCalls(ListObjectsV2Command)[1]!.args[0].input.ContinuationToken).toBe('t1');
  });

  it('refuses a key it did not make, before any request', async () => {
    for (const key of ['../etc/passwd', '1/../../x', 'a/b', '']) {
      await expect(store.get(key)).rejects.toThrow(/Not a document storage key/);
      await expect(store.delete(key)).rejects.toThrow(/Not a document storage key/);
    }
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('choosing the store by configuration', () => {
  it('DOCUMENTS_STORE=s3 needs a bucket, and takes the endpoint and region', () => {
    expect(() => loadConfig({ DOCUMENTS_STORE: 's3' })).toThrow(/S3_BUCKET: required when DOCUMENTS_STORE=s3/);
    const config = loadConfig({ DOCUMENTS_STORE: 's3', S3_BUCKET: 'lead-docs', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_REGION: 'eu-central-1' });
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
    expect(createDocumentStore(config)).toBeInstanceOf(S3DocumentStore);
  });

  it('by default, documents are on disk under data/documents beside the embedded database', () => {
    const config = loadConfig({});
    expect(config.DOCUMENTS_STORE).toBe('disk');
    expect(config.documentsDir).toBe(`${process.cwd()}/data/documents`);
    expect(config.DOCUMENTS_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(createDocumentStore(config).constructor.name).toBe('DiskDocumentStore');
  });
});
