import {
  DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { DocumentMissingError, assertStorageKey, isStorageKey, type DocumentStore, type StoredFile } from './document-store.js';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible service (MinIO, R2…); unset for AWS. */
  endpoint?: string;
  forcePathStyle?: boolean;
}

/**
 * Documents as objects of one bucket, named by their storage key. S3 makes
 * an object visible only once its PUT completes, which gives the atomicity
 * the disk store gets from its rename. Credentials come from the SDK's
 * default chain (environment, shared files, instance or task role), so none
 * is ever in our configuration.
 */
export class S3DocumentStore implements DocumentStore {
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StoreOptions, client?: S3Client) {
    this.bucket = options.bucket;
    this.client = client ?? new S3Client({ region: options.region, endpoint: options.endpoint, forcePathStyle: options.forcePathStyle });
  }

  async put(key: string, body: Readable | Buffer, info: { size: number; contentType: string }): Promise<void> {
    assertStorageKey(key);
    // A stream needs its length: without it the SDK cannot sign the request.
    await this.client.send(new PutObjectCommand({
      Bucket: this.bucket, Key: key, Body: body, ContentLength: info.size, ContentType: info.contentType,
    }));
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!Body) throw new DocumentMissingError(key);
      // In Node the SDK answers with a Readable; anything else (a browser-style body) is read through its web stream.
      return Body instanceof Readable ? Body : Readable.fromWeb(Body.transformToWebStream() as unknown as import('node:stream/web').ReadableStream);
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata?.httpStatusCode === 404)) throw new DocumentMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(): AsyncIterable<StoredFile> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken }));
      for (const object of page.Contents ?? []) {
        // Objects someone else put in the bucket are not ours to judge.
        if (object.Key && isStorageKey(object.Key)) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date(0) };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }
}
