/**
 * What other packages' tests may use of this one's test kit (`@carhub/api/testing`), so no test
 * reaches into another package's folders: a real SMTP server that keeps what it receives.
 */
export { type ReceivedMail, startSmtpServer } from './notify-helpers';
