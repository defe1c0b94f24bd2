export { createStorage } from './create-storage';
export { LocalStorage, MEDIA_PATH_PREFIX } from './local-storage';
export { checkMediaSignature, type MediaUrlCheck, mediaSignature } from './media-url-signature';
export { assertObjectKey, contentTypeForKey, isValidObjectKey } from './object-key';
export { S3Storage } from './s3-storage';
export type {
  ListedObject,
  LocalStorageConfig,
  S3StorageConfig,
  Storage,
  StorageConfig,
  StoredObject,
  UrlOptions,
} from './storage';
