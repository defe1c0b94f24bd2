import { AppError } from '../../errors';
import type { Viewer } from '../auth/principal';

/**
 * Whose metrics a viewer may read: an admin anyone's, a staff member their own. Staff know
 * their colleagues' ids (every sale names its seller), so another's is FORBIDDEN, not hidden.
 */
export function assertMayReadMetrics(viewer: Viewer, staffId: string): void {
  if (viewer.role !== 'admin' && viewer.id !== staffId) {
    throw new AppError('FORBIDDEN', 'Staff may read their own metrics only.');
  }
}
