export { type Config, ConfigError, configSchema, loadConfig, testConfig } from './config';
export { createServer, type ServerDeps } from './create-server';
export { prepareDatabase } from './prepare-database';
