/**
 * Operator settings procedures need. The server fills them from its config (apps/server
 * config.ts reads the environment); tests and scripts pass what they test.
 */
export interface ApiSettings {
  /** auth.register refuses a sign-up that does not accept the terms. */
  requireTerms: boolean;
  /** Webhook URLs may point at loopback and private networks (development, tests). */
  webhookAllowPrivateTargets: boolean;
  /** The commission rate (percent, "5.00") of staff created without one. */
  defaultCommissionRate: string;
}

export const defaultSettings: ApiSettings = {
  requireTerms: false,
  webhookAllowPrivateTargets: false,
  defaultCommissionRate: '5.00',
};
