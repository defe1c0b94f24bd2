export { decodeCursor, encodeCursor, invalidCursor } from './cursor';
export {
  defineKeyset,
  type Keyset,
  type KeysetSort,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  type Page,
  type PageRequest,
  pageInputShape,
  pageOutput,
  paginate,
  type SortKey,
  type SortKeyType,
  type SortParam,
} from './keyset';
