import { createTRPCRouter } from '../../../trpc';
import { list } from './list';
import { revoke } from './revoke';

export const adminApiKeysRouter = createTRPCRouter({ list, revoke });
