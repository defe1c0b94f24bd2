import { createTRPCRouter } from '../../../trpc';
import { add } from './add';
import { serviceAttachmentsRouter } from './attachments/router';
import { list } from './list';
import { remove } from './remove';
import { update } from './update';

/** A car's service records and their attachments. */
export const servicesRouter = createTRPCRouter({ list, add, update, remove, attachments: serviceAttachmentsRouter });
