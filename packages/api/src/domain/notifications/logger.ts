/** The slice of a pino logger the notification code writes to (the server passes its own). */
export interface NotifyLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: NotifyLogger = { info() {}, warn() {}, error() {} };
