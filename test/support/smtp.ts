import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for the tests (`smtp-server`), on 127.0.0.1 and a port the system picks, so parallel test files
 * never collide. It keeps every message it accepted, parsed with `mailparser`, and can refuse recipients: `refuse`
 * decides per RCPT TO, returning an SMTP reply code (4xx temporary, 5xx permanent) or nothing to accept.
 */
export interface TestSmtp {
  port: number;
  received: ParsedMail[];
  /** The envelope recipients of each accepted message, in order. */
  envelopes: string[][];
  refuse: (address: string, attempt: number) => number | undefined;
  /** RCPT TO attempts per address so far. */
  attempts: Map<string, number>;
  close: () => Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0,
    received: [],
    envelopes: [],
    refuse: () => undefined,
    attempts: new Map(),
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const attempt = (state.attempts.get(address.address) ?? 0) + 1;
      state.attempts.set(address.address, attempt);
      const code = state.refuse(address.address, attempt);
      if (!code) return callback();
      const error = Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code });
      return callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push(mail);
          state.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** The environment that points Vangnet's mail at this server (plain SMTP on the local port). */
export function smtpEnv(smtp: TestSmtp): Record<string, string> {
  return {
    VANGNET_SMTP_HOST: '127.0.0.1',
    VANGNET_SMTP_PORT: String(smtp.port),
    VANGNET_SMTP_TLS: 'none',
    VANGNET_MAIL_FROM: 'vangnet@dordrecht.example',
    VANGNET_MAIL_FROM_NAME: 'Gemeente Dordrecht',
  };
}
