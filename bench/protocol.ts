/** What the harness and the load-generator child send each other (plain data: it crosses IPC). */

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One window against one target. */
export interface LoadJob {
  url: string;
  connections: number;
  /** Whole seconds: autocannon ends a window on one of its 1-second samples. */
  durationSec: number;
  /** 0 for a target already warm from an earlier round. */
  warmupSec: number;
  timeoutSec: number;
  /** Each connection cycles through these in order. */
  requests: LoadRequest[];
}

/** The raw figures of one window, merged by the harness over the rounds. */
export interface WindowResult {
  /** 2xx responses in the measured window. */
  ok: number;
  /** 2xx responses during the warm-up, which is not measured but still did the work. */
  warmupOk: number;
  seconds: number;
  /** Latency in ms of every 2xx response, so that percentiles can be taken over all rounds. */
  latencies: Float64Array;
  non2xx: number;
  /** Socket errors, timeouts included (autocannon counts a timeout as an error too). */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export type LoadReply = { ok: true; window: WindowResult } | { ok: false; error: string };

/** One stream of the soak (bench/soak.ts): a fixed overall rate for the whole soak. */
export interface SoakJob {
  stream: string;
  url: string;
  connections: number;
  /** Requests per second over all connections. */
  rate: number;
  durationSec: number;
  timeoutSec: number;
  /** Epoch ms when every stream starts, so that their minutes line up. */
  startAt: number;
  requests: LoadRequest[];
}

/** One stream's responses in one minute of the soak. */
export interface SoakMinute {
  stream: string;
  minute: number;
  ok: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  latencies: number[] | Float64Array;
}

export type SoakMessage = { kind: 'minute'; minute: SoakMinute } | { kind: 'done'; sent: number };
