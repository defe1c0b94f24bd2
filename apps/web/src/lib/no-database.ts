// The API's schema modules (imported for form validation) reach @carhub/db only for its error
// helpers; the browser build resolves that import here, so no database driver ships. The
// errors module imports nothing, so all of it may come along.
export * from '../../../../packages/db/src/errors';
