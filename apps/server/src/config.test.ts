import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults: embedded database, port 3000, local storage', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      databaseUrl: undefined,
      port: 3000,
      host: 'localhost',
      trustProxy: false,
      storage: { driver: 'local', dir: './data/files' },
      showroomTimeZone: 'UTC',
      corsOrigins: [],
      uploadMaxBytes: 10 * 1024 * 1024,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db/carhub',
      PORT: '8080',
      HOST: '0.0.0.0',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.1',
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'photos',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
      SHOWROOM_TZ: 'Europe/Berlin',
      CORS_ORIGINS: 'https://app.example.com,https://admin.example.com',
      UPLOAD_MAX_BYTES: '2048',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@db/carhub',
      port: 8080,
      host: '0.0.0.0',
      trustProxy: ['10.0.0.0/8', '192.168.1.1'],
      storage: { driver: 's3', bucket: 'photos', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true },
      showroomTimeZone: 'Europe/Berlin',
      corsOrigins: ['https://app.example.com', 'https://admin.example.com'],
      uploadMaxBytes: 2048,
      logLevel: 'warn',
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it.each([
    ['PORT', 'abc', /^Invalid configuration: PORT: .*\(got "abc"\)$/],
    ['PORT', '70000', /^Invalid configuration: PORT: .*65535.*\(got "70000"\)$/],
    ['SHOWROOM_TZ', 'Mars/Olympus', /^Invalid configuration: SHOWROOM_TZ: expected an IANA time zone/],
    ['CORS_ORIGINS', 'not a url', /^Invalid configuration: CORS_ORIGINS: expected a comma-separated list/],
    ['STORAGE_DRIVER', 'ftp', /^Invalid configuration: STORAGE_DRIVER: .*"local".*"s3"/],
    ['TRUST_PROXY', 'sometimes', /^Invalid configuration: TRUST_PROXY: expected true, false/],
    ['LOG_LEVEL', 'loud', /^Invalid configuration: LOG_LEVEL: /],
    ['UPLOAD_MAX_BYTES', '-5', /^Invalid configuration: UPLOAD_MAX_BYTES: /],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('signs local media URLs with MEDIA_URL_SECRET, valid for MEDIA_URL_TTL_SECONDS (default one hour)', () => {
    const secret = 'x'.repeat(40);
    expect(loadConfig({ MEDIA_URL_SECRET: secret, MEDIA_URL_TTL_SECONDS: '900' })).toMatchObject({
      storage: { driver: 'local', urlSecret: secret, urlTtlSeconds: 900 },
      warnings: [],
    });
    const s3 = loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'photos', MEDIA_URL_TTL_SECONDS: '600' });
    expect(s3.storage).toMatchObject({ driver: 's3', urlTtlSeconds: 600 });
    expect(s3.warnings).toEqual([]);
  });

  it('without MEDIA_URL_SECRET outside production: a random secret per start, and a warning', () => {
    const a = loadConfig({});
    const b = loadConfig({ MEDIA_URL_SECRET: '' });
    if (a.storage.driver !== 'local' || b.storage.driver !== 'local') throw new Error('expected the local driver');
    expect(a.storage.urlSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.storage.urlSecret).not.toBe(b.storage.urlSecret);
    expect(a.storage.urlTtlSeconds).toBe(3600);
    expect(a.warnings).toEqual([expect.stringMatching(/^MEDIA_URL_SECRET is not set: using a random one/)]);
  });

  it('derives calendar-feed URLs from CALENDAR_FEED_SECRET, else MEDIA_URL_SECRET', () => {
    const media = 'm'.repeat(32);
    const calendar = 'c'.repeat(32);
    expect(loadConfig({ MEDIA_URL_SECRET: media, CALENDAR_FEED_SECRET: calendar }).calendarFeedKey).toBe(calendar);
    const fallback = loadConfig({ MEDIA_URL_SECRET: media });
    expect([fallback.calendarFeedKey, fallback.warnings]).toEqual([media, []]);
    expect(() => loadConfig({ CALENDAR_FEED_SECRET: 'short' })).toThrow(/CALENDAR_FEED_SECRET: expected at least 32/);
    expect(() => loadConfig({ CALENDAR_FEED_SECRET: 'short' })).not.toThrow(/short/);
    const production = loadConfig({ NODE_ENV: 'production', STORAGE_DRIVER: 's3', S3_BUCKET: 'photos' });
    expect(production.warnings).toEqual([expect.stringMatching(/^CALENDAR_FEED_SECRET is not set/)]);
  });

  it('requires MEDIA_URL_SECRET in production with the local driver, not with s3', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^Invalid configuration: MEDIA_URL_SECRET: required in production with STORAGE_DRIVER=local/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', MEDIA_URL_SECRET: 's'.repeat(32) })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production', STORAGE_DRIVER: 's3', S3_BUCKET: 'photos' })).not.toThrow();
  });

  it('refuses a short MEDIA_URL_SECRET without repeating it', () => {
    expect(() => loadConfig({ MEDIA_URL_SECRET: 'hunter2-short' })).toThrow(
      /^Invalid configuration: MEDIA_URL_SECRET: expected at least 32 characters[^"]*$/,
    );
    expect(() => loadConfig({ MEDIA_URL_SECRET: 'hunter2-short' })).not.toThrow(/hunter2/);
  });

  it.each(['59', '604801', '1.5', 'soon'])('refuses MEDIA_URL_TTL_SECONDS=%s', (value) => {
    expect(() => loadConfig({ MEDIA_URL_TTL_SECONDS: value })).toThrow(
      /^Invalid configuration: MEDIA_URL_TTL_SECONDS: expected a whole number of seconds from 60 to 604800/,
    );
  });

  it('requires S3_BUCKET with the s3 driver', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3/);
  });
});

describe('notification settings', () => {
  it('defaults: inline worker, no SMTP, links to localhost, private webhook targets allowed outside production', () => {
    const config = loadConfig({});
    expect(config.requireTerms).toBe(false);
    expect(config.notifications).toMatchObject({
      workerMode: 'inline',
      smtpUrl: undefined,
      publicUrl: 'http://localhost:3000',
      webhookTimeoutMs: 10_000,
      webhookAllowPrivateTargets: true,
    });
    const production = { NODE_ENV: 'production', MEDIA_URL_SECRET: 'x'.repeat(40) };
    expect(loadConfig(production).notifications.webhookAllowPrivateTargets).toBe(false);
    expect(
      loadConfig({ ...production, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).notifications.webhookAllowPrivateTargets,
    ).toBe(true);
  });

  it('points links at the listening address when PUBLIC_URL is not set', () => {
    expect(loadConfig({ PORT: '4000' }).notifications.publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ PORT: '4000', HOST: '0.0.0.0' }).notifications.publicUrl).toBe('http://localhost:4000');
    expect(loadConfig({ PORT: '8080', HOST: '::' }).notifications.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '192.168.1.20' }).notifications.publicUrl).toBe('http://192.168.1.20:8080');
    expect(loadConfig({ PORT: '8080', HOST: '::1' }).notifications.publicUrl).toBe('http://[::1]:8080');
    expect(loadConfig({ PORT: '4000', PUBLIC_URL: 'https://cars.example.com' }).notifications.publicUrl).toBe(
      'https://cars.example.com',
    );
  });

  it('reads them, and names a bad one', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pw@mail.example.com:465',
      MAIL_FROM: 'Cars <cars@example.com>',
      PUBLIC_URL: 'https://cars.example.com',
      REQUIRE_TERMS: 'true',
      WORKER_MODE: 'off',
      WEBHOOK_TIMEOUT_MS: '2500',
    });
    expect(config.requireTerms).toBe(true);
    expect(config.notifications).toMatchObject({
      workerMode: 'off',
      smtpUrl: 'smtps://user:pw@mail.example.com:465',
      mailFrom: 'Cars <cars@example.com>',
      publicUrl: 'https://cars.example.com',
      webhookTimeoutMs: 2500,
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL: expected an smtp/);
    expect(() => loadConfig({ WORKER_MODE: 'sometimes' })).toThrow(/WORKER_MODE/);
  });
});

describe('DEFAULT_COMMISSION_RATE', () => {
  it('defaults to 5.00, reads a percentage with up to two decimals, names a bad one', () => {
    expect(loadConfig({}).defaultCommissionRate).toBe('5.00');
    expect(loadConfig({ DEFAULT_COMMISSION_RATE: '7.5' }).defaultCommissionRate).toBe('7.50');
    expect(loadConfig({ DEFAULT_COMMISSION_RATE: '100' }).defaultCommissionRate).toBe('100.00');
    for (const bad of ['100.5', '-1', '2.125', 'five']) {
      expect(() => loadConfig({ DEFAULT_COMMISSION_RATE: bad })).toThrow(
        /DEFAULT_COMMISSION_RATE: expected a percentage/,
      );
    }
  });
});
