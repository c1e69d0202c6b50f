export {
  createKeepAlivePool,
  type KeepAlivePool,
  type KeepAlivePoolOptions,
} from './create-keep-alive-pool.ts';
export {
  HttpConnectionError,
  HttpPoolClosedError,
  HttpProtocolError,
  HttpTimeoutError,
} from './errors.ts';
export type { HttpRequest, HttpResponse } from './types.ts';
