// The API's schema modules (imported for form validation) reach @carhub/db only for its error
// helpers; the browser build resolves that import here, so no database driver ships.
export { isPgError, PgErrorCode } from '../../../../packages/db/src/errors';
