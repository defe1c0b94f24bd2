import type { Database } from '@carhub/db';
import type { Auth } from '../../context';
import { auditChanges } from './changes';

/** What the log says was acted on. */
export const auditEntities = ['user', 'car', 'photo', 'webhook', 'sale', 'booking', 'showroom', 'api_key'] as const;
export type AuditEntity = (typeof auditEntities)[number];
/** The verb: `export` writes no entity, only what was exported (its filters, in `after`). */
export const auditActions = ['create', 'update', 'delete', 'export'] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | null;
  before?: object | null | undefined;
  after?: object | null | undefined;
}

/**
 * Who acted: a signed-in user, or `null` for the command line (`pnpm cli create-admin` on a fresh
 * install, where nobody can sign in yet).
 */
export type AuditActor = Pick<Auth, 'user'> | null;

/** What the log names the command line as: it has no account. */
export const COMMAND_LINE_ACTOR = 'command line (pnpm cli)';

/** Who acted, as the row will remember them after their account is gone. */
export function actorName(user: Pick<Auth['user'], 'username' | 'firstName' | 'lastName'>): string {
  return `${user.firstName} ${user.lastName} (${user.username})`;
}

/**
 * The one way an audit row is written. Call it with the transaction of the change (`trx`), so
 * a change that rolls back leaves no row and a committed one always has its row.
 */
export async function audit(trx: Database, auth: AuditActor, entry: AuditEntry): Promise<void> {
  const changes = auditChanges(
    entry.before as Record<string, unknown> | null | undefined,
    entry.after as Record<string, unknown> | null | undefined,
  );
  await trx
    .insertInto('auditLog')
    .values({
      actorId: auth ? auth.user.id : null,
      actorName: auth ? actorName(auth.user) : COMMAND_LINE_ACTOR,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      changes: JSON.stringify(changes),
    })
    .execute();
}

/** Many rows of one actor in one statement per chunk (an import), each as `audit` would write it. */
export async function auditMany(
  trx: Database,
  auth: Pick<Auth, 'user'>,
  entries: readonly AuditEntry[],
): Promise<void> {
  const name = actorName(auth.user);
  for (let i = 0; i < entries.length; i += AUDIT_CHUNK) {
    const values = entries.slice(i, i + AUDIT_CHUNK).map((entry) => ({
      actorId: auth.user.id,
      actorName: name,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      changes: JSON.stringify(
        auditChanges(
          entry.before as Record<string, unknown> | null | undefined,
          entry.after as Record<string, unknown> | null | undefined,
        ),
      ),
    }));
    if (values.length > 0) await trx.insertInto('auditLog').values(values).execute();
  }
}

// Rows per insert: well under the 65,535 bind parameters a statement may carry.
const AUDIT_CHUNK = 500;

/**
 * Audits a change unless the actor made it to what is theirs (`owners`: a garage car's owner, a
 * booking's customer and its car's owner). An owner keeping their own garage or a customer
 * their own booking writes no row; staff and admins acting for others (stock has no owner)
 * always do.
 */
export async function auditUnlessOwn(
  trx: Database,
  auth: Pick<Auth, 'user'>,
  entry: AuditEntry,
  owners: readonly (string | null)[],
): Promise<void> {
  if (!owners.includes(auth.user.id)) await audit(trx, auth, entry);
}
