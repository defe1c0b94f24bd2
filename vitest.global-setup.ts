import { prepareTestTemplate } from './packages/db/src/testing';

// One migrated template per run; every integration test file's database is a copy of it.
export default prepareTestTemplate;
