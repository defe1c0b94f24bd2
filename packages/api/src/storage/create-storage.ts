import { LocalStorage } from './local-storage';
import { S3Storage } from './s3-storage';
import type { Storage, StorageConfig } from './storage';

export function createStorage(config: StorageConfig): Storage {
  return config.driver === 's3' ? new S3Storage(config) : new LocalStorage(config);
}
